// Strict readers for JSON from outside (ledger answers, mirrors, configuration): hostile until
// checked. A wrong shape is CoreError BAD_VALUE naming the field, never a crash deeper in the
// caller. One set of readers for every JSON schema of the project (src/core/ledger/api-json.ts,
// revocation-feed.ts, the app's configuration).

import { fromHex } from './bytes';
import { fail } from './errors';

export function badJson(field: string, expected: string): never {
  return fail('BAD_VALUE', `${field}: expected ${expected}`);
}

export function jsonObject(v: unknown, field: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) badJson(field, 'an object');
  return v as Record<string, unknown>;
}

export function jsonArray(v: unknown, field: string, max: number): unknown[] {
  if (!Array.isArray(v) || v.length > max) badJson(field, `an array of at most ${max}`);
  return v;
}

/** A non-negative safe integer. */
export function jsonNat(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) badJson(field, 'a non-negative integer');
  return v;
}

export function jsonString(v: unknown, field: string, max = 4096): string {
  if (typeof v !== 'string' || v.length > max) badJson(field, `a string of at most ${max} characters`);
  return v;
}

export function jsonBool(v: unknown, field: string): boolean {
  if (typeof v !== 'boolean') badJson(field, 'a boolean');
  return v;
}

/** Lower-case hex of at most `maxBytes` (exactly `exactBytes` when given), kept as the string. */
export function jsonHex(v: unknown, field: string, maxBytes: number, exactBytes?: number): string {
  const s = jsonString(v, field, maxBytes * 2);
  if (!/^(?:[0-9a-f]{2})*$/.test(s)) badJson(field, 'lower-case hex');
  if (exactBytes !== undefined && s.length !== exactBytes * 2) badJson(field, `${exactBytes} bytes of hex`);
  return s;
}

/** jsonHex, decoded. */
export function jsonBytes(v: unknown, field: string, maxBytes: number, exactBytes?: number): Uint8Array {
  return fromHex(jsonHex(v, field, maxBytes, exactBytes));
}
