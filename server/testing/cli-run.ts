// Runs the real `sanma` command (bin/sanma.js) as a child process, for the tests that check what a
// clerk or a script sees: exit status, standard output and standard error.

import { execFile } from 'node:child_process';
import { SANMA_BIN } from '../start/processes';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runSanma(...args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SANMA_BIN, ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
