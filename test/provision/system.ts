// The real machine behind tools.ts and provision.ts: files, PATH, Playwright's browser location,
// commands. Kept apart so the decisions stay testable with an injected machine.

import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium } from '@playwright/test';
import type { Machine } from './provision';
import type { Probe } from './tools';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function which(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}

export const systemProbe: Probe = {
  env: process.env,
  exists: isExecutable,
  which,
  playwrightChromium() {
    try {
      return chromium.executablePath() || null;
    } catch {
      // Playwright has no build for this platform.
      return null;
    }
  },
};

export const systemMachine: Machine = {
  ...systemProbe,
  run(cmd, args) {
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return r.status === 0;
  },
  isDebian: existsSync('/etc/debian_version'),
  isRoot: process.getuid?.() === 0,
  hasCjkFonts() {
    const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
    return r.status === 0 && r.stdout.trim() !== '';
  },
  log: (line) => console.log(line),
};
