// `npm run test:e2e` (and so `npm test`) starts here: make sure the machine has what the browser
// tests use, installing it when we can. Chromium: found (tools.ts), else `npx playwright install
// chromium`, else on Debian as root `apt-get install chromium`, else one clear error. poppler's
// pdftoppm and CJK fonts: apt-get on Debian as root, else a warning here and a clear failure in
// the test that needs them (e2e/fixtures/printed-page.ts).

import { findChromium, noChromiumError, type FoundChromium, type Probe } from './tools';

export interface Machine extends Probe {
  /** Runs a command with the output shown; true when it exited 0. */
  run(cmd: string, args: string[]): boolean;
  isDebian: boolean;
  isRoot: boolean;
  /** A font that covers Chinese (fontconfig's `:lang=zh`). */
  hasCjkFonts(): boolean;
  log(line: string): void;
}

export type MissingTool = 'pdftoppm' | 'cjk-fonts';

export interface Provisioned {
  chromium: FoundChromium;
  /** Still missing after provisioning: the tests that need them say so when they run. */
  missing: MissingTool[];
}

const APT_PACKAGE: Record<MissingTool | 'chromium', string> = {
  chromium: 'chromium',
  pdftoppm: 'poppler-utils',
  'cjk-fonts': 'fonts-noto-cjk',
};

function missingTools(m: Machine): MissingTool[] {
  const missing: MissingTool[] = [];
  if (!m.which('pdftoppm')) missing.push('pdftoppm');
  if (!m.hasCjkFonts()) missing.push('cjk-fonts');
  return missing;
}

export function provision(m: Machine): Provisioned {
  const tried: string[] = [
    `SANMA_CHROMIUM (unset)`,
    `PATH: chromium, google-chrome, chromium-browser`,
    `Playwright's browser at ${m.playwrightChromium() ?? '(unknown for this platform)'}`,
  ];
  let chromium = findChromium(m);
  if (!chromium) {
    m.log('provision: no Chromium found; trying `npx playwright install chromium`');
    const ok = m.run('npx', ['playwright', 'install', 'chromium']);
    tried.push(`npx playwright install chromium (${ok ? 'ran, but no browser appeared' : 'failed'})`);
    chromium = findChromium(m);
  }

  let missing = missingTools(m);
  const packages = [...(chromium ? [] : ['chromium' as const]), ...missing].map((t) => APT_PACKAGE[t]);
  if (packages.length > 0) {
    const apt = m.isDebian && m.isRoot && m.which('apt-get') !== null;
    if (apt) {
      m.log(`provision: apt-get install ${packages.join(' ')}`);
      // The lock timeout: on a fresh machine unattended-upgrades may hold dpkg's lock for a while.
      const ok = m.run('apt-get', ['update', '-qq']) && m.run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=300', ...packages]);
      if (!chromium) tried.push(`apt-get install chromium (${ok ? 'ran, but no browser appeared' : 'failed'})`);
      chromium ??= findChromium(m);
      missing = missingTools(m);
    } else if (!chromium) {
      const why = !m.isDebian ? 'not Debian' : !m.isRoot ? 'not root' : 'no apt-get on PATH';
      tried.push(`apt-get install chromium (skipped: ${why})`);
    }
  }
  if (!chromium) throw noChromiumError(tried);

  for (const t of missing) {
    m.log(
      t === 'pdftoppm'
        ? 'provision: warning: pdftoppm (poppler-utils) is missing; the print test will fail until it is installed'
        : 'provision: warning: no CJK font (e.g. fonts-noto-cjk); Chinese text renders as boxes in prints and screenshots',
    );
  }
  m.log(`provision: Chromium ${chromium.path} (from ${chromium.source})`);
  return { chromium, missing };
}
