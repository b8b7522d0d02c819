// The order in which `npm test` looks for and installs what the browser tests need, and the one
// message when it cannot, on machines described by an injected Machine (no real installs).

import { describe, expect, it } from 'vitest';
import { provision, type Machine } from './provision';
import { findChromium, ProvisionError } from './tools';

const PW = '/root/.cache/ms-playwright/chromium-1/chrome-linux64/chrome';

interface FakeMachine extends Machine {
  files: Set<string>;
  ran: string[];
  logs: string[];
}

/** A machine with these executables; `installs` says what a command would put on disk. */
function machine(opts: {
  files?: string[];
  env?: Record<string, string>;
  debian?: boolean;
  root?: boolean;
  fonts?: boolean;
  installs?: Record<string, string[]>;
}): FakeMachine {
  const files = new Set(opts.files ?? []);
  let fonts = opts.fonts ?? true;
  const m: FakeMachine = {
    files,
    ran: [],
    logs: [],
    env: opts.env ?? {},
    exists: (p) => files.has(p),
    which: (name) => ['/usr/bin', '/usr/local/bin'].map((d) => `${d}/${name}`).find((p) => files.has(p)) ?? null,
    playwrightChromium: () => PW,
    run(cmd, args) {
      const line = [cmd, ...args].join(' ');
      m.ran.push(line);
      const added = opts.installs?.[line];
      if (!added) return false;
      for (const f of added) {
        if (f === 'fonts') fonts = true;
        else files.add(f);
      }
      return true;
    },
    isDebian: opts.debian ?? true,
    isRoot: opts.root ?? true,
    hasCjkFonts: () => fonts,
    log: (line) => m.logs.push(line),
  };
  return m;
}

const TOOLS = ['/usr/bin/pdftoppm', '/usr/bin/apt-get'];

describe('findChromium', () => {
  it('takes SANMA_CHROMIUM first, then chromium, google-chrome, chromium-browser on PATH, then Playwright’s', () => {
    const all = ['/opt/chrome', '/usr/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/chromium-browser', PW];
    const env = { SANMA_CHROMIUM: '/opt/chrome' };
    expect(findChromium(machine({ files: all, env }))).toEqual({ path: '/opt/chrome', source: 'SANMA_CHROMIUM' });
    expect(findChromium(machine({ files: all }))?.path).toBe('/usr/bin/chromium');
    expect(findChromium(machine({ files: all.slice(2) }))?.path).toBe('/usr/bin/google-chrome');
    expect(findChromium(machine({ files: all.slice(3) }))?.path).toBe('/usr/bin/chromium-browser');
    expect(findChromium(machine({ files: [PW] }))).toEqual({ path: PW, source: 'playwright' });
    expect(findChromium(machine({}))).toBeNull();
  });

  it('refuses a SANMA_CHROMIUM that is not there instead of quietly taking another browser', () => {
    const m = machine({ files: ['/usr/bin/chromium'], env: { SANMA_CHROMIUM: '/nowhere/chrome' } });
    expect(() => findChromium(m)).toThrow(expect.objectContaining({ code: 'CHROMIUM_ENV_NOT_FOUND' }));
  });
});

describe('provision', () => {
  it('installs nothing when everything is there', () => {
    const m = machine({ files: ['/usr/bin/chromium', ...TOOLS] });
    expect(provision(m)).toEqual({ chromium: { path: '/usr/bin/chromium', source: 'PATH' }, missing: [] });
    expect(m.ran).toEqual([]);
  });

  it('tries Playwright’s download before apt-get', () => {
    const m = machine({ files: TOOLS, installs: { 'npx playwright install chromium': [PW] } });
    expect(provision(m).chromium).toEqual({ path: PW, source: 'playwright' });
    expect(m.ran).toEqual(['npx playwright install chromium']);
  });

  it('falls back to apt-get on Debian as root, with poppler and CJK fonts in the same install', () => {
    const m = machine({
      files: ['/usr/bin/apt-get'],
      fonts: false,
      installs: {
        'apt-get update -qq': [],
        'apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 chromium poppler-utils fonts-noto-cjk': ['/usr/bin/chromium', '/usr/bin/pdftoppm', 'fonts'],
      },
    });
    expect(provision(m)).toEqual({ chromium: { path: '/usr/bin/chromium', source: 'PATH' }, missing: [] });
    expect(m.ran).toEqual([
      'npx playwright install chromium',
      'apt-get update -qq',
      'apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 chromium poppler-utils fonts-noto-cjk',
    ]);
  });

  it('installs only poppler and fonts by apt-get when a browser is already there', () => {
    const m = machine({ files: ['/usr/bin/google-chrome', '/usr/bin/apt-get'], fonts: false, installs: { 'apt-get update -qq': [] } });
    expect(provision(m).missing).toEqual(['pdftoppm', 'cjk-fonts']);
    expect(m.ran.at(-1)).toBe('apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 poppler-utils fonts-noto-cjk');
  });

  it('stops with one message naming both ways when it cannot install as a normal user', () => {
    const m = machine({ files: TOOLS, root: false });
    let err: unknown;
    try {
      provision(m);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProvisionError);
    expect((err as ProvisionError).code).toBe('NO_CHROMIUM');
    const msg = (err as ProvisionError).message;
    expect(msg).toContain('SANMA_CHROMIUM=');
    expect(msg).toContain('npx playwright install chromium');
    expect(msg).toContain('apt-get install chromium');
    expect(msg).toContain('skipped: not root');
    expect(m.ran).toEqual(['npx playwright install chromium']);
  });

  it('does not run apt-get off Debian, and says so', () => {
    const m = machine({ files: TOOLS, debian: false });
    expect(() => provision(m)).toThrow(/not Debian/);
    expect(m.ran).toEqual(['npx playwright install chromium']);
  });

  it('goes on with a browser but warns when poppler or fonts cannot be installed', () => {
    const m = machine({ files: ['/usr/bin/chromium'], root: false, fonts: false });
    expect(provision(m).missing).toEqual(['pdftoppm', 'cjk-fonts']);
    expect(m.ran).toEqual([]);
    expect(m.logs.join('\n')).toMatch(/pdftoppm \(poppler-utils\) is missing/);
  });
});
