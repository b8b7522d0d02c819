// Ledger record bodies and signed records (docs/FORMAT.md §4): every kind round trips with
// Chinese text, empty lists and values at their limits; the decoder is strict about every field,
// and the record id is the RFC 9162 leaf hash of the exact body bytes.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as arb from '../../../test/fuzz/arbitraries';
import { codeOf, leb128, padVarintAt, replaceAt, replaceText } from '../../../test/fuzz/mutate';
import { concatBytes, fromHex, toHex, utf8 } from '../bytes';
import { sha256 } from '../crypto';
import { recordId } from '../ledger/rules';
import { LIMITS } from './limits';
import { KIND_BYTE, decodeRecord, decodeSignedRecord, encodeRecord, encodeSignedRecord } from './records';
import type { Batch, HealthCredential, LedgerRecord, PaymentChannel, Revocation, StallCode, StallRegistration } from './types';

const key = (n: number): Uint8Array => new Uint8Array(32).fill(n);
const T = 1_795_000_000_000;

const registration: StallRegistration = {
  kind: 'stall-registration',
  issuer: key(1),
  issuedAt: T,
  stallNo: 'A012',
  stallName: '张三蔬菜',
  vendorKey: key(2),
  supersedes: null,
  channels: [{ type: 'url', label: '聚合支付', value: 'https://pay.example.invalid/s/A012' }],
};
/** The stall handed over to another vendor: the new registration names the one it replaces. */
const handover: StallRegistration = { ...registration, vendorKey: key(4), supersedes: { height: 1, index: 0 } };
const credential: HealthCredential = {
  kind: 'health-credential',
  issuer: key(3),
  issuedAt: T,
  vendorKey: key(2),
  holder: key(7),
  validFrom: T - 1000,
  validUntil: T + 1000,
};
const revocation: Revocation = { kind: 'revocation', issuer: key(3), issuedAt: T, target: { height: 2, index: 0 }, targetId: key(9) };
const batch: Batch = { product: '青菜', origin: '浙江萧山', supplier: '绿源合作社', amount: 50, unit: 'kg', day: 20_415, test: 'pass' };
const stallCode: StallCode = {
  kind: 'stall-code',
  issuedAt: T,
  stallNo: 'A012',
  stallName: '张三蔬菜',
  registration: { height: 1, index: 0 },
  health: { height: 2, index: 0, validUntil: T + 1000 },
  channels: registration.channels,
  batches: [batch],
};
const ALL: LedgerRecord[] = [registration, credential, revocation, stallCode, handover];

describe('round trip', () => {
  it.each([
    ['stall-registration', arb.stallRegistration],
    ['health-credential', arb.healthCredential],
    ['revocation', arb.revocation],
    ['stall-code', arb.stallCode],
  ] as const)('%s: decode(encode(x)) equals x, and the first byte is the kind', (kind, a) => {
    fc.assert(
      fc.property(a as fc.Arbitrary<LedgerRecord>, (record) => {
        const body = encodeRecord(record);
        expect(body[0]).toBe(KIND_BYTE[kind]);
        expect(decodeRecord(body)).toEqual(record);
      }),
      { numRuns: 150 },
    );
  });

  it('kind bytes of format 2 are 05 registration, 06 credential, 07 revocation, 08 stall code', () => {
    expect(ALL.map((r) => encodeRecord(r)[0])).toEqual([5, 6, 7, 8, 5]);
  });

  it('a registration round trips with supersedes null and with a reference, whatever the reference', () => {
    expect(decodeRecord(encodeRecord(registration))).toEqual(registration);
    expect(decodeRecord(encodeRecord(handover))).toEqual(handover);
    fc.assert(
      fc.property(arb.stallRegistration, fc.option(arb.recordRef, { nil: null }), (r, supersedes) => {
        const record = { ...r, supersedes };
        expect(decodeRecord(encodeRecord(record))).toEqual(record);
      }),
      { numRuns: 100 },
    );
  });

  it('a stall code at every limit (4 channels, 8 batches, every text full) fits and round trips', () => {
    const full = (bytes: number): string => '菜'.repeat(Math.floor(bytes / 3)) + 'x'.repeat(bytes % 3);
    const channel: PaymentChannel = { type: 'emv', label: full(LIMITS.channelLabelBytes), value: full(LIMITS.channelValueBytes) };
    const big: StallCode = {
      ...stallCode,
      issuedAt: Number.MAX_SAFE_INTEGER,
      stallNo: full(LIMITS.stallNoBytes),
      stallName: full(LIMITS.stallNameBytes),
      registration: { height: Number.MAX_SAFE_INTEGER, index: Number.MAX_SAFE_INTEGER },
      health: { height: Number.MAX_SAFE_INTEGER, index: Number.MAX_SAFE_INTEGER, validUntil: Number.MAX_SAFE_INTEGER },
      channels: Array.from({ length: LIMITS.channels }, () => channel),
      batches: Array.from({ length: LIMITS.batches }, () => ({
        ...batch,
        product: full(LIMITS.productBytes),
        origin: full(LIMITS.originBytes),
        supplier: full(LIMITS.supplierBytes),
        amount: Number.MAX_SAFE_INTEGER,
        day: Number.MAX_SAFE_INTEGER,
      })),
    };
    const body = encodeRecord(big);
    expect(body.length).toBeLessThanOrEqual(LIMITS.recordBodyBytes);
    expect(decodeRecord(body)).toEqual(big);
  });

  it('a stall code may list no batches; a health credential valid for 1 ms is allowed', () => {
    const noBatches = { ...stallCode, batches: [] };
    expect(decodeRecord(encodeRecord(noBatches))).toEqual(noBatches);
    const short = { ...credential, validUntil: credential.validFrom + 1 };
    expect(decodeRecord(encodeRecord(short))).toEqual(short);
  });

  it('the revocation layout is kind ‖ issuer ‖ issuedAt ‖ target height ‖ index ‖ targetId, and no reason', () => {
    const expected = concatBytes(Uint8Array.of(7), key(3), leb128(T), leb128(2), leb128(0), key(9));
    expect(toHex(encodeRecord(revocation))).toBe(toHex(expected));
  });

  it('the registration layout is kind ‖ issuer ‖ issuedAt ‖ stallNo ‖ stallName ‖ vendorKey ‖ supersedes ‖ channels', () => {
    const text = (t: string): Uint8Array => concatBytes(leb128(utf8(t).length), utf8(t));
    const channels = encodeRecord(registration).subarray(-(1 + 1 + 1 + utf8('聚合支付').length + 1 + utf8(registration.channels[0]!.value).length));
    const head = concatBytes(Uint8Array.of(5), key(1), leb128(T), text('A012'), text('张三蔬菜'));
    expect(toHex(encodeRecord(registration))).toBe(toHex(concatBytes(head, key(2), Uint8Array.of(0), channels)));
    expect(toHex(encodeRecord(handover))).toBe(toHex(concatBytes(head, key(4), Uint8Array.of(1), leb128(1), leb128(0), channels)));
  });

  it('the credential layout is kind ‖ issuer ‖ issuedAt ‖ vendorKey ‖ holder (32 bytes) ‖ validFrom ‖ validUntil: no name, no number', () => {
    const expected = concatBytes(Uint8Array.of(6), key(3), leb128(T), key(2), key(7), leb128(T - 1000), leb128(T + 1000));
    expect(toHex(encodeRecord(credential))).toBe(toHex(expected));
  });

  it('a stall code names its registration (height ‖ index) right after the stall name, before the health reference', () => {
    const text = (t: string): Uint8Array => concatBytes(leb128(utf8(t).length), utf8(t));
    const head = concatBytes(Uint8Array.of(8), leb128(T), text('A012'), text('张三蔬菜'), leb128(1), leb128(0), leb128(2), leb128(0), leb128(T + 1000));
    expect(toHex(encodeRecord(stallCode).subarray(0, head.length))).toBe(toHex(head));
  });

  it('the record id is the RFC 9162 leaf hash SHA-256(0x00 ‖ body)', () => {
    const body = encodeRecord(stallCode);
    expect(recordId(body)).toEqual(sha256(concatBytes(Uint8Array.of(0), body)));
  });

  it('signed record: varint body length ‖ body ‖ 64-byte signature, round trip', () => {
    fc.assert(
      fc.property(arb.ledgerRecord, arb.signature64, (record, signature) => {
        const body = encodeRecord(record);
        const bytes = encodeSignedRecord({ body, signature });
        expect(toHex(bytes)).toBe(toHex(concatBytes(leb128(body.length), body, signature)));
        expect(decodeSignedRecord(bytes)).toEqual({ body, signature });
      }),
      { numRuns: 100 },
    );
  });
});

describe('strict decoding', () => {
  it.each(ALL.map((r) => [r.kind, r] as const))('%s: every truncation is TRUNCATED, one extra byte TRAILING_BYTES', (_, record) => {
    const body = encodeRecord(record);
    for (let n = 0; n < body.length; n++) expect(codeOf(() => decodeRecord(body.subarray(0, n)))).toBe('TRUNCATED');
    expect(codeOf(() => decodeRecord(concatBytes(body, Uint8Array.of(0))))).toBe('TRAILING_BYTES');
  });

  it.each([0x00, 0x01, 0x02, 0x03, 0x04, 0x09, 0x7f, 0xff])('kind byte %i (format 1 or unknown) is BAD_VERSION', (kind) => {
    const body = encodeRecord(revocation);
    expect(codeOf(() => decodeRecord(replaceAt(body, 0, 1, Uint8Array.of(kind))))).toBe('BAD_VERSION');
  });

  it('a padded varint (issuedAt written one byte longer) is NON_CANONICAL', () => {
    for (const record of ALL) {
      const body = encodeRecord(record);
      const at = record.kind === 'stall-code' ? 1 : 33; // after kind (and issuer)
      expect(codeOf(() => decodeRecord(padVarintAt(body, at)))).toBe('NON_CANONICAL');
    }
  });

  it('format 1 bodies (kind 01–04 with their old layout) are BAD_VERSION, whatever follows', () => {
    for (const record of ALL) {
      const body = encodeRecord(record);
      expect(codeOf(() => decodeRecord(replaceAt(body, 0, 1, Uint8Array.of(body[0]! - 4))))).toBe('BAD_VERSION');
    }
  });

  it('bad flag and enum bytes are BAD_VALUE: supersedes flag, channel type, unit, rapid test', () => {
    // supersedes is 0x00 or 0x01 ‖ ref; it sits right after the 32-byte vendor key.
    const plain = encodeRecord(registration);
    const flagAt = 1 + 32 + leb128(T).length + 1 + 4 + 1 + utf8('张三蔬菜').length + 32;
    expect(plain[flagAt]).toBe(0);
    for (const bad of [2, 0x80, 0xff]) expect(codeOf(() => decodeRecord(replaceAt(plain, flagAt, 1, Uint8Array.of(bad))))).toBe('BAD_VALUE');
    const handed = encodeRecord(handover);
    expect(handed[flagAt]).toBe(1);
    expect(codeOf(() => decodeRecord(replaceAt(handed, flagAt, 1, Uint8Array.of(2))))).toBe('BAD_VALUE');

    const reg = encodeRecord(registration);
    // The last channel is type ‖ label length ‖ label ‖ value length ‖ value.
    const typeAt = reg.length - (1 + 1 + utf8('聚合支付').length + 1 + utf8(registration.channels[0]!.value).length);
    expect(reg[typeAt]).toBe(2); // url
    for (const bad of [0, 3, 255]) expect(codeOf(() => decodeRecord(replaceAt(reg, typeAt, 1, Uint8Array.of(bad))))).toBe('BAD_VALUE');

    const code = encodeRecord(stallCode);
    // The batch ends: … amount ‖ unit ‖ day (3 bytes for 20415) ‖ test.
    const testAt = code.length - 1;
    const unitAt = code.length - 1 - leb128(batch.day).length - 1;
    expect([code[unitAt], code[testAt]]).toEqual([2, 1]); // kg, pass
    for (const bad of [0, 5]) expect(codeOf(() => decodeRecord(replaceAt(code, unitAt, 1, Uint8Array.of(bad))))).toBe('BAD_VALUE');
    expect(codeOf(() => decodeRecord(replaceAt(code, testAt, 1, Uint8Array.of(3))))).toBe('BAD_VALUE');

  });

  it('enum values the writer does not know are BAD_VALUE', () => {
    expect(codeOf(() => encodeRecord({ ...stallCode, batches: [{ ...batch, unit: 'ton' as Batch['unit'] }] }))).toBe('BAD_VALUE');
    expect(codeOf(() => encodeRecord({ ...registration, channels: [{ ...registration.channels[0]!, type: 'sms' as PaymentChannel['type'] }] }))).toBe('BAD_VALUE');
  });

  it('counts: 0 or 5 channels, 9 batches are LIMIT_EXCEEDED for writer and reader', () => {
    const channel = registration.channels[0]!;
    expect(codeOf(() => encodeRecord({ ...registration, channels: [] }))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(() => encodeRecord({ ...registration, channels: Array(5).fill(channel) }))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(() => encodeRecord({ ...stallCode, batches: Array(9).fill(batch) }))).toBe('LIMIT_EXCEEDED');

    // The reader sees the count before the entries: a count byte of 5 or 0 fails on the spot.
    const reg = encodeRecord(registration);
    const countAt = reg.length - (1 + 1 + 1 + utf8('聚合支付').length + 1 + utf8(channel.value).length);
    expect(reg[countAt]).toBe(1);
    expect(codeOf(() => decodeRecord(replaceAt(reg, countAt, 1, Uint8Array.of(5))))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(() => decodeRecord(replaceAt(reg, countAt, 1, Uint8Array.of(0))))).toBe('LIMIT_EXCEEDED');
    const code = encodeRecord({ ...stallCode, batches: [] });
    expect(codeOf(() => decodeRecord(replaceAt(code, code.length - 1, 1, Uint8Array.of(9))))).toBe('LIMIT_EXCEEDED');
  });

  it.each([
    ['stallNo', LIMITS.stallNoBytes],
    ['stallName', LIMITS.stallNameBytes],
  ] as const)('%s one byte over its limit is LIMIT_EXCEEDED for writer and reader', (field, limit) => {
    const over = '菜'.repeat(Math.floor(limit / 3)) + 'x'.repeat((limit % 3) + 1);
    expect(utf8(over).length).toBe(limit + 1);
    expect(codeOf(() => encodeRecord({ ...stallCode, [field]: over }))).toBe('LIMIT_EXCEEDED');
    const body = replaceText(encodeRecord(stallCode), stallCode[field], utf8(over));
    expect(codeOf(() => decodeRecord(body))).toBe('LIMIT_EXCEEDED');
  });

  it('non-NFC, control characters and invalid UTF-8 in a name are BAD_UTF8', () => {
    const body = encodeRecord(stallCode);
    for (const bad of [utf8('张三蔬菜e\u0301'), utf8('张三\n蔬菜'), utf8('张三\u0085'), fromHex('e5bca0c0af')]) {
      expect(codeOf(() => decodeRecord(replaceText(body, '张三蔬菜', bad)))).toBe('BAD_UTF8');
    }
    expect(codeOf(() => encodeRecord({ ...stallCode, stallName: '张三\t蔬菜' }))).toBe('BAD_UTF8');
  });

  it('keys must be 32 bytes: a short issuer cannot be written', () => {
    expect(codeOf(() => encodeRecord({ ...credential, issuer: new Uint8Array(31) }))).toBe('BAD_VALUE');
  });

  it('a health credential that ends before it starts is BAD_VALUE for writer and reader', () => {
    expect(codeOf(() => encodeRecord({ ...credential, validUntil: credential.validFrom }))).toBe('BAD_VALUE');
    const body = encodeRecord(credential);
    // validFrom ‖ validUntil are the last two varints (6 bytes each for times around 2026).
    const swapped = concatBytes(body.subarray(0, body.length - 12), leb128(credential.validUntil), leb128(credential.validFrom));
    expect(codeOf(() => decodeRecord(swapped))).toBe('BAD_VALUE');
  });

  it('a body over 4096 bytes is LIMIT_EXCEEDED before it is parsed', () => {
    const huge = new Uint8Array(LIMITS.recordBodyBytes + 1);
    huge[0] = 0x08;
    expect(codeOf(() => decodeRecord(huge))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(() => decodeSignedRecord(concatBytes(leb128(huge.length), huge, new Uint8Array(64))))).toBe('LIMIT_EXCEEDED');
  });

  it('signed record: a short signature is TRUNCATED, an extra byte TRAILING_BYTES, a 63-byte signature cannot be written', () => {
    const body = encodeRecord(revocation);
    const bytes = encodeSignedRecord({ body, signature: new Uint8Array(64).fill(5) });
    expect(codeOf(() => decodeSignedRecord(bytes.subarray(0, bytes.length - 1)))).toBe('TRUNCATED');
    expect(codeOf(() => decodeSignedRecord(concatBytes(bytes, Uint8Array.of(0))))).toBe('TRAILING_BYTES');
    expect(codeOf(() => encodeSignedRecord({ body, signature: new Uint8Array(63) }))).toBe('BAD_VALUE');
  });
});
