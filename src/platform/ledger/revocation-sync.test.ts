// Revocations: only those whose inclusion proof checks against a quorum-signed header are kept.

import { describe, expect, it } from 'vitest';
import { recordId, refKey, toHex, type Revocation } from '../../core';
import { enrolVendor, ledgerFixture, type LedgerFixture } from './fixture.testing';

function revokeCredential(f: LedgerFixture) {
  const { credBlock } = enrolVendor(f);
  const target = { height: credBlock.built.header.height, index: 0 };
  const revocation: Revocation = {
    kind: 'revocation',
    issuer: f.net.healthAuthority.publicKey,
    issuedAt: f.net.now(),
    target,
    targetId: recordId(credBlock.records[0]!.body),
    reason: 'health',
  };
  const block = f.seal([f.net.sign(revocation, f.net.healthAuthority.secretKey)]);
  return { target, block };
}

describe('syncRevocations', () => {
  it('stores proof-checked revocations and advances the sync point', async () => {
    const f = ledgerFixture();
    const { target } = revokeCredential(f);
    await f.client.syncPolicy();
    // Headers not synced: the client fetches the one it needs alone.
    const r = await f.client.syncRevocations();
    expect(r).toEqual({ added: 1, rejected: 0, tip: 3, syncedAt: f.clock.now });
    expect(await f.store.revokedRefs()).toEqual(new Set([refKey(target)]));
    expect(await f.store.getSyncState()).toMatchObject({ revocationsSince: 3, revocationsSyncedAt: f.clock.now });
    expect(f.fake.requests).toContain('GET /v1/headers/3');

    f.fake.requests.length = 0;
    await f.client.syncRevocations();
    expect(f.fake.requests).toEqual(['GET /v1/revocations?since=3']);
  });

  it('keeps nothing from a forged proof and does not advance the sync point', async () => {
    const f = ledgerFixture();
    revokeCredential(f);
    await f.client.syncPolicy();
    await f.client.syncHeaders();
    const realFetch = f.fake.fetch;
    const forging: typeof fetch = async (input, init) => {
      const res = await realFetch(input, init);
      if (!String(input).includes('/v1/revocations')) return res;
      const body = (await res.json()) as { tip: number; revocations: { body: string }[] };
      // Flip one bit of the body: its leaf no longer matches the records root.
      const r0 = body.revocations[0]!;
      r0.body = r0.body.slice(0, -2) + ((parseInt(r0.body.slice(-2), 16) ^ 1).toString(16).padStart(2, '0'));
      return new Response(JSON.stringify(body), { status: 200 });
    };
    const { createLedgerClient } = await import('./client');
    const client = createLedgerClient({ ledgerUrl: 'http://ledger.invalid', store: f.store, fetch: forging, now: () => f.clock.now });
    expect(await client.syncRevocations()).toEqual({ added: 0, rejected: 1, tip: 3, syncedAt: null });
    expect(await f.store.revokedRefs()).toEqual(new Set());
    expect(await f.store.getSyncState()).toMatchObject({ revocationsSince: 0, revocationsSyncedAt: null });
  });

  it('rejects a malformed answer', async () => {
    const f = ledgerFixture();
    await f.client.syncPolicy();
    const client = (await import('./client')).createLedgerClient({
      ledgerUrl: 'http://ledger.invalid',
      store: f.store,
      fetch: async () => new Response(JSON.stringify({ tip: 1, revocations: [{ height: -1 }] })),
    });
    await expect(client.syncRevocations()).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });

  it('uses the record ids of the ledger (hex leaf hashes)', () => {
    expect(toHex(recordId(new Uint8Array([1])))).toMatch(/^[0-9a-f]{64}$/);
  });
});
