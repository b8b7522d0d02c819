// The whole Sanma system as `npm start` runs it, for the figures that measure real processes:
// `sanma start` (validators and sequencer as separate processes, the built app, the demo market)
// in a fresh data directory on free loopback ports. Started once per bench, stopped at the end:
// SIGTERM to our own child by PID (it stops its children), SIGKILL if it lingers.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { BenchContext } from './context';

export interface DemoCode {
  stallNo: string;
  text: string;
  status: string;
  id: string;
  height: number;
  index: number;
}

export interface RunningSystem {
  appUrl: string;
  ledgerUrl: string;
  validatorUrls: string[];
  dataDir: string;
  codes: DemoCode[];
}

const READY_TIMEOUT_MS = 120_000;

/** Why the system cannot be started from this checkout, or null when it can. */
export function systemMissing(root: string): string | null {
  const missing = ['bin/sanma.js', 'server/cli.ts', 'server/start/start.ts'].filter((f) => !existsSync(join(root, f)));
  return missing.length ? `the ledger service cannot be started yet (${missing.join(', ')} missing)` : null;
}

export function runningSystem(ctx: BenchContext): Promise<RunningSystem> {
  let child: ChildProcess | null = null;
  return ctx.shared(
    'system',
    async () => {
      const dataDir = join(ctx.tmp, 'system');
      rmSync(dataDir, { recursive: true, force: true });
      const t0 = performance.now();
      const args = [join(ctx.root, 'bin/sanma.js'), 'start', '--data-dir', dataDir, '--port', '0', '--ledger-port', '0', '--block-interval', '250', '--dist', ctx.distDir, '--quiet'];
      const proc = spawn(process.execPath, args, { cwd: ctx.root, stdio: ['ignore', 'pipe', 'pipe'] });
      child = proc;
      const tail: string[] = [];
      const ready = await new Promise<{ app: string; ledger: string; validators: string[] }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`sanma start: no ready line within ${READY_TIMEOUT_MS / 1000} s: ${tail.slice(-5).join(' | ')}`)), READY_TIMEOUT_MS);
        const onLine = (line: string) => {
          tail.push(line);
          if (tail.length > 20) tail.shift();
          if (!line.startsWith('{"ready":true')) return;
          try {
            const msg = JSON.parse(line) as { app?: string; ledger?: string; validators?: string[] };
            if (!msg.app || !msg.ledger) return;
            clearTimeout(timer);
            resolve({ app: msg.app, ledger: msg.ledger, validators: msg.validators ?? [] });
          } catch {
            // not the ready line after all
          }
        };
        createInterface({ input: proc.stdout! }).on('line', onLine);
        createInterface({ input: proc.stderr! }).on('line', onLine);
        proc.once('exit', (code, signal) => {
          clearTimeout(timer);
          reject(new Error(`sanma start exited (${signal ?? code}) before it was ready: ${tail.slice(-5).join(' | ')}`));
        });
      }).catch((e: unknown) => {
        proc.kill('SIGKILL');
        throw e;
      });
      const codesFile = join(dataDir, 'demo/codes.json');
      const codes = existsSync(codesFile) ? (JSON.parse(readFileSync(codesFile, 'utf8')) as DemoCode[]) : [];
      ctx.log(`sanma start: ready in ${((performance.now() - t0) / 1000).toFixed(1)} s (ledger ${ready.ledger}, app ${ready.app}, ${codes.length} demo codes)`);
      return { appUrl: ready.app, ledgerUrl: ready.ledger, validatorUrls: ready.validators, dataDir, codes };
    },
    async () => {
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill('SIGTERM');
      const force = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(force);
    },
  );
}
