import { describe, expect, it } from 'vitest';
import { decodeRecord, encodeRecord, LIMITS } from '../../core';
import type { VendorStatus } from '../../platform/ledger';
import { buildStallCode, currentCredential, enrolmentText, parseDemoVendors, parseDraft, parseEnrolmentText, profileFromStatus, validateBatch, type BatchDraft } from './vendor-model';

/** A record id as the ledger answers it (64 hex); which one does not matter here. */
const RECORD_ID = 'ab'.repeat(32);

const NOW = Date.UTC(2026, 10, 23);
const DAY = 86_400_000;
const KEY = 'ab'.repeat(32);

const status: VendorStatus = {
  stalls: [
    { id: RECORD_ID, stallNo: 'A00', stallName: '旧摊位', channels: [], height: 1, index: 0, revoked: true, current: true },
    { id: RECORD_ID, stallNo: 'A01', stallName: '张记蔬菜', channels: [{ type: 'url', label: '聚合支付', value: 'https://pay.example/a01' }], height: 1, index: 1, revoked: false, current: true },
  ],
  credentials: [
    { id: RECORD_ID, height: 2, index: 0, validFrom: NOW - 400 * DAY, validUntil: NOW - DAY, revoked: false }, // expired
    { id: RECORD_ID, height: 3, index: 0, validFrom: NOW - DAY, validUntil: NOW + 300 * DAY, revoked: true }, // revoked
    { id: RECORD_ID, height: 4, index: 2, validFrom: NOW - DAY, validUntil: NOW + 180 * DAY, revoked: false }, // current
    { id: RECORD_ID, height: 5, index: 0, validFrom: NOW + DAY, validUntil: NOW + 365 * DAY, revoked: false }, // not yet valid
  ],
};

describe('enrolment request', () => {
  it('round-trips stall number and key, whatever the stall number contains', () => {
    for (const stallNo of ['A012', 'B-3', '东区 7', 'a&b=c']) {
      expect(parseEnrolmentText(enrolmentText(stallNo, KEY))).toEqual({ stallNo, publicKeyHex: KEY });
    }
    expect(enrolmentText('A01', KEY)).toBe(`sanma-enrol:v1?stall=A01&key=${KEY}`);
    expect(parseEnrolmentText('sanma-enrol:v1?stall=A01&key=zz')).toBeNull();
  });
});

describe('registration → profile', () => {
  it('uses the first current, unrevoked stall and the newest credential valid now', () => {
    expect(currentCredential(status.credentials, NOW)).toMatchObject({ height: 4, index: 2 });
    const p = profileFromStatus(status, NOW);
    expect(p).toMatchObject({ stallNo: 'A01', stallName: '张记蔬菜', registration: { height: 1, index: 1 }, health: { height: 4, index: 2, validUntil: NOW + 180 * DAY } });
  });
  it('skips a registration that is no longer current (the stall was handed over)', () => {
    const handedOver: VendorStatus = {
      ...status,
      stalls: [
        { id: RECORD_ID, stallNo: 'B07', stallName: '李记水果', channels: [], height: 1, index: 2, revoked: false, current: false },
        ...status.stalls,
      ],
    };
    expect(profileFromStatus(handedOver, NOW)).toMatchObject({ stallNo: 'A01', registration: { height: 1, index: 1 } });
    expect(profileFromStatus({ ...handedOver, stalls: handedOver.stalls.slice(0, 1) }, NOW)).toBeNull();
  });
  it('has no health reference when no credential is valid, and no profile without a stall', () => {
    expect(profileFromStatus({ ...status, credentials: status.credentials.slice(0, 2) }, NOW)?.health).toBeNull();
    expect(profileFromStatus({ stalls: [], credentials: [] }, NOW)).toBeNull();
  });
});

describe('validateBatch', () => {
  const ok: BatchDraft = { product: ' 青菜 ', origin: '浙江萧山', supplier: '绿源合作社', amount: '50', unit: 'kg', day: 20_000, test: 'pass' };
  it('trims and accepts a good batch', () => {
    expect(validateBatch(ok)).toEqual({ ok: true, batch: { product: '青菜', origin: '浙江萧山', supplier: '绿源合作社', amount: 50, unit: 'kg', day: 20_000, test: 'pass' } });
  });
  it('requires a rapid test result: there is no default that could publish a "passed" badge', () => {
    expect(validateBatch({ ...ok, test: null })).toEqual({ ok: false, problem: 'test-required' });
    for (const test of ['pass', 'fail', 'none'] as const) expect(validateBatch({ ...ok, test })).toMatchObject({ ok: true, batch: { test } });
  });
  it('refuses missing fields, bad quantities and text over the format limits (UTF-8 bytes)', () => {
    expect(validateBatch({ ...ok, supplier: '  ' })).toEqual({ ok: false, problem: 'required' });
    for (const amount of ['0', '-1', '1.5', 'abc', '', '1e3', '99999999']) expect(validateBatch({ ...ok, amount })).toEqual({ ok: false, problem: 'amount' });
    const tooLong = '菜'.repeat(Math.floor(LIMITS.productBytes / 3) + 1);
    expect(validateBatch({ ...ok, product: tooLong })).toEqual({ ok: false, problem: 'product-too-long' });
    expect(validateBatch({ ...ok, product: '菜'.repeat(Math.floor(LIMITS.productBytes / 3)) }).ok).toBe(true);
  });
});

describe('buildStallCode', () => {
  it('builds a record the codec accepts, from the profile and batches', () => {
    const p = profileFromStatus(status, NOW)!;
    const code = buildStallCode(p, [{ product: '青菜', origin: '萧山', supplier: '合作社', amount: 5, unit: 'jin', day: 20_000, test: 'none' }], NOW);
    expect(code.registration).toEqual({ height: 1, index: 1 });
    expect(decodeRecord(encodeRecord(code))).toEqual(code);
  });
  it('refuses to build without a health credential', () => {
    expect(() => buildStallCode({ ...profileFromStatus(status, NOW)!, health: null }, [], NOW)).toThrow();
  });
});

describe('stored data is hostile', () => {
  it('drops malformed draft batches', () => {
    const good = { product: 'a', origin: 'b', supplier: 'c', amount: 1, unit: 'kg', day: 1, test: 'pass' };
    expect(parseDraft(JSON.stringify([good, { ...good, unit: 'ton' }, { ...good, amount: '1' }, null, 7]))).toEqual([good]);
    expect(parseDraft('not json')).toEqual([]);
    expect(parseDraft(null)).toEqual([]);
    expect(parseDraft(JSON.stringify(Array(20).fill(good)))).toHaveLength(LIMITS.batches);
  });
  it('accepts demo vendors with a hex secret key only', () => {
    const list = parseDemoVendors([
      { stallNo: 'A01', stallName: 'x', secretKey: KEY },
      { stallNo: 'A02', stallName: 'y', secretKeyHex: KEY.toUpperCase() },
      { stallNo: 'A03', stallName: 'z', secretKey: 'short' },
      'junk',
    ]);
    expect(list.map((v) => v.stallNo)).toEqual(['A01', 'A02']);
    expect(parseDemoVendors({})).toEqual([]);
  });
});
