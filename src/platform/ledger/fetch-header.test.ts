// Headers fetched alone: checked against the quorum, stored with their signatures, served from
// the cache afterwards.

import { describe, expect, it } from 'vitest';
import { ledgerFixture } from './fixture.testing';
import { syntheticHeaders } from './synthetic-chain';

function fixture(count = 30) {
  const f = ledgerFixture();
  const chain = syntheticHeaders(f.net.chainId, f.net.tip, count);
  f.fake.pushSynthetic(chain);
  return { f, chain };
}

describe('fetchHeader', () => {
  it('fetches, checks and stores a header above the cached chain', async () => {
    const { f, chain } = fixture();
    await f.client.syncPolicy();
    expect(await f.client.fetchHeader(25)).toEqual(chain[24]!.header);
    expect((await f.store.getSignedHeader(25))?.verifiedAt).toBe(f.clock.now);
    f.fake.requests.length = 0;
    expect(await f.client.fetchHeader(25)).toEqual(chain[24]!.header);
    expect(f.fake.requests).toEqual([]);
  });

  it('answers from the synced chain without a request', async () => {
    const { f, chain } = fixture();
    await f.client.syncPolicy();
    await f.client.syncHeaders();
    f.fake.requests.length = 0;
    expect(await f.client.fetchHeader(7)).toEqual(chain[6]!.header);
    expect(f.fake.requests).toEqual([]);
  });

  it('refuses a header without a quorum and stores nothing', async () => {
    const { f } = fixture();
    await f.client.syncPolicy();
    f.fake.signatureOverride.set(5, []);
    await expect(f.client.fetchHeader(5)).rejects.toMatchObject({ code: 'HEADER_REJECTED', reason: 'QUORUM_NOT_MET' });
    expect(await f.store.getSignedHeader(5)).toBeUndefined();
  });

  it('reports a height above the ledger tip as NOT_FOUND', async () => {
    const { f } = fixture();
    await f.client.syncPolicy();
    await expect(f.client.fetchHeader(31)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rejects a misused height', async () => {
    const { f } = fixture();
    await expect(f.client.fetchHeader(0)).rejects.toBeInstanceOf(RangeError);
  });
});
