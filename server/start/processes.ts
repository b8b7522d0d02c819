// Child processes of the ledger service: `sanma start` runs the sequencer and each validator as a
// separate process, and the integration tests and the bench do the same on free loopback ports.
// A child announces itself with one JSON line on stdout, {"ready":true,"role",…,"url"}, and exits
// when its parent's IPC channel closes, so no validator outlives a crashed `sanma start`.

import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** This module runs from source (server/start/processes.ts) or from the build (dist-server/*.js). */
const FROM_SOURCE = import.meta.url.endsWith('.ts');

/** bin/sanma.js of this checkout. */
export const SANMA_BIN = resolve(dirname(fileURLToPath(import.meta.url)), FROM_SOURCE ? '../..' : '..', 'bin/sanma.js');

export interface ManagedProcess {
  name: string;
  args: string[];
  proc: ChildProcess;
  pid: number;
  url: string;
  /** The ready line as parsed. */
  ready: Record<string, unknown>;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SpawnOptions {
  readyTimeoutMs?: number;
  /** Every output line that is not the ready line (default: dropped). */
  onLine?: (name: string, line: string, stream: 'stdout' | 'stderr') => void;
  env?: NodeJS.ProcessEnv;
}

export function spawnSanma(name: string, args: string[], opts: SpawnOptions = {}): Promise<ManagedProcess> {
  // SANMA_CPU_PROFILE_DIR=dir: each child writes a V8 CPU profile there when it exits (how
  // docs/SCALING.md found where the ledger's time goes).
  const profile = process.env.SANMA_CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SANMA_CPU_PROFILE_DIR}`] : [];
  // Children run the same code as their parent: from source under the tests and the bench,
  // compiled under `sanma start` (bin/sanma.js).
  const env = { ...(opts.env ?? process.env), ...(FROM_SOURCE ? { SANMA_FROM_SOURCE: '1' } : {}) };
  const proc = spawn(process.execPath, [...profile, SANMA_BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env,
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => proc.once('exit', (code, signal) => res({ code, signal })));
  // The IPC channel is only a lifeline (the child exits when it closes); keep it from holding us up.
  proc.channel?.unref();
  const tail: string[] = [];
  return new Promise((resolvePromise, reject) => {
    let ready = false;
    const timer = setTimeout(() => {
      if (ready) return;
      proc.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${opts.readyTimeoutMs ?? 30_000} ms:\n${tail.join('\n')}`));
    }, opts.readyTimeoutMs ?? 30_000);
    const lines = (stream: 'stdout' | 'stderr') => (line: string) => {
      if (!ready && stream === 'stdout' && line.startsWith('{"ready":true')) {
        try {
          const msg = JSON.parse(line) as Record<string, unknown>;
          ready = true;
          clearTimeout(timer);
          const url = typeof msg.url === 'string' ? msg.url : typeof msg.app === 'string' ? msg.app : '';
          resolvePromise({ name, args, proc, pid: proc.pid!, url, ready: msg, exited });
          return;
        } catch {
          // not our line after all
        }
      }
      tail.push(line);
      if (tail.length > 40) tail.shift();
      opts.onLine?.(name, line, stream);
    };
    createInterface({ input: proc.stdout! }).on('line', lines('stdout'));
    createInterface({ input: proc.stderr! }).on('line', lines('stderr'));
    void exited.then(({ code, signal }) => {
      if (ready) return;
      clearTimeout(timer);
      reject(new Error(`${name} exited (${signal ?? code}) before it was ready:\n${tail.join('\n')}`));
    });
  });
}

/** SIGTERM, then SIGKILL after `graceMs`. Only ever signals this process's own child by PID. */
export async function stopProcess(p: ManagedProcess, graceMs = 5000): Promise<void> {
  if (p.proc.exitCode !== null || p.proc.signalCode !== null) return;
  p.proc.kill('SIGTERM');
  const timer = setTimeout(() => p.proc.kill('SIGKILL'), graceMs);
  await p.exited;
  clearTimeout(timer);
}

export async function killHard(p: ManagedProcess): Promise<void> {
  if (p.proc.exitCode !== null || p.proc.signalCode !== null) return;
  p.proc.kill('SIGKILL');
  await p.exited;
}

/** A port free on 127.0.0.1 right now (the OS picks it). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.once('error', rej);
    s.listen(0, host, () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

/** In a child: print the ready line, and exit cleanly when the parent goes away. */
export function announceReady(role: string, url: string, shutdown: () => Promise<void>): Promise<never> {
  console.log(JSON.stringify({ ready: true, role, url, pid: process.pid }));
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    shutdown()
      .catch((e: unknown) => console.error(`${role}: shutdown: ${String(e)}`))
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (process.send) process.on('disconnect', stop);
  // The process ends in stop(), never by returning.
  return new Promise<never>(() => undefined);
}
