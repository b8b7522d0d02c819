// The ledger's JSON answers: what the server writes reads back unchanged (properties over random
// answers), and every field of a hostile answer is checked (adversarial mutations) with a
// CoreError naming it, never a crash or a silently wrong value.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors';
import { readError, readHealth, readRecordStatus, readStall, readSubmit, readVendor, type IncludedRecordJson, type VendorJson } from './api-json';

const hex = (bytes: number) => fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => Buffer.from(b).toString('hex'));
const nat = fc.nat({ max: 2 ** 40 });

const included: fc.Arbitrary<IncludedRecordJson> = fc.record({
  id: hex(32),
  status: fc.constant('included' as const),
  kind: fc.constantFrom('stall-code', 'health-credential', 'revocation', 'stall-registration'),
  height: nat,
  index: nat,
  recordCount: nat,
  proof: fc.array(hex(32), { maxLength: 20 }),
  body: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('hex')),
  signature: hex(64),
});

const vendor: fc.Arbitrary<VendorJson> = fc.record({
  stalls: fc.array(
    fc.record({
      id: hex(32),
      stallNo: fc.string({ maxLength: 16 }),
      stallName: fc.string({ maxLength: 48 }),
      channels: fc.array(fc.record({ type: fc.constantFrom('emv' as const, 'url' as const), label: fc.string({ maxLength: 24 }), value: fc.string({ maxLength: 200 }) }), { maxLength: 4 }),
      height: nat,
      index: nat,
      revoked: fc.boolean(),
      current: fc.boolean(),
    }),
    { maxLength: 5 },
  ),
  credentials: fc.array(fc.record({ id: hex(32), height: nat, index: nat, validFrom: nat, validUntil: nat, revoked: fc.boolean() }), { maxLength: 5 }),
});

const code = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    if (e instanceof CoreError) return e.code;
    throw e;
  }
};

describe('ledger JSON answers (api-json)', () => {
  it('read back exactly what was written, through JSON', () => {
    fc.assert(
      fc.property(included, (r) => {
        expect(readRecordStatus(JSON.parse(JSON.stringify(r)))).toEqual(r);
      }),
    );
    fc.assert(
      fc.property(vendor, (v) => {
        expect(readVendor(JSON.parse(JSON.stringify(v)))).toEqual(v);
      }),
    );
  });

  it('refuse every field of a record answer removed, mistyped or out of shape', () => {
    fc.assert(
      fc.property(included, fc.constantFrom(...(Object.keys({ id: 0, kind: 0, height: 0, index: 0, recordCount: 0, proof: 0, body: 0, signature: 0 }) as (keyof IncludedRecordJson)[])), fc.constantFrom('drop', 'string', 'negative', 'upper'), (r, field, how) => {
        const bad: Record<string, unknown> = { ...r };
        if (how === 'drop') delete bad[field];
        if (how === 'string') bad[field] = typeof r[field] === 'number' ? String(r[field]) : 7;
        if (how === 'negative') bad[field] = -1;
        if (how === 'upper') bad[field] = typeof r[field] === 'string' && /[a-f]/.test(r[field] as string) && field !== 'kind' ? (r[field] as string).toUpperCase() : -1;
        expect(code(() => readRecordStatus(bad))).toBe('BAD_VALUE');
      }),
    );
    expect(code(() => readRecordStatus({ id: 'ab'.repeat(32), status: 'done' }))).toBe('BAD_VALUE');
    expect(code(() => readRecordStatus([]))).toBe('BAD_VALUE');
    expect(code(() => readRecordStatus(null))).toBe('BAD_VALUE');
  });

  it('read the short answers: submit, stall, health, errors', () => {
    const id = 'cd'.repeat(32);
    expect(readSubmit({ id, status: 'included', height: 3, index: 1 })).toEqual({ id, status: 'included', height: 3, index: 1 });
    expect(code(() => readSubmit({ id, status: 'included' }))).toBe('BAD_VALUE'); // an included answer names its position
    expect(readStall({ id, height: 1, index: 0, body: '00ff', revoked: false })).toEqual({ id, height: 1, index: 0, body: '00ff', revoked: false });
    expect(code(() => readStall({ id, height: 1, index: 0, body: '0g', revoked: false }))).toBe('BAD_VALUE');
    const health = { ok: true, chainId: 'm', tip: { height: 1, hash: id, time: 5 }, records: 2, pending: 0, validators: [{ name: null, url: 'http://v', publicKey: null, reachable: false, lastError: 'x' }] };
    expect(readHealth(health)).toEqual(health);
    expect(code(() => readHealth({ ...health, validators: [{ ...health.validators[0], reachable: 'yes' }] }))).toBe('BAD_VALUE');
    expect(readError({ error: 'RATE_LIMITED', detail: 'retry after 1 s' })).toEqual({ error: 'RATE_LIMITED', detail: 'retry after 1 s' });
    expect(readError('<html>')).toBeNull();
  });

  it('refuse a vendor answer of the previous format (no `current`) instead of reading it as current', () => {
    const v = { stalls: [{ id: 'ab'.repeat(32), stallNo: 'A1', stallName: 'x', channels: [], height: 1, index: 0, revoked: false }], credentials: [] };
    expect(code(() => readVendor(v))).toBe('BAD_VALUE');
  });
});
