// The revocation commitment of block headers (src/core/ledger/revocation-chain.ts, docs/FORMAT.md
// §6.1): which records are status events, how a block moves the (count, hash) accumulator, and
// checkStatusEvents, which must accept exactly the ledger's list of events and nothing a mirror
// could make of it by withholding, adding, reordering or editing one.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TYPICAL_BATCHES, TYPICAL_CHANNELS, TestNetwork, seededKey } from '../../../test/fixtures/network';
import { concatBytes, toHex, utf8 } from '../bytes';
import { sha256 } from '../crypto';
import { leafHash } from '../merkle';
import { encodeRecord } from '../codec/records';
import type { BlockHeader, HealthCredential, Revocation, StallCode } from '../codec/types';
import {
  EMPTY_REVOCATIONS,
  accumulateBlock,
  accumulatorOf,
  appendStatusEvent,
  checkStatusEvents,
  statusChangeOf,
  type StatusEventItem,
} from './revocation-chain';
import type { StoredRecord } from './rules';

/**
 * A market with five status events over three blocks, and records that are not events between them:
 * block 1 registers A012 and B7; block 2 issues a credential; block 3 holds a stall code;
 * block 4 revokes the credential, hands A012 over, registers C3 (no event) and revokes B7;
 * block 5 hands A012 over again and revokes the stall code.
 */
function market() {
  const net = new TestNetwork();
  const vendor = seededKey('vendor-A012');
  const next = seededKey('vendor-A012-next');
  const third = seededKey('vendor-A012-third');
  const office = net.marketOffice;
  const [regA, regB] = net.seal([
    net.sign(net.registration('A012', vendor, TYPICAL_CHANNELS), office.secretKey),
    net.sign(net.registration('B7', vendor, TYPICAL_CHANNELS), office.secretKey),
  ]).stored as [StoredRecord, StoredRecord];
  const cred = net.seal([net.sign(net.credential(vendor), net.healthAuthority.secretKey)]).stored[0]!;
  const code: StallCode = {
    kind: 'stall-code',
    issuedAt: net.now(),
    stallNo: 'A012',
    stallName: '张三蔬菜',
    registration: regA.ref,
    health: { ...cred.ref, validUntil: (cred.record as HealthCredential).validUntil },
    channels: TYPICAL_CHANNELS,
    batches: TYPICAL_BATCHES,
  };
  const sealedCode = net.seal([net.sign(code, vendor.secretKey)]).stored[0]!;
  const revoke = (target: StoredRecord, by: { publicKey: Uint8Array; secretKey: Uint8Array }) =>
    net.sign({ kind: 'revocation', issuer: by.publicKey, issuedAt: net.now(), target: target.ref, targetId: target.id } satisfies Revocation, by.secretKey);
  const block4 = net.seal([
    revoke(cred, net.healthAuthority),
    net.sign(net.registration('A012', next, TYPICAL_CHANNELS, '张三蔬菜', regA.ref), office.secretKey),
    net.sign(net.registration('C3', next, TYPICAL_CHANNELS), office.secretKey),
    revoke(regB, office),
  ]);
  const handover1 = block4.stored[1]!;
  const block5 = net.seal([net.sign(net.registration('A012', third, TYPICAL_CHANNELS, '张三蔬菜', handover1.ref), office.secretKey), revoke(sealedCode, vendor)]);
  const item = (height: number, index: number): StatusEventItem => ({ height, index, body: net.blocks[height - 1]!.records[index]!.body });
  const events = [item(4, 0), item(4, 1), item(4, 3), item(5, 0), item(5, 1)];
  const tip = block5.built.header;
  return { net, events, tip, regA, regB, cred, sealedCode, handover1, block4 };
}

const m = market();

describe('status events', () => {
  it('statusChangeOf: a revocation revokes its target, a registration with supersedes supersedes it, nothing else is an event', () => {
    const [r4, h4, c4, b4] = m.block4.stored as StoredRecord[];
    expect(statusChangeOf(r4!.record)).toEqual({ target: m.cred.ref, kind: 'revoked' });
    expect(statusChangeOf(h4!.record)).toEqual({ target: m.regA.ref, kind: 'superseded' });
    expect(statusChangeOf(c4!.record)).toBeNull();
    expect(statusChangeOf(b4!.record)).toEqual({ target: m.regB.ref, kind: 'revoked' });
    for (const r of [m.regA, m.cred, m.sealedCode]) expect(statusChangeOf(r.record)).toBeNull();
  });

  it('H_n = SHA-256("sanma/v1/revocations" ‖ 00 ‖ H_{n-1} ‖ varint height ‖ varint index ‖ record id), H_0 = 32 zero bytes', () => {
    expect(EMPTY_REVOCATIONS).toEqual({ count: 0, hash: new Uint8Array(32) });
    const id = leafHash(m.events[0]!.body);
    const h1 = sha256(concatBytes(utf8('sanma/v1/revocations'), Uint8Array.of(0), new Uint8Array(32), Uint8Array.of(4), Uint8Array.of(0), id));
    expect(appendStatusEvent(EMPTY_REVOCATIONS, { height: 4, index: 0 }, id)).toEqual({ count: 1, hash: h1 });
    // Heights of 128 and more take two varint bytes.
    const h = sha256(concatBytes(utf8('sanma/v1/revocations'), Uint8Array.of(0), h1, Uint8Array.of(0x80, 0x01), Uint8Array.of(0x81, 0x01), id));
    expect(appendStatusEvent({ count: 1, hash: h1 }, { height: 128, index: 129 }, id).hash).toEqual(h);
  });

  it('accumulateBlock counts revocations and superseding registrations only, in leaf order', () => {
    const bodies = m.block4.records.map((r) => r.body);
    const before = accumulatorOf(m.net.headers.get(3)!);
    expect(before).toEqual(EMPTY_REVOCATIONS); // registrations without supersedes, a credential and a code: no events
    const after = accumulateBlock(before, 4, bodies);
    expect(after.count).toBe(3);
    let expected = before;
    for (const i of [0, 1, 3]) expected = appendStatusEvent(expected, { height: 4, index: i }, leafHash(bodies[i]!));
    expect(after).toEqual(expected);
    expect(after).toEqual(accumulatorOf(m.block4.built.header));
  });

  it('accumulateBlock skips bodies that do not decode (the rules refuse such a block anyway)', () => {
    const bodies = [Uint8Array.of(0x07, 1, 2), m.events[0]!.body, new Uint8Array(0)];
    expect(accumulateBlock(EMPTY_REVOCATIONS, 4, bodies)).toEqual(appendStatusEvent(EMPTY_REVOCATIONS, { height: 4, index: 1 }, leafHash(m.events[0]!.body)));
  });

  it('every sealed header carries the running commitment: 0, 0, 0, 0, 3, 5', () => {
    expect([0, 1, 2, 3, 4, 5].map((h) => (h === 0 ? m.net.genesis.header : m.net.headers.get(h)!).revocationCount)).toEqual([0, 0, 0, 0, 3, 5]);
    expect(m.net.genesis.header.revocationsHash).toEqual(new Uint8Array(32));
  });
});

describe('checkStatusEvents: exactly the ledger\'s list, or nothing', () => {
  const check = (items: readonly StatusEventItem[], through: BlockHeader = m.tip, from = EMPTY_REVOCATIONS) => checkStatusEvents(from, items, through);
  const reasonOf = (r: ReturnType<typeof check>): string => (r.ok ? 'OK' : r.reason);

  it('the complete list reproduces the tip\'s commitment: ok, with each event\'s target and kind', () => {
    const r = check(m.events);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.acc).toEqual(accumulatorOf(m.tip));
    expect(r.events.map((e) => [e.height, e.index, e.kind, `${e.target.height}:${e.target.index}`])).toEqual([
      [4, 0, 'revoked', '2:0'],
      [4, 1, 'superseded', '1:0'],
      [4, 3, 'revoked', '1:1'],
      [5, 0, 'superseded', '4:1'],
      [5, 1, 'revoked', '3:0'],
    ]);
  });

  it('continues from an accumulator: the events after block 4, from block 4\'s commitment', () => {
    const r = check(m.events.slice(3), m.tip, accumulatorOf(m.block4.built.header));
    expect(reasonOf(r)).toBe('OK');
  });

  it('an empty list matches a header without events, and nothing else', () => {
    expect(reasonOf(check([], m.net.headers.get(3)!))).toBe('OK');
    expect(reasonOf(check([]))).toBe('REVOCATIONS_INCOMPLETE');
  });

  it('one event withheld: REVOCATIONS_INCOMPLETE, wherever it was', () => {
    for (let i = 0; i < m.events.length; i++) expect(reasonOf(check(m.events.filter((_, j) => j !== i)))).toBe('REVOCATIONS_INCOMPLETE');
  });

  it('an extra event (a well-formed revocation the ledger does not hold): REVOCATIONS_INCOMPLETE', () => {
    const fake = m.net.sign(
      { kind: 'revocation', issuer: m.net.marketOffice.publicKey, issuedAt: m.net.now(), target: m.regA.ref, targetId: m.regA.id } satisfies Revocation,
      m.net.marketOffice.secretKey,
    );
    expect(reasonOf(check([...m.events, { height: 5, index: 2, body: fake.body }]))).toBe('REVOCATIONS_INCOMPLETE');
    expect(reasonOf(check([{ height: 3, index: 1, body: fake.body }, ...m.events]))).toBe('REVOCATIONS_INCOMPLETE');
  });

  it('two events swapped: REVOCATION_ORDER; the same position twice: REVOCATION_ORDER', () => {
    const swapped = [m.events[1]!, m.events[0]!, ...m.events.slice(2)];
    expect(reasonOf(check(swapped))).toBe('REVOCATION_ORDER');
    expect(reasonOf(check([m.events[0]!, m.events[0]!, ...m.events.slice(1)]))).toBe('REVOCATION_ORDER');
  });

  it('a changed body (another target, still a revocation): REVOCATIONS_INCOMPLETE; a moved position: REVOCATIONS_INCOMPLETE', () => {
    const rev = m.block4.stored[0]!.record as Revocation;
    const edited = encodeRecord({ ...rev, target: m.regA.ref, targetId: m.regA.id });
    expect(reasonOf(check([{ ...m.events[0]!, body: edited }, ...m.events.slice(1)]))).toBe('REVOCATIONS_INCOMPLETE');
    const moved = m.events.map((e, i) => (i === 4 ? { ...e, index: 7 } : e));
    expect(reasonOf(check(moved))).toBe('REVOCATIONS_INCOMPLETE');
  });

  it('an item that is not a status event, or does not decode: REVOCATION_MALFORMED', () => {
    const credential = { height: 2, index: 0, body: m.net.blocks[1]!.records[0]!.body };
    expect(reasonOf(check([credential, ...m.events]))).toBe('REVOCATION_MALFORMED');
    const newStall = { height: 4, index: 2, body: m.block4.records[2]!.body }; // a registration without supersedes
    expect(reasonOf(check([m.events[0]!, m.events[1]!, newStall, ...m.events.slice(2)]))).toBe('REVOCATION_MALFORMED');
    expect(reasonOf(check([{ ...m.events[0]!, body: m.events[0]!.body.subarray(0, 40) }, ...m.events.slice(1)]))).toBe('REVOCATION_MALFORMED');
  });

  it('an item past the header it is checked against: REVOCATION_ORDER', () => {
    const through4 = m.block4.built.header;
    expect(reasonOf(check(m.events.slice(0, 3), through4))).toBe('OK');
    expect(reasonOf(check(m.events, through4))).toBe('REVOCATION_ORDER');
  });

  it('property: removing any non-empty subset of the events is never ok', () => {
    const n = m.events.length;
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat({ max: n - 1 }), { minLength: 1, maxLength: n }), (removed) => {
        const kept = m.events.filter((_, i) => !removed.includes(i));
        const r = check(kept);
        expect(r.ok).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('property: any reordering other than the original is never ok', () => {
    const n = m.events.length;
    fc.assert(
      fc.property(fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }), (order) => {
        fc.pre(order.some((v, i) => v !== i));
        expect(check(order.map((i) => m.events[i]!)).ok).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('property: flipping any bit of any event body is never ok', () => {
    fc.assert(
      fc.property(fc.nat({ max: m.events.length - 1 }), fc.nat(), (i, bitPick) => {
        const body = m.events[i]!.body.slice();
        const bit = bitPick % (body.length * 8);
        body[bit >> 3]! ^= 1 << (bit & 7);
        const items = m.events.map((e, j) => (j === i ? { ...e, body } : e));
        expect(check(items).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('the status events of the ledger are what the validators committed to (ids as in the blocks)', () => {
    expect(m.events.map((e) => toHex(leafHash(e.body)))).toEqual(
      [m.block4.stored[0]!, m.block4.stored[1]!, m.block4.stored[3]!, ...m.net.blocks[4]!.stored].map((s) => toHex(s.id)),
    );
  });
});
