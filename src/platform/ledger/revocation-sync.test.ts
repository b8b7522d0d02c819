// Revocation sync: status events (revocations and handovers) are kept only when the whole list
// reproduces the revocation commitment of a quorum-signed header. A feed that withholds, reorders
// or alters an event is refused as a whole, and the refusal keeps verdicts amber until a complete
// sync: a revoked health certificate can be hidden from a phone, but never turned green.

import { describe, expect, it } from 'vitest';
import { recordId, refKey, toHex, verifyStallCode, type RecordRef, type Revocation, type SignedRecord } from '../../core';
import { TYPICAL_CHANNELS, seededKey } from '../../../test/fixtures/network';
import { createLedgerClient } from './client';
import { LEDGER_URL, enrolVendor, ledgerFixture, type LedgerFixture } from './fixture.testing';
import { stallCodeFromInclusion } from './stall-code';
import { loadVerificationContext } from './verification-context';

interface FeedJson {
  since: number;
  through: number;
  events: { height: number; index: number; body: string }[];
}

/** A mirror in front of the fake ledger that rewrites every revocation feed answer. */
function mirror(f: LedgerFixture, rewrite: (feed: FeedJson) => FeedJson) {
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const res = await f.fake.fetch(input, init);
    if (!String(input).includes('/v1/revocations')) return res;
    return new Response(JSON.stringify(rewrite((await res.json()) as FeedJson)), { status: 200 });
  };
  return createLedgerClient({ ledgerUrl: LEDGER_URL, store: f.store, fetch, now: () => f.clock.now });
}

function revoke(f: LedgerFixture, target: RecordRef, issuerSecret: Uint8Array, issuer: Uint8Array) {
  const block = f.net.blocks.find((b) => b.built.header.height === target.height)!;
  const revocation: Revocation = { kind: 'revocation', issuer, issuedAt: f.net.now(), target, targetId: recordId(block.records[target.index]!.body) };
  return f.net.sign(revocation, issuerSecret);
}

/**
 * Stall A012 registered (block 1), its vendor's credential (2), a stall code published and
 * printed (3). The code verifies green until something below happens.
 */
async function publishedStall() {
  const f = ledgerFixture();
  const { credBlock, stallCode } = enrolVendor(f);
  const codeBlock = f.seal([stallCode()]);
  await f.client.syncPolicy();
  const policy = await f.client.policy();
  const inclusion = { height: codeBlock.built.header.height, index: 0, recordCount: 1, proof: codeBlock.built.tree.inclusionProof(0), body: codeBlock.records[0]!.body };
  const { text } = stallCodeFromInclusion(policy, inclusion);
  const credential: RecordRef = { height: credBlock.built.header.height, index: 0 };
  const registration = f.net.registrationOf('A012');
  const revokeCredential = (): SignedRecord => revoke(f, credential, f.net.healthAuthority.secretKey, f.net.healthAuthority.publicKey);
  /** The market office hands stall A012 to another vendor: a registration superseding the current one. */
  const handOver = (): SignedRecord =>
    f.net.sign(f.net.registration('A012', seededKey('vendor-A012-new'), TYPICAL_CHANNELS, '张三蔬菜', f.net.registrationOf('A012')), f.net.marketOffice.secretKey);
  const verdict = async () => {
    const ctx = await loadVerificationContext(f.store, text, { client: f.client });
    return verifyStallCode(text, ctx.trust, ctx.headers, f.clock.now);
  };
  return { f, text, credential, registration, revokeCredential, handOver, verdict };
}

const revocationCheck = (v: { checks: { id: string; status: string; reason: string }[] }) => v.checks.find((c) => c.id === 'revocation');

describe('syncRevocations', () => {
  it('stores a complete list with each event\'s kind, and the commitment it reproduced', async () => {
    const { f, credential, registration, revokeCredential, handOver } = await publishedStall();
    const revBlock = f.seal([revokeCredential()]);
    const handoverBlock = f.seal([handOver()]);
    const tip = handoverBlock.built.header;
    expect(tip.revocationCount).toBe(2);

    // Headers not synced: the client syncs headers up to the one the feed ends at.
    const r = await f.client.syncRevocations();
    expect(r).toEqual({ added: 2, refused: null, through: tip.height, syncedAt: f.clock.now });
    expect(await f.store.revokedRefs()).toEqual(new Map([[refKey(credential), 'revoked'], [refKey(registration), 'superseded']]));
    expect((await f.store.listRevocations()).map((e) => [e.target, e.kind, e.height, e.index])).toEqual([
      [refKey(credential), 'revoked', revBlock.built.header.height, 0],
      [refKey(registration), 'superseded', handoverBlock.built.header.height, 0],
    ]);
    expect((await f.store.listRevocations()).map((e) => toHex(e.body))).toEqual([revBlock, handoverBlock].map((b) => toHex(b.records[0]!.body)));
    expect(await f.store.getSyncState()).toMatchObject({
      revocationCount: 2,
      revocationsHash: tip.revocationsHash,
      revocationsThrough: tip.height,
      revocationsSyncedAt: f.clock.now,
      revocationsRefused: null,
    });
    expect(f.fake.requests).toContain(`GET /v1/headers?from=1&limit=${tip.height}`);
    expect(f.fake.requests).not.toContain(`GET /v1/headers/${tip.height}`);

    // The next sync asks only for what came after the events held, against the cached header.
    f.fake.requests.length = 0;
    expect(await f.client.syncRevocations()).toMatchObject({ added: 0, refused: null, through: tip.height });
    expect(f.fake.requests).toEqual(['GET /v1/revocations?since=2']);
  });

  it('continues from the events held when more are sealed later', async () => {
    const { f, credential, registration, revokeCredential, handOver } = await publishedStall();
    f.seal([revokeCredential()]);
    expect(await f.client.syncRevocations()).toMatchObject({ added: 1, refused: null });
    const tip = f.seal([handOver()]).built.header;
    f.fake.requests.length = 0;
    expect(await f.client.syncRevocations()).toMatchObject({ added: 1, refused: null, through: tip.height });
    expect(f.fake.requests[0]).toBe('GET /v1/revocations?since=1');
    expect(await f.store.revokedRefs()).toEqual(new Map([[refKey(credential), 'revoked'], [refKey(registration), 'superseded']]));
    expect(await f.store.getSyncState()).toMatchObject({ revocationCount: 2, revocationsHash: tip.revocationsHash, revocationsThrough: tip.height });
  });

  it('refuses a feed with an event withheld: nothing stored, the refusal kept, the revoked certificate amber (never green)', async () => {
    const { f, revokeCredential, verdict } = await publishedStall();
    // Synced completely before the revocation is sealed; headers are not synced again after it,
    // so nothing but the refusal can tell the phone that an event is missing.
    await f.client.syncHeaders();
    const first = await f.client.syncRevocations();
    expect(first).toMatchObject({ added: 0, refused: null });
    expect(await verdict()).toMatchObject({ status: 'verified' });
    f.seal([revokeCredential()]);

    const withholding = mirror(f, (feed) => ({ ...feed, events: feed.events.slice(1) }));
    expect(await withholding.syncRevocations()).toEqual({ added: 0, refused: 'REVOCATIONS_INCOMPLETE', through: null, syncedAt: null });
    expect(await f.store.revokedRefs()).toEqual(new Map());
    expect(await f.store.listRevocations()).toEqual([]);
    // The refusal is recorded beside what the last complete sync established, which stays as it was.
    expect(await f.store.getSyncState()).toMatchObject({
      revocationCount: 0,
      revocationsThrough: first.through,
      revocationsSyncedAt: first.syncedAt,
      revocationsRefused: 'REVOCATIONS_INCOMPLETE',
    });

    const v = await verdict();
    expect(v.status).toBe('warning');
    expect(revocationCheck(v)).toMatchObject({ status: 'unknown', reason: 'REVOCATIONS_INCOMPLETE' });
    expect(v.checks.find((c) => c.id === 'health')).toMatchObject({ status: 'pass' });

    // A complete sync clears the refusal, and the certificate shows as revoked.
    expect(await f.client.syncRevocations()).toMatchObject({ added: 1, refused: null });
    expect((await f.store.getSyncState()).revocationsRefused).toBeNull();
    const after = await verdict();
    expect(after.status).toBe('invalid');
    expect(after.checks.find((c) => c.id === 'health')).toMatchObject({ status: 'fail', reason: 'HEALTH_REVOKED' });
  });

  it('a refused first sync says "incomplete", not merely "not synced"', async () => {
    const { f, revokeCredential, handOver, verdict } = await publishedStall();
    f.seal([revokeCredential()]);
    f.seal([handOver()]);
    await f.client.syncHeaders();
    const dropSecond = mirror(f, (feed) => ({ ...feed, events: feed.events.filter((_, i) => i !== 1) }));
    expect(await dropSecond.syncRevocations()).toMatchObject({ added: 0, refused: 'REVOCATIONS_INCOMPLETE' });
    expect(await f.store.getSyncState()).toMatchObject({ revocationCount: 0, revocationsSyncedAt: null, revocationsRefused: 'REVOCATIONS_INCOMPLETE' });
    expect(await f.store.revokedRefs()).toEqual(new Map());
    const v = await verdict();
    expect(v.status).toBe('warning');
    expect(revocationCheck(v)).toMatchObject({ status: 'unknown', reason: 'REVOCATIONS_INCOMPLETE' });
  });

  it('refuses reordered and altered events', async () => {
    const { f, revokeCredential, handOver } = await publishedStall();
    f.seal([revokeCredential()]);
    f.seal([handOver()]);
    const reordering = mirror(f, (feed) => ({ ...feed, events: [...feed.events].reverse() }));
    expect(await reordering.syncRevocations()).toMatchObject({ added: 0, refused: 'REVOCATION_ORDER' });
    const altering = mirror(f, (feed) => ({
      ...feed,
      // Flip one bit of the last byte (the revoked record's id): the event no longer hashes to the commitment.
      events: feed.events.map((e, i) => (i === 0 ? { ...e, body: e.body.slice(0, -2) + (parseInt(e.body.slice(-2), 16) ^ 1).toString(16).padStart(2, '0') } : e)),
    }));
    expect(await altering.syncRevocations()).toMatchObject({ added: 0, refused: 'REVOCATIONS_INCOMPLETE' });
    const notAnEvent = mirror(f, (feed) => ({ ...feed, events: feed.events.map((e, i) => (i === 0 ? { ...e, body: toHex(f.net.blocks[1]!.records[0]!.body) } : e)) }));
    expect(await notAnEvent.syncRevocations()).toMatchObject({ added: 0, refused: 'REVOCATION_MALFORMED' });
    expect(await f.store.listRevocations()).toEqual([]);
    expect(await f.store.getSyncState()).toMatchObject({ revocationCount: 0, revocationsSyncedAt: null, revocationsRefused: 'REVOCATION_MALFORMED' });
  });

  it('a mirror that answers "through" an old header cannot make a revoked certificate green once headers are synced', async () => {
    const { f, revokeCredential, verdict } = await publishedStall();
    const before = f.net.tip.height;
    f.seal([revokeCredential()]);
    await f.client.syncHeaders();
    // The feed as it stood before the revocation: it reproduces that (older) header's commitment.
    const stale = mirror(f, () => ({ since: 0, through: before, events: [] }));
    await stale.syncRevocations();
    expect(await f.store.revokedRefs()).toEqual(new Map());
    const v = await verdict();
    expect(v.status).toBe('warning');
    expect(revocationCheck(v)).toMatchObject({ status: 'unknown', reason: 'REVOCATIONS_INCOMPLETE', detail: { missing: 1 } });
  });

  // A mirror can always find an old header whose commitment its short list matches.
  it('a mirror answering "through" an old header cannot rule revocations out before headers are synced', async () => {
    const { f, revokeCredential, verdict } = await publishedStall();
    const before = f.net.tip.height;
    f.seal([revokeCredential()]);
    const stale = mirror(f, () => ({ since: 0, through: before, events: [] }));
    await stale.syncRevocations();
    const v = await verdict();
    expect(v.status).not.toBe('verified');
    expect(revocationCheck(v)?.status).not.toBe('pass');
  });

  it('a handover makes the previous vendor\'s code invalid: STALL_HANDED_OVER', async () => {
    const { f, registration, handOver, verdict } = await publishedStall();
    await f.client.syncHeaders();
    await f.client.syncRevocations();
    expect(await verdict()).toMatchObject({ status: 'verified' });
    f.seal([handOver()]);
    expect(f.net.registrationOf('A012')).not.toEqual(registration);
    await f.client.syncHeaders();
    expect(await f.client.syncRevocations()).toMatchObject({ added: 1, refused: null });
    expect(await f.store.revokedRefs()).toEqual(new Map([[refKey(registration), 'superseded']]));
    const v = await verdict();
    expect(v.status).toBe('invalid');
    expect(revocationCheck(v)).toMatchObject({ status: 'fail', reason: 'STALL_HANDED_OVER' });
    // The certificate itself is not what went wrong.
    expect(v.checks.find((c) => c.id === 'health')).toMatchObject({ status: 'pass' });
  });

  it('a cancelled registration (revoked by the market office) makes the code invalid: REGISTRATION_REVOKED', async () => {
    const { f, registration, verdict } = await publishedStall();
    f.seal([revoke(f, registration, f.net.marketOffice.secretKey, f.net.marketOffice.publicKey)]);
    await f.client.syncHeaders();
    expect(await f.client.syncRevocations()).toMatchObject({ added: 1, refused: null });
    expect(await f.store.revokedRefs()).toEqual(new Map([[refKey(registration), 'revoked']]));
    expect(revocationCheck(await verdict())).toMatchObject({ status: 'fail', reason: 'REGISTRATION_REVOKED' });
  });

  it('rejects a malformed answer', async () => {
    const f = ledgerFixture();
    await f.client.syncPolicy();
    const client = createLedgerClient({
      ledgerUrl: LEDGER_URL,
      store: f.store,
      fetch: async () => new Response(JSON.stringify({ since: 0, through: 1, events: [{ height: -1, index: 0, body: '00' }] })),
    });
    await expect(client.syncRevocations()).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    expect(await f.store.getSyncState()).toMatchObject({ revocationsRefused: null, revocationsSyncedAt: null });
  });

  it('refuses a feed that does not start at the events held', async () => {
    const { f, revokeCredential } = await publishedStall();
    f.seal([revokeCredential()]);
    const skipping = mirror(f, (feed) => ({ ...feed, since: feed.since + 1, events: feed.events.slice(1) }));
    expect(await skipping.syncRevocations()).toMatchObject({ added: 0, refused: 'REVOCATIONS_INCOMPLETE' });
  });
});
