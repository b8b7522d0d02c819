// A header the phone lacks is got by syncing from the phone's own tip, never by asking for the
// height the scanned code claims (issue 15: the ledger must not learn which block was scanned).

import { describe, expect, it } from 'vitest';
import { ledgerFixture } from './fixture.testing';
import { syntheticHeaders } from './synthetic-chain';

function fixture(count = 30) {
  const f = ledgerFixture();
  const chain = syntheticHeaders(f.net.chainId, f.net.tip, count);
  f.fake.pushSynthetic(chain);
  return { f, chain };
}

const headerRequests = (requests: readonly string[]) => requests.filter((r) => r.startsWith('GET /v1/headers'));

describe('fetchHeader', () => {
  it('syncs up to a header above the cached chain without naming its height, then answers from the cache', async () => {
    const { f, chain } = fixture();
    await f.client.syncPolicy();
    f.fake.requests.length = 0;
    expect(await f.client.fetchHeader(25)).toEqual(chain[24]!.header);
    expect(headerRequests(f.fake.requests)).toEqual(['GET /v1/headers/latest', 'GET /v1/headers?from=1&limit=30']);
    expect((await f.store.headerTip())?.height).toBe(30);
    f.fake.requests.length = 0;
    expect(await f.client.fetchHeader(25)).toEqual(chain[24]!.header);
    expect(f.fake.requests).toEqual([]);
  });

  it('asks only from the cached tip after an earlier sync', async () => {
    const { f, chain } = fixture(10);
    await f.client.syncPolicy();
    await f.client.syncHeaders();
    const more = syntheticHeaders(f.net.chainId, { height: 10, hash: chain[9]!.hash, time: chain[9]!.header.time }, 20, { seed: 'more' });
    f.fake.pushSynthetic(more);
    f.fake.requests.length = 0;
    expect(await f.client.fetchHeader(17)).toEqual(more[6]!.header);
    expect(headerRequests(f.fake.requests)).toEqual(['GET /v1/headers/latest', 'GET /v1/headers?from=11&limit=20']);
  });

  it('runs concurrent look-ups and syncs one after the other (no torn append)', async () => {
    const { f, chain } = fixture();
    await f.client.syncPolicy();
    const [a, b, c] = await Promise.all([f.client.fetchHeader(5), f.client.syncHeaders(), f.client.fetchHeader(30)]);
    expect(a).toEqual(chain[4]!.header);
    expect(b.toHeight).toBe(30);
    expect(c).toEqual(chain[29]!.header);
    expect(headerRequests(f.fake.requests).filter((r) => r.includes('from='))).toHaveLength(1);
  });

  it('answers from the synced chain without a request', async () => {
    const { f, chain } = fixture();
    await f.client.syncPolicy();
    await f.client.syncHeaders();
    f.fake.requests.length = 0;
    expect(await f.client.fetchHeader(7)).toEqual(chain[6]!.header);
    expect(f.fake.requests).toEqual([]);
  });

  it('refuses a chain whose tip lacks a quorum and stores nothing', async () => {
    const { f } = fixture();
    await f.client.syncPolicy();
    f.fake.signatureOverride.set(30, []);
    await expect(f.client.fetchHeader(5)).rejects.toMatchObject({ code: 'HEADER_REJECTED', reason: 'QUORUM_NOT_MET' });
    expect(await f.store.headerTip()).toBeNull();
    expect(await f.store.getHeader(5)).toBeUndefined();
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
