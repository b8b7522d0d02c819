// The rules every validator applies before it signs a block (docs/DESIGN.md §3), one test per refusal:
// each builds the market on the test network, submits the record a careless or dishonest party
// would, and checks the LedgerReason. A refused record refuses its whole block and changes nothing.

import { describe, expect, it } from 'vitest';
import { DAY_MS, TYPICAL_BATCHES, TYPICAL_CHANNELS, TestNetwork, seededKey, unionPayEmv, type KeyPair } from '../../../test/fixtures/network';
import { signFor } from '../crypto';
import { encodeRecord } from '../codec/records';
import type { HealthCredential, LedgerRecord, PaymentChannel, Revocation, SignedRecord, StallCode, StallRegistration } from '../codec/types';
import type { LedgerReason } from './reasons';
import { ISSUED_AT_TOLERANCE_MS, MemoryLedgerState, paymentChannelOk, validateBlock, validateRecord, type StoredRecord } from './rules';

/** Stall A012 registered (block 1) and its vendor's health credential issued (block 2). */
function market() {
  const net = new TestNetwork();
  const vendor = seededKey('vendor-A012');
  const registration = net.seal([net.sign(net.registration('A012', vendor, TYPICAL_CHANNELS), net.marketOffice.secretKey)]).stored[0]!;
  const credential = net.seal([net.sign(net.credential(vendor), net.healthAuthority.secretKey)]).stored[0]!;
  const validUntil = (credential.record as HealthCredential).validUntil;
  const code = (over: Partial<StallCode> = {}): StallCode => ({
    kind: 'stall-code',
    issuedAt: net.now(),
    stallNo: 'A012',
    stallName: '张三蔬菜',
    registration: registration.ref,
    health: { ...credential.ref, validUntil },
    channels: TYPICAL_CHANNELS,
    batches: TYPICAL_BATCHES,
    ...over,
  });
  const revoke = (target: StoredRecord, by: KeyPair, over: Partial<Revocation> = {}): SignedRecord =>
    net.sign({ kind: 'revocation', issuer: by.publicKey, issuedAt: net.now(), target: target.ref, targetId: target.id, ...over }, by.secretKey);
  return { net, vendor, registration, credential, code, revoke };
}

/** What the validators conclude about a block of these records at the next height. */
function verdictOn(net: TestNetwork, records: SignedRecord[]): LedgerReason | 'ACCEPTED' {
  const r = validateBlock(net.state, records, { policy: net.policy, height: net.tip.height + 1, time: net.now() + 2000 });
  return r.ok ? 'ACCEPTED' : r.reason;
}

describe('a well-behaved market', () => {
  it('accepts registration, credential, stall code and revocation in order, in one block or several', () => {
    const m = market();
    expect(verdictOn(m.net, [m.net.sign(m.code(), m.vendor.secretKey)])).toBe('ACCEPTED');
    const n = new TestNetwork();
    const v = seededKey('vendor-B7');
    const reg = n.sign(n.registration('B7', v, TYPICAL_CHANNELS), n.marketOffice.secretKey);
    const credential = n.credential(v);
    const code: StallCode = { ...m.code(), stallNo: 'B7', registration: { height: 1, index: 0 }, health: { height: 1, index: 1, validUntil: credential.validUntil } };
    expect(verdictOn(n, [reg, n.sign(credential, n.healthAuthority.secretKey), n.sign(code, v.secretKey)])).toBe('ACCEPTED');
  });

  it('a refused record refuses the block at its index and applies nothing', () => {
    const m = market();
    const good = m.net.sign(m.code(), m.vendor.secretKey);
    const bad = m.net.sign(m.code({ stallNo: 'Z999' }), m.vendor.secretKey);
    const r = validateBlock(m.net.state, [good, bad], { policy: m.net.policy, height: 3, time: m.net.now() });
    expect(r).toEqual({ ok: false, index: 1, reason: 'STALL_NOT_REGISTERED' });
    expect(verdictOn(m.net, [good])).toBe('ACCEPTED'); // the good one was not stored by the refused block
  });

  it('a record that does not decode is RECORD_MALFORMED; a 63-byte signature RECORD_BAD_SIGNATURE', () => {
    const m = market();
    expect(verdictOn(m.net, [{ body: Uint8Array.of(8, 0), signature: new Uint8Array(64) }])).toBe('RECORD_MALFORMED');
    const good = m.net.sign(m.code(), m.vendor.secretKey);
    expect(verdictOn(m.net, [{ ...good, signature: good.signature.subarray(0, 63) }])).toBe('RECORD_BAD_SIGNATURE');
  });
});

describe('issuers', () => {
  it('a registration by a key that is not in the policy is ISSUER_UNKNOWN', () => {
    const m = market();
    const stranger = seededKey('fake-market-office');
    const reg: StallRegistration = { ...m.net.registration('A099', m.vendor, TYPICAL_CHANNELS), issuer: stranger.publicKey };
    expect(verdictOn(m.net, [m.net.sign(reg, stranger.secretKey)])).toBe('ISSUER_UNKNOWN');
  });

  it('an issuer acting outside its permission is ISSUER_NOT_AUTHORISED', () => {
    const m = market();
    const { healthAuthority, marketOffice } = m.net;
    const reg = { ...m.net.registration('A099', m.vendor, TYPICAL_CHANNELS), issuer: healthAuthority.publicKey };
    expect(verdictOn(m.net, [m.net.sign(reg, healthAuthority.secretKey)])).toBe('ISSUER_NOT_AUTHORISED');
    const cred = { ...m.net.credential(m.vendor), issuer: marketOffice.publicKey };
    expect(verdictOn(m.net, [m.net.sign(cred, marketOffice.secretKey)])).toBe('ISSUER_NOT_AUTHORISED');
  });
});

describe('signatures', () => {
  it('a signature by another key (forged) is RECORD_BAD_SIGNATURE', () => {
    const m = market();
    const impostor = seededKey('impostor');
    expect(verdictOn(m.net, [m.net.sign(m.code(), impostor.secretKey)])).toBe('RECORD_BAD_SIGNATURE');
    const reg = m.net.registration('A100', m.vendor, TYPICAL_CHANNELS);
    expect(verdictOn(m.net, [m.net.sign(reg, impostor.secretKey)])).toBe('RECORD_BAD_SIGNATURE');
  });

  it('the right key signing for another purpose (domain separation) is RECORD_BAD_SIGNATURE', () => {
    const m = market();
    const body = encodeRecord(m.code());
    for (const purpose of ['record/stall-registration', 'record/revocation', 'header', 'policy'] as const) {
      expect(verdictOn(m.net, [{ body, signature: signFor(purpose, m.vendor.secretKey, body) }])).toBe('RECORD_BAD_SIGNATURE');
    }
    expect(verdictOn(m.net, [{ body, signature: signFor('record/stall-code', m.vendor.secretKey, body) }])).toBe('ACCEPTED');
  });

  it('a signature over a changed body does not verify', () => {
    const m = market();
    const signed = m.net.sign(m.code(), m.vendor.secretKey);
    const changed = encodeRecord(m.code({ batches: TYPICAL_BATCHES.slice(1) }));
    expect(verdictOn(m.net, [{ body: changed, signature: signed.signature }])).toBe('RECORD_BAD_SIGNATURE');
  });
});

describe('duplicates and time', () => {
  it('the same record again is RECORD_DUPLICATE, in a later block or in the same one', () => {
    const m = market();
    const code = m.net.sign(m.code(), m.vendor.secretKey);
    expect(verdictOn(m.net, [code, code])).toBe('RECORD_DUPLICATE');
    m.net.seal([code]);
    expect(verdictOn(m.net, [code])).toBe('RECORD_DUPLICATE');
  });

  it('issuedAt more than 5 minutes after the block time is RECORD_TIME_IN_FUTURE; exactly 5 minutes is fine', () => {
    const m = market();
    const blockTime = m.net.now() + 2000;
    expect(verdictOn(m.net, [m.net.sign(m.code({ issuedAt: blockTime + ISSUED_AT_TOLERANCE_MS + 1 }), m.vendor.secretKey)])).toBe('RECORD_TIME_IN_FUTURE');
    expect(verdictOn(m.net, [m.net.sign(m.code({ issuedAt: blockTime + ISSUED_AT_TOLERANCE_MS }), m.vendor.secretKey)])).toBe('ACCEPTED');
  });
});

describe('stall codes against the registration', () => {
  it('a stall number nobody registered is STALL_NOT_REGISTERED', () => {
    const m = market();
    expect(verdictOn(m.net, [m.net.sign(m.code({ stallNo: 'B001' }), m.vendor.secretKey)])).toBe('STALL_NOT_REGISTERED');
  });

  it('another display name than the registered one is STALL_NAME_MISMATCH', () => {
    const m = market();
    expect(verdictOn(m.net, [m.net.sign(m.code({ stallName: '张三果蔬' }), m.vendor.secretKey)])).toBe('STALL_NAME_MISMATCH');
  });

  it('a payment channel the market did not register (a swapped payment code) is PAYMENT_NOT_REGISTERED', () => {
    const m = market();
    const swapped: PaymentChannel = { type: 'emv', label: '银联', value: unionPayEmv('LI SI', 'HANGZHOU') };
    expect(verdictOn(m.net, [m.net.sign(m.code({ channels: [swapped] }), m.vendor.secretKey)])).toBe('PAYMENT_NOT_REGISTERED');
    const relabelled = { ...TYPICAL_CHANNELS[1]!, label: '微信支付' };
    expect(verdictOn(m.net, [m.net.sign(m.code({ channels: [relabelled] }), m.vendor.secretKey)])).toBe('PAYMENT_NOT_REGISTERED');
  });

  it('a registered channel listed twice is PAYMENT_NOT_REGISTERED; a subset in another order is fine', () => {
    const m = market();
    const c = TYPICAL_CHANNELS[0]!;
    expect(verdictOn(m.net, [m.net.sign(m.code({ channels: [c, c] }), m.vendor.secretKey)])).toBe('PAYMENT_NOT_REGISTERED');
    const reordered = [TYPICAL_CHANNELS[1]!, TYPICAL_CHANNELS[0]!];
    expect(verdictOn(m.net, [m.net.sign(m.code({ channels: reordered }), m.vendor.secretKey)])).toBe('ACCEPTED');
    expect(verdictOn(m.net, [m.net.sign(m.code({ channels: [TYPICAL_CHANNELS[1]!] }), m.vendor.secretKey)])).toBe('ACCEPTED');
  });

  it('a registration with a malformed EMV payload or a non-https payment URL is PAYMENT_MALFORMED', () => {
    const m = market();
    const emv = unionPayEmv();
    const badCrc = emv.slice(0, -4) + (emv.endsWith('0000') ? '1111' : '0000');
    for (const channel of [
      { type: 'emv', label: '银联', value: badCrc },
      { type: 'emv', label: '银联', value: 'not an emv payload' },
      { type: 'url', label: '聚合支付', value: 'http://pay.example.invalid/s/A012' },
      { type: 'url', label: '聚合支付', value: 'https://' },
    ] as PaymentChannel[]) {
      const reg = m.net.registration('A200', m.vendor, [channel]);
      expect(verdictOn(m.net, [m.net.sign(reg, m.net.marketOffice.secretKey)])).toBe('PAYMENT_MALFORMED');
    }
  });

  it('paymentChannelOk accepts the registered kinds of channel', () => {
    for (const c of TYPICAL_CHANNELS) expect(paymentChannelOk(c)).toBe(true);
  });
});

describe('health credentials', () => {
  it('a reference to no record, or to a record that is not a credential, is HEALTH_NOT_FOUND', () => {
    const m = market();
    const validUntil = m.code().health.validUntil;
    for (const health of [{ height: 2, index: 5, validUntil }, { height: 9, index: 0, validUntil }, { ...m.registration.ref, validUntil }]) {
      expect(verdictOn(m.net, [m.net.sign(m.code({ health }), m.vendor.secretKey)])).toBe('HEALTH_NOT_FOUND');
    }
  });

  it('another vendor\'s credential is HEALTH_WRONG_VENDOR', () => {
    const m = market();
    const other = m.net.seal([m.net.sign(m.net.credential(seededKey('vendor-other')), m.net.healthAuthority.secretKey)]).stored[0]!;
    const health = { ...other.ref, validUntil: (other.record as HealthCredential).validUntil };
    expect(verdictOn(m.net, [m.net.sign(m.code({ health }), m.vendor.secretKey)])).toBe('HEALTH_WRONG_VENDOR');
  });

  it('a credential that expired before the block time is HEALTH_EXPIRED', () => {
    const m = market();
    const short = m.net.seal([m.net.sign({ ...m.net.credential(m.vendor, m.net.now() + 60_000), issuedAt: m.net.now() + 1 }, m.net.healthAuthority.secretKey)]).stored[0]!;
    const health = { ...short.ref, validUntil: (short.record as HealthCredential).validUntil };
    expect(verdictOn(m.net, [m.net.sign(m.code({ health }), m.vendor.secretKey)])).toBe('ACCEPTED');
    m.net.advance(2 * 60_000);
    expect(verdictOn(m.net, [m.net.sign(m.code({ health }), m.vendor.secretKey)])).toBe('HEALTH_EXPIRED');
  });

  it('a credential whose validity starts after the block time is HEALTH_NOT_YET_VALID', () => {
    const m = market();
    const future: HealthCredential = { ...m.net.credential(m.vendor), validFrom: m.net.now() + DAY_MS, validUntil: m.net.now() + 2 * DAY_MS };
    const stored = m.net.seal([m.net.sign(future, m.net.healthAuthority.secretKey)]).stored[0]!;
    const health = { ...stored.ref, validUntil: future.validUntil };
    expect(verdictOn(m.net, [m.net.sign(m.code({ health }), m.vendor.secretKey)])).toBe('HEALTH_NOT_YET_VALID');
  });

  it('a revoked credential is HEALTH_REVOKED', () => {
    const m = market();
    m.net.seal([m.revoke(m.credential, m.net.healthAuthority)]);
    expect(verdictOn(m.net, [m.net.sign(m.code(), m.vendor.secretKey)])).toBe('HEALTH_REVOKED');
  });

  it('a validUntil copy that differs from the credential is HEALTH_EXPIRY_MISMATCH', () => {
    const m = market();
    const health = { ...m.code().health, validUntil: m.code().health.validUntil + DAY_MS };
    expect(verdictOn(m.net, [m.net.sign(m.code({ health }), m.vendor.secretKey)])).toBe('HEALTH_EXPIRY_MISMATCH');
  });
});

describe('revocations', () => {
  it('only the signer of a record may revoke it: REVOCATION_NOT_ISSUER', () => {
    const m = market();
    expect(verdictOn(m.net, [m.revoke(m.credential, m.net.marketOffice)])).toBe('REVOCATION_NOT_ISSUER');
    const code = m.net.seal([m.net.sign(m.code(), m.vendor.secretKey)]).stored[0]!;
    expect(verdictOn(m.net, [m.revoke(code, m.net.healthAuthority)])).toBe('REVOCATION_NOT_ISSUER');
    expect(verdictOn(m.net, [m.revoke(code, m.vendor)])).toBe('ACCEPTED');
  });

  it('a targetId that is not the record at the target is REVOCATION_TARGET_MISMATCH', () => {
    const m = market();
    expect(verdictOn(m.net, [m.revoke(m.credential, m.net.healthAuthority, { targetId: m.registration.id })])).toBe('REVOCATION_TARGET_MISMATCH');
  });

  it('a target that does not exist, or is itself a revocation, is REVOCATION_TARGET_NOT_FOUND', () => {
    const m = market();
    expect(verdictOn(m.net, [m.revoke(m.credential, m.net.healthAuthority, { target: { height: 2, index: 1 } })])).toBe('REVOCATION_TARGET_NOT_FOUND');
    const rev = m.net.seal([m.revoke(m.credential, m.net.healthAuthority)]).stored[0]!;
    expect(verdictOn(m.net, [m.revoke(rev, m.net.healthAuthority)])).toBe('REVOCATION_TARGET_NOT_FOUND');
  });

  it('revoking twice is REVOCATION_DUPLICATE, in a later block or in the same one', () => {
    const m = market();
    const first = m.revoke(m.credential, m.net.healthAuthority);
    const second = m.revoke(m.credential, m.net.healthAuthority, { issuedAt: m.net.now() + 1 });
    expect(verdictOn(m.net, [first, second])).toBe('REVOCATION_DUPLICATE');
    m.net.seal([first]);
    expect(verdictOn(m.net, [second])).toBe('REVOCATION_DUPLICATE');
  });
});

describe('registrations over time', () => {
  it('a re-issued registration supersedes the old one: the old name no longer matches', () => {
    const m = market();
    const renamed = { ...m.net.registration('A012', m.vendor, TYPICAL_CHANNELS, '张三果蔬', m.registration.ref), issuedAt: m.net.now() + 1 };
    const current = m.net.seal([m.net.sign(renamed, m.net.marketOffice.secretKey)]).stored[0]!.ref;
    expect(verdictOn(m.net, [m.net.sign(m.code({ registration: current }), m.vendor.secretKey)])).toBe('STALL_NAME_MISMATCH');
    expect(verdictOn(m.net, [m.net.sign(m.code({ registration: current, stallName: '张三果蔬' }), m.vendor.secretKey)])).toBe('ACCEPTED');
  });

  it('a stall handed to a new vendor: the old vendor\'s codes are RECORD_BAD_SIGNATURE', () => {
    const m = market();
    const newVendor = seededKey('vendor-A012-new');
    const current = m.net.seal([m.net.sign(m.net.registration('A012', newVendor, TYPICAL_CHANNELS, '张三蔬菜', m.registration.ref), m.net.marketOffice.secretKey)]).stored[0]!.ref;
    m.net.seal([m.net.sign(m.net.credential(newVendor), m.net.healthAuthority.secretKey)]);
    // The old vendor's credential now belongs to someone else than the stall's vendor.
    expect(verdictOn(m.net, [m.net.sign(m.code({ registration: current }), m.vendor.secretKey)])).toBe('HEALTH_WRONG_VENDOR');
    const newCred = m.net.blocks[m.net.blocks.length - 1]!.stored[0]!;
    const health = { ...newCred.ref, validUntil: (newCred.record as HealthCredential).validUntil };
    expect(verdictOn(m.net, [m.net.sign(m.code({ registration: current, health }), m.vendor.secretKey)])).toBe('RECORD_BAD_SIGNATURE');
    expect(verdictOn(m.net, [m.net.sign(m.code({ registration: current, health }), newVendor.secretKey)])).toBe('ACCEPTED');
  });

  it('a revoked registration blocks new codes (STALL_REGISTRATION_REVOKED) until the stall is registered again', () => {
    const m = market();
    m.net.seal([m.revoke(m.registration, m.net.marketOffice)]);
    expect(verdictOn(m.net, [m.net.sign(m.code(), m.vendor.secretKey)])).toBe('STALL_REGISTRATION_REVOKED');
    const again = { ...m.net.registration('A012', m.vendor, TYPICAL_CHANNELS, '张三蔬菜', m.registration.ref), issuedAt: m.net.now() + 1 };
    const current = m.net.seal([m.net.sign(again, m.net.marketOffice.secretKey)]).stored[0]!.ref;
    expect(verdictOn(m.net, [m.net.sign(m.code({ registration: current }), m.vendor.secretKey)])).toBe('ACCEPTED');
  });
});

describe('handovers must name what they replace', () => {
  const newVendor = seededKey('vendor-A012-next');

  it('registering a registered stall without supersedes is STALL_ALREADY_REGISTERED', () => {
    const m = market();
    const reg = m.net.registration('A012', newVendor, TYPICAL_CHANNELS);
    expect(verdictOn(m.net, [m.net.sign(reg, m.net.marketOffice.secretKey)])).toBe('STALL_ALREADY_REGISTERED');
  });

  it('supersedes naming anything but the stall\'s current registration is SUPERSEDES_NOT_CURRENT', () => {
    const m = market();
    const other = m.net.seal([m.net.sign(m.net.registration('B8', newVendor, TYPICAL_CHANNELS), m.net.marketOffice.secretKey)]).stored[0]!.ref;
    for (const wrong of [other, m.credential.ref, { height: 1, index: 1 }, { height: 99, index: 0 }]) {
      const reg = m.net.registration('A012', newVendor, TYPICAL_CHANNELS, '张三蔬菜', wrong);
      expect(verdictOn(m.net, [m.net.sign(reg, m.net.marketOffice.secretKey)])).toBe('SUPERSEDES_NOT_CURRENT');
    }
    // A new stall has nothing to supersede.
    const fresh = m.net.registration('C9', newVendor, TYPICAL_CHANNELS, '张三蔬菜', m.registration.ref);
    expect(verdictOn(m.net, [m.net.sign(fresh, m.net.marketOffice.secretKey)])).toBe('SUPERSEDES_NOT_CURRENT');
  });

  it('the second of two handovers must name the first: the original is no longer current', () => {
    const m = market();
    const first = m.net.seal([m.net.sign(m.net.registration('A012', newVendor, TYPICAL_CHANNELS, '张三蔬菜', m.registration.ref), m.net.marketOffice.secretKey)]).stored[0]!.ref;
    const third = seededKey('vendor-A012-third');
    const stale = m.net.registration('A012', third, TYPICAL_CHANNELS, '张三蔬菜', m.registration.ref);
    expect(verdictOn(m.net, [m.net.sign(stale, m.net.marketOffice.secretKey)])).toBe('SUPERSEDES_NOT_CURRENT');
    const next = m.net.registration('A012', third, TYPICAL_CHANNELS, '张三蔬菜', first);
    expect(verdictOn(m.net, [m.net.sign(next, m.net.marketOffice.secretKey)])).toBe('ACCEPTED');
  });

  it('with the current registration in supersedes the handover is accepted, also in the block that registered it', () => {
    const m = market();
    const reg = m.net.registration('A012', newVendor, TYPICAL_CHANNELS, '张三蔬菜', m.registration.ref);
    expect(verdictOn(m.net, [m.net.sign(reg, m.net.marketOffice.secretKey)])).toBe('ACCEPTED');
    const n = new TestNetwork();
    const a = n.sign(n.registration('D1', m.vendor, TYPICAL_CHANNELS), n.marketOffice.secretKey);
    const b = n.sign(n.registration('D1', newVendor, TYPICAL_CHANNELS, '张三蔬菜', { height: 1, index: 0 }), n.marketOffice.secretKey);
    expect(verdictOn(n, [a, b])).toBe('ACCEPTED');
  });

  it('a stall code naming the superseded registration is STALL_REGISTRATION_NOT_CURRENT, even signed by the right vendor', () => {
    const m = market();
    // The market office re-registers the same vendor (a renewal): codes must name the new registration.
    const renewed = m.net.seal([m.net.sign(m.net.registration('A012', m.vendor, TYPICAL_CHANNELS, '张三蔬菜', m.registration.ref), m.net.marketOffice.secretKey)]).stored[0]!.ref;
    expect(verdictOn(m.net, [m.net.sign(m.code(), m.vendor.secretKey)])).toBe('STALL_REGISTRATION_NOT_CURRENT');
    expect(verdictOn(m.net, [m.net.sign(m.code({ registration: { height: 9, index: 0 } }), m.vendor.secretKey)])).toBe('STALL_REGISTRATION_NOT_CURRENT');
    expect(verdictOn(m.net, [m.net.sign(m.code({ registration: renewed }), m.vendor.secretKey)])).toBe('ACCEPTED');
  });
});

describe('MemoryLedgerState as an overlay', () => {
  it('sees the base, writes only to itself', () => {
    const m = market();
    const overlay = new MemoryLedgerState(m.net.state);
    expect(overlay.stall('A012')).toEqual(m.registration);
    const code = m.net.sign(m.code(), m.vendor.secretKey);
    const r = validateRecord(overlay, code, { height: 3, index: 0 }, { policy: m.net.policy, height: 3, time: m.net.now() });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    overlay.apply(r.stored);
    expect(overlay.has(r.stored.id)).toBe(true);
    expect(m.net.state.has(r.stored.id)).toBe(false);
    expect(overlay.applied()).toEqual([r.stored]);
  });

  it('records a revocation against its target', () => {
    const m = market();
    const stored = m.net.seal([m.revoke(m.credential, m.net.healthAuthority)]).stored[0]!;
    expect(m.net.state.isRevoked(m.credential.ref)).toBe(true);
    expect(m.net.state.isRevoked(stored.ref)).toBe(false);
    const record: LedgerRecord = stored.record;
    expect(record.kind).toBe('revocation');
  });
});
