// The stall-code payload the QR carries (docs/FORMAT.md §7): version, chain id, height, leaf
// index, inclusion proof, then the stall-code body as the rest. Round trips at the limits, and a
// strict decoder: the body must be a complete stall-code record and nothing else.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as arb from '../../../test/fuzz/arbitraries';
import { codeOf, leb128, padVarintAt, replaceAt, replaceText } from '../../../test/fuzz/mutate';
import { concatBytes, toHex, utf8 } from '../bytes';
import { CoreError } from '../errors';
import { LIMITS } from './limits';
import { PAYLOAD_VERSION, decodePayload, encodePayload } from './payload';
import { decodeRecord, encodeRecord } from './records';
import type { HealthCredential, StallCode } from './types';

const code: StallCode = {
  kind: 'stall-code',
  issuedAt: 1_795_000_000_000,
  stallNo: 'A012',
  stallName: '张三蔬菜',
  registration: { height: 1, index: 0 },
  health: { height: 2, index: 0, validUntil: 1_810_000_000_000 },
  channels: [{ type: 'url', label: '聚合支付', value: 'https://pay.example.invalid/s/A012' }],
  batches: [{ product: '青菜', origin: '浙江萧山', supplier: '绿源合作社', amount: 50, unit: 'kg', day: 20_415, test: 'pass' }],
};
const body = encodeRecord(code);
const proof = [new Uint8Array(32).fill(1), new Uint8Array(32).fill(2)];
const payload = { chainId: 'test-market', height: 3, index: 2, proof, body };

describe('round trip', () => {
  it('decode(encode(p)) equals p with its record, or the payload is over 2048 bytes and refused', () => {
    let fitted = 0;
    fc.assert(
      fc.property(arb.chainId, fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), arb.uint, arb.proof, arb.stallCode, (chainId, height, index, proof, record) => {
        const p = { chainId, height, index, proof, body: encodeRecord(record) };
        let bytes: Uint8Array;
        try {
          bytes = encodePayload(p);
        } catch (e) {
          expect(e).toBeInstanceOf(CoreError);
          expect((e as CoreError).code).toBe('LIMIT_EXCEEDED');
          return;
        }
        fitted++;
        expect(bytes.length).toBeLessThanOrEqual(LIMITS.payloadBytes);
        expect(decodePayload(bytes)).toEqual({ ...p, record });
      }),
      { numRuns: 200 },
    );
    expect(fitted).toBeGreaterThan(50);
  });

  it('layout: 01 ‖ chain id ‖ height ‖ index ‖ proof count ‖ hashes ‖ body (tree size is not carried)', () => {
    const expected = concatBytes(Uint8Array.of(PAYLOAD_VERSION), leb128(11), utf8('test-market'), leb128(3), leb128(2), leb128(2), ...proof, body);
    expect(toHex(encodePayload(payload))).toBe(toHex(expected));
  });

  it('48 proof hashes (the limit) and an empty proof (a one-record block) both round trip', () => {
    const long = { ...payload, proof: Array.from({ length: LIMITS.proofHashes }, (_, i) => new Uint8Array(32).fill(i)) };
    expect(decodePayload(encodePayload(long))).toEqual({ ...long, record: code });
    const single = { ...payload, index: 0, proof: [] };
    expect(decodePayload(encodePayload(single))).toEqual({ ...single, record: code });
  });
});

describe('strict decoding', () => {
  const bytes = encodePayload(payload);
  const proofCountAt = 1 + 1 + 11 + 1 + 1;

  it('every truncation is TRUNCATED; an extra byte lands in the body and is TRAILING_BYTES', () => {
    for (let n = 0; n < bytes.length; n++) expect(codeOf(() => decodePayload(bytes.subarray(0, n)))).toBe('TRUNCATED');
    expect(codeOf(() => decodePayload(concatBytes(bytes, Uint8Array.of(0))))).toBe('TRAILING_BYTES');
  });

  it('an unknown version is BAD_VERSION', () => {
    for (const v of [0, 2, 255]) expect(codeOf(() => decodePayload(replaceAt(bytes, 0, 1, Uint8Array.of(v))))).toBe('BAD_VERSION');
  });

  it('height 0 (the genesis block holds no codes) is BAD_VALUE for writer and reader', () => {
    expect(codeOf(() => encodePayload({ ...payload, height: 0 }))).toBe('BAD_VALUE');
    expect(codeOf(() => decodePayload(replaceAt(bytes, 13, 1, Uint8Array.of(0))))).toBe('BAD_VALUE');
  });

  it('a body of another record kind is BAD_VALUE for writer and reader', () => {
    const cred: HealthCredential = {
      kind: 'health-credential',
      issuer: new Uint8Array(32),
      issuedAt: 1,
      vendorKey: new Uint8Array(32),
      holder: new Uint8Array(32),
      validFrom: 1,
      validUntil: 2,
    };
    const other = encodeRecord(cred);
    expect(codeOf(() => encodePayload({ ...payload, body: other }))).toBe('BAD_VALUE');
    expect(codeOf(() => decodePayload(concatBytes(bytes.subarray(0, bytes.length - body.length), other)))).toBe('BAD_VALUE');
  });

  it('49 proof hashes are LIMIT_EXCEEDED; a proof hash must be 32 bytes', () => {
    expect(codeOf(() => decodePayload(replaceAt(bytes, proofCountAt, 1, Uint8Array.of(49))))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(() => encodePayload({ ...payload, proof: Array(49).fill(proof[0]) }))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(() => encodePayload({ ...payload, proof: [new Uint8Array(31)] }))).toBe('BAD_VALUE');
  });

  it('more than 2048 bytes is LIMIT_EXCEEDED before parsing', () => {
    expect(codeOf(() => decodePayload(new Uint8Array(LIMITS.payloadBytes + 1).fill(1)))).toBe('LIMIT_EXCEEDED');
  });

  it('a padded varint, a bad chain id and bad text in the body are refused', () => {
    expect(codeOf(() => decodePayload(padVarintAt(bytes, 13)))).toBe('NON_CANONICAL');
    expect(codeOf(() => decodePayload(replaceText(bytes, 'test-market', utf8('TEST-MARKET'))))).toBe('BAD_VALUE');
    expect(codeOf(() => decodePayload(replaceText(bytes, '张三蔬菜', utf8('张三\u0000'))))).toBe('BAD_UTF8');
  });

  it('the decoded body is exactly the bytes hashed into the leaf', () => {
    const p = decodePayload(bytes);
    expect(p.body).toEqual(body);
    expect(decodeRecord(p.body)).toEqual(code);
  });
});
