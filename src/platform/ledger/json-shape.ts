// Strict readers for the ledger's JSON answers (docs/API.md). The ledger is not trusted: a wrong
// shape is BAD_RESPONSE, never a crash deeper in the app. Field names are in the messages.

import { fromHex } from '../../core';
import { LedgerError } from './contract';

export function bad(field: string, expected: string): never {
  throw new LedgerError('BAD_RESPONSE', `${field}: expected ${expected}`);
}

export function obj(v: unknown, field: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) bad(field, 'an object');
  return v as Record<string, unknown>;
}

export function arr(v: unknown, field: string, max = 100_000): unknown[] {
  if (!Array.isArray(v) || v.length > max) bad(field, `an array of at most ${max}`);
  return v;
}

export function int(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) bad(field, 'a non-negative integer');
  return v;
}

export function str(v: unknown, field: string, max = 4096): string {
  if (typeof v !== 'string' || v.length > max) bad(field, `a string of at most ${max} characters`);
  return v;
}

export function bool(v: unknown, field: string): boolean {
  if (typeof v !== 'boolean') bad(field, 'a boolean');
  return v;
}

export function hex(v: unknown, field: string, maxBytes = 8192, exactBytes?: number): Uint8Array {
  const s = str(v, field, maxBytes * 2);
  let out: Uint8Array;
  try {
    out = fromHex(s);
  } catch {
    return bad(field, 'lower-case hex');
  }
  if (exactBytes !== undefined && out.length !== exactBytes) bad(field, `${exactBytes} bytes`);
  return out;
}
