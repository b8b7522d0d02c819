// What the browser tests need from the machine, and the order we look for it. Pure: every look at
// the machine goes through a `Probe`, so the order and the failure message are unit-tested
// (provision.test.ts) without touching the real system. The real probe is system.ts.

export type ProvisionErrorCode =
  /** SANMA_CHROMIUM names a file that is not there: an explicit choice is never silently replaced. */
  | 'CHROMIUM_ENV_NOT_FOUND'
  /** Nothing found and nothing could be installed. */
  | 'NO_CHROMIUM'
  /** poppler's pdftoppm, which the print test rasterises the printed PDF with. */
  | 'NO_PDFTOPPM';

export class ProvisionError extends Error {
  constructor(
    readonly code: ProvisionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProvisionError';
  }
}

export interface Probe {
  env: Readonly<Record<string, string | undefined>>;
  /** An executable file at this path. */
  exists(path: string): boolean;
  /** The first executable of this name on PATH. */
  which(name: string): string | null;
  /** Where Playwright's own Chromium is (or would be after `npx playwright install chromium`). */
  playwrightChromium(): string | null;
}

/** System browser commands, in order of preference (Debian, Google's package, Ubuntu/older). */
export const CHROMIUM_COMMANDS = ['chromium', 'google-chrome', 'chromium-browser'] as const;

export type ChromiumSource = 'SANMA_CHROMIUM' | 'PATH' | 'playwright';

export interface FoundChromium {
  path: string;
  source: ChromiumSource;
}

const HOW_TO = 'Either set SANMA_CHROMIUM=/path/to/chromium (any Chromium or Chrome), or install Chromium: ' +
  '`npx playwright install chromium`, or on Debian/Ubuntu `apt-get install chromium` (as root).';

/** SANMA_CHROMIUM, then chromium / google-chrome / chromium-browser on PATH, then Playwright's own. */
export function findChromium(p: Probe): FoundChromium | null {
  const fromEnv = p.env.SANMA_CHROMIUM;
  if (fromEnv) {
    if (p.exists(fromEnv)) return { path: fromEnv, source: 'SANMA_CHROMIUM' };
    throw new ProvisionError('CHROMIUM_ENV_NOT_FOUND', `SANMA_CHROMIUM=${fromEnv} is not an executable file. ${HOW_TO}`);
  }
  for (const name of CHROMIUM_COMMANDS) {
    const path = p.which(name);
    if (path) return { path, source: 'PATH' };
  }
  const own = p.playwrightChromium();
  if (own && p.exists(own)) return { path: own, source: 'playwright' };
  return null;
}

/** The one message for "no browser", with what was tried so the reader knows what to change. */
export function noChromiumError(tried: string[]): ProvisionError {
  const lines = [`No Chromium for the browser tests. ${HOW_TO}`, ...tried.map((t) => `  tried: ${t}`)];
  return new ProvisionError('NO_CHROMIUM', lines.join('\n'));
}

export function noPdftoppmError(): ProvisionError {
  return new ProvisionError(
    'NO_PDFTOPPM',
    'pdftoppm (poppler) is not on PATH: the print test rasterises the printed PDF with it. ' +
      'Install it (`apt-get install poppler-utils` on Debian/Ubuntu, `brew install poppler` on macOS), ' +
      'or run `npm test` as root on Debian, which installs it.',
  );
}
