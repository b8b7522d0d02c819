// Real Chromium for the browser figures, driven by playwright-core: the same binary and flags as
// the e2e tests (test/fixtures/chromium.ts).

import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../test/fixtures/chromium';

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, ...extraArgs] });
}
