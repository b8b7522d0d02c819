// SIGTERM to `sanma start`, or to the npx that started it, stops every process it started: an
// operator's `kill` or a service manager's stop must not leave validators and a sequencer running
// on their ports (real processes, free ports, a temporary data directory).

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { SANMA_BIN } from './processes';

const ROOT = join(SANMA_BIN, '../..');

interface Ready {
  pid: number;
  pids: number[];
}

/** Alive and, where /proc says so, not a zombie (an exited child nobody reaped yet is gone for us). */
function alive(pid: number): boolean {
  if (existsSync('/proc/self/stat')) {
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pids: number[], withinMs: number): Promise<number[]> {
  const until = Date.now() + withinMs;
  while (Date.now() < until && pids.some(alive)) await new Promise((r) => setTimeout(r, 100));
  return pids.filter(alive);
}

function readyLine(proc: ChildProcess): Promise<Ready> {
  const out: string[] = [];
  return new Promise((res, rej) => {
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      out.push(line);
      if (line.startsWith('{"ready":true')) res(JSON.parse(line) as Ready);
    });
    proc.once('exit', (code) => rej(new Error(`exited (${code}) before ready:\n${out.join('\n')}`)));
  });
}

const dirs: string[] = [];
const started: number[] = [];
afterEach(() => {
  // Only if a test failed half-way: never leave our own processes behind.
  for (const pid of started.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function startArgs(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'sanma-stop-'));
  dirs.push(dir);
  return ['start', '--data-dir', dir, '--port', '0', '--ledger-port', '0', '--no-demo', '--quiet'];
}

describe('stopping sanma start', () => {
  it('SIGTERM to sanma start stops the sequencer and every validator', async () => {
    const proc = spawn(process.execPath, [SANMA_BIN, ...startArgs()], { stdio: ['ignore', 'pipe', 'inherit'] });
    const ready = await readyLine(proc);
    started.push(ready.pid, ...ready.pids);
    expect(ready.pids).toHaveLength(4);
    expect(ready.pids.every(alive)).toBe(true);

    process.kill(ready.pid, 'SIGTERM');
    expect(await gone([ready.pid, ...ready.pids], 10_000)).toEqual([]);
  });

  it('SIGTERM to the npx that ran it stops everything too (npm signals only its shell)', async () => {
    const npx = spawn('npx', ['--no-install', 'sanma', ...startArgs()], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const ready = await readyLine(npx);
    started.push(ready.pid, ...ready.pids);
    expect(ready.pid).not.toBe(npx.pid);

    process.kill(npx.pid!, 'SIGTERM');
    expect(await gone([ready.pid, ...ready.pids], 10_000)).toEqual([]);
  });
});
