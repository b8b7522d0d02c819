// Trust policy sync: first install, unchanged, a quorum-signed update, refused updates.

import { describe, expect, it } from 'vitest';
import { encodePolicy, encodeSignedPolicy, signFor, type TrustPolicy } from '../../core';
import { ledgerFixture, type LedgerFixture } from './fixture.testing';

function signedBy(f: LedgerFixture, policy: TrustPolicy, signers = f.net.validators): Uint8Array {
  const body = encodePolicy(policy);
  return encodeSignedPolicy({ body, signatures: signers.map((v) => ({ publicKey: v.publicKey, signature: signFor('policy', v.secretKey, body) })) });
}

describe('syncPolicy', () => {
  it('installs the policy served with the app on first run', async () => {
    const f = ledgerFixture();
    const r = await f.client.syncPolicy();
    expect(r.status).toBe('installed');
    expect(r.policy).toEqual(f.net.policy);
    expect(await f.client.policy()).toEqual(f.net.policy);
    expect(f.fake.requests).toEqual(['GET /policy.bin']);
  });

  it('reports unchanged and refreshes the fetch time', async () => {
    const f = ledgerFixture();
    await f.client.syncPolicy();
    f.clock.now += 1000;
    const r = await f.client.syncPolicy();
    expect(r).toMatchObject({ status: 'unchanged', fetchedAt: f.clock.now });
    expect((await f.store.getPolicy())?.fetchedAt).toBe(f.clock.now);
  });

  it('accepts a newer policy signed by a quorum of the current validators', async () => {
    const f = ledgerFixture();
    await f.client.syncPolicy();
    f.fake.signedPolicy = signedBy(f, { ...f.net.policy, sequence: 2, maxCodeAgeSeconds: 3 * 86_400 }, f.net.validators.slice(1));
    const r = await f.client.syncPolicy();
    expect(r).toMatchObject({ status: 'updated', previousSequence: 1 });
    expect((await f.client.policy()).maxCodeAgeSeconds).toBe(3 * 86_400);
  });

  it('refuses a changed policy without a quorum, or not newer, and keeps the stored one', async () => {
    const f = ledgerFixture();
    await f.client.syncPolicy();
    const stored = await f.store.getPolicy();
    f.fake.signedPolicy = signedBy(f, { ...f.net.policy, sequence: 2, threshold: 3 }, f.net.validators.slice(0, 1));
    expect(await f.client.syncPolicy()).toMatchObject({ status: 'rejected', reason: 'QUORUM_NOT_MET' });
    f.fake.signedPolicy = signedBy(f, { ...f.net.policy, maxCodeAgeSeconds: 1 });
    expect(await f.client.syncPolicy()).toMatchObject({ status: 'rejected', reason: 'POLICY_NOT_NEWER' });
    expect(await f.store.getPolicy()).toEqual(stored);
  });

  it('refuses bytes that are not a signed policy', async () => {
    const f = ledgerFixture();
    f.fake.signedPolicy = new Uint8Array([1, 2, 3]);
    await expect(f.client.syncPolicy()).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    await expect(f.client.policy()).rejects.toMatchObject({ code: 'NO_POLICY' });
  });

  it('reports an unreachable origin as NETWORK', async () => {
    const f = ledgerFixture();
    f.fake.fail(/policy/, 'network');
    await expect(f.client.syncPolicy()).rejects.toMatchObject({ code: 'NETWORK' });
  });
});
