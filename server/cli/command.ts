// The shape of a `sanma` sub-command and the argument handling they share (node:util parseArgs).
// Exit codes: 0 success, 1 failure or warning (per command), 2 invalid input (emv, verify),
// 64 usage error (EX_USAGE of sysexits.h).

import { existsSync, readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DataDir } from '../datadir';

export const EXIT_USAGE = 64;

export class UsageError extends Error {}

export interface Command {
  name: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** `help` is answered by cli.ts main() before a command runs; it is listed so parsing accepts it. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  'data-dir': { type: 'string' },
} as const satisfies Options;

export const LEDGER_OPTION = { ledger: { type: 'string' } } as const satisfies Options;

/** parseArgs, strict, with usage errors turned into UsageError. */
export function parse<O extends Options>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function dataDirOf(values: { 'data-dir'?: string | undefined }): DataDir {
  return new DataDir(values['data-dir'] ?? process.env.SANMA_DATA_DIR ?? './data');
}

export function requireInitialised(dir: DataDir): DataDir {
  if (!dir.isInitialised()) throw new UsageError(`${dir.root} is not a Sanma data directory (run \`sanma start\` or \`sanma init\` first, or pass --data-dir)`);
  return dir;
}

/** What `sanma start` wrote about the running system: where the ledger and the app listen. */
export interface RuntimeFile {
  appUrl: string;
  ledgerUrl: string;
  validatorUrls: string[];
  pid: number;
}

function readRuntime(dir: DataDir): RuntimeFile | null {
  const file = dir.path('runtime.json');
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RuntimeFile;
  } catch {
    return null;
  }
}

/** --ledger, else the URL `sanma start` recorded in the data directory, else the default port. */
export function ledgerUrlOf(values: { ledger?: string | undefined }, dir: DataDir): string {
  const url = values.ledger ?? readRuntime(dir)?.ledgerUrl ?? 'http://127.0.0.1:8081';
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
  } catch {
    throw new UsageError(`--ledger: not an http(s) URL: ${url}`);
  }
  return url.replace(/\/+$/, '');
}

export function intOption(name: string, value: string | undefined, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (!/^[0-9]+$/.test(value)) throw new UsageError(`--${name}: expected a whole number, got ${JSON.stringify(value)}`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`--${name}: expected ${min}..${max}, got ${n}`);
  return n;
}

/** A time given as an ISO date/time or as milliseconds since the epoch. */
export function timeOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (/^[0-9]{10,}$/.test(value)) return Number(value);
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new UsageError(`--${name}: expected an ISO date (2026-12-31) or epoch milliseconds, got ${JSON.stringify(value)}`);
  return t;
}

/** JSON with byte arrays as lower-case hex. */
export function printJson(value: unknown): void {
  console.log(
    JSON.stringify(
      value,
      (_k, v: unknown) => (v instanceof Uint8Array ? Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('') : v),
      2,
    ),
  );
}
