// Header sync against the fake ledger: pages, progress, resume after a drop, hostile pages,
// quorum failures, forks (with re-checkable evidence), aborts.

import { describe, expect, it } from 'vitest';
import { decodeForkEvidence, encodeSignedHeader, type VerifiedHeader } from '../../core';
import { LedgerError, type HeaderSyncProgress } from './contract';
import { enrolVendor, ledgerFixture } from './fixture.testing';
import { syntheticHeaders } from './synthetic-chain';

function withSynthetic(count: number, seed = 'a') {
  const f = ledgerFixture();
  const chain = syntheticHeaders(f.net.chainId, f.net.tip, count, { seed });
  f.fake.pushSynthetic(chain);
  return { f, chain };
}

describe('syncHeaders', () => {
  it('syncs real blocks from genesis, stores them and the sync time', async () => {
    const f = ledgerFixture();
    enrolVendor(f);
    await f.client.syncPolicy();
    const r = await f.client.syncHeaders();
    expect(r).toMatchObject({ fromHeight: 0, toHeight: 2, added: 2, ledgerHeight: 2, syncedAt: f.clock.now });
    expect(await f.store.getHeader(2)).toEqual(f.net.headers.get(2));
    expect((await f.store.getSyncState()).headersSyncedAt).toBe(f.clock.now);
  });

  it('needs the policy first', async () => {
    const f = ledgerFixture();
    await expect(f.client.syncHeaders()).rejects.toMatchObject({ code: 'NO_POLICY' });
  });

  it('pages through a long chain with progress and resumes after a network drop', async () => {
    const { f, chain } = withSynthetic(12_000);
    await f.client.syncPolicy();
    const progress: HeaderSyncProgress[] = [];
    f.fake.fail(/from=5001/, 'network', 3); // more than the client's retries
    await expect(f.client.syncHeaders({ pageSize: 5_000, onProgress: (p) => progress.push(p) })).rejects.toMatchObject({ code: 'NETWORK' });
    expect(progress.map((p) => p.done)).toEqual([0, 5_000]);
    expect((await f.store.headerTip())?.height).toBe(5_000);
    expect((await f.store.getSyncState()).headersSyncedAt).toBeNull();

    f.fake.requests.length = 0;
    progress.length = 0;
    const r = await f.client.syncHeaders({ pageSize: 5_000, onProgress: (p) => progress.push(p) });
    expect(f.fake.requests).toEqual(['GET /v1/headers/latest', 'GET /v1/headers?from=5001&limit=5000', 'GET /v1/headers?from=10001&limit=2000']);
    expect(progress).toEqual([
      { done: 0, total: 7_000, height: 5_000 },
      { done: 5_000, total: 7_000, height: 10_000 },
      { done: 7_000, total: 7_000, height: 12_000 },
    ]);
    expect(r).toMatchObject({ fromHeight: 5_000, toHeight: 12_000, added: 7_000 });
    expect((await f.store.loadHeaders([11_999])).get(11_999)).toEqual(chain[11_999 - 1]!.header);
  });

  it('retries a page after a transient failure without giving up', async () => {
    const { f } = withSynthetic(300);
    await f.client.syncPolicy();
    f.fake.fail(/from=1&/, 503, 1);
    f.fake.fail(/from=1&/, 'network', 1);
    expect((await f.client.syncHeaders()).toHeight).toBe(300);
  });

  it('stops at an already synced tip and refreshes the sync time', async () => {
    const { f } = withSynthetic(10);
    await f.client.syncPolicy();
    await f.client.syncHeaders();
    f.clock.now += 60_000;
    const r = await f.client.syncHeaders();
    expect(r.added).toBe(0);
    expect((await f.store.getSyncState()).headersSyncedAt).toBe(f.clock.now);
  });

  it('rejects a page with a broken link and stores nothing of it', async () => {
    const f = ledgerFixture();
    const good = syntheticHeaders(f.net.chainId, f.net.tip, 50);
    const tampered: VerifiedHeader[] = [...good.slice(0, 20), ...syntheticHeaders(f.net.chainId, { height: 20, hash: new Uint8Array(32), time: good[19]!.header.time }, 30)];
    f.fake.pushSynthetic(tampered);
    await f.client.syncPolicy();
    await expect(f.client.syncHeaders()).rejects.toMatchObject({ code: 'HEADER_REJECTED', reason: 'HEADER_BROKEN_LINK', height: 21 });
    expect(await f.store.headerTip()).toBeNull();
  });

  it('rejects a tip without a quorum', async () => {
    const { f } = withSynthetic(10);
    const oneSigner = f.signHeader(f.fake.headerAt(10)!).slice(0, 1);
    f.fake.signatureOverride.set(10, oneSigner);
    await f.client.syncPolicy();
    await expect(f.client.syncHeaders()).rejects.toMatchObject({ code: 'HEADER_REJECTED', reason: 'QUORUM_NOT_MET' });
    expect(await f.store.headerTip()).toBeNull();
  });

  it('detects a fork below the ledger tip and keeps re-checkable evidence', async () => {
    const { f, chain } = withSynthetic(10);
    await f.client.syncPolicy();
    await f.client.syncHeaders();
    // The ledger now serves a different, quorum-signed history from height 8 on.
    f.fake.truncate(7);
    f.fake.pushSynthetic(syntheticHeaders(f.net.chainId, { height: 7, hash: chain[6]!.hash, time: chain[6]!.header.time }, 8, { seed: 'b' }));
    const err = await f.client.syncHeaders().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerError);
    expect(err).toMatchObject({ code: 'FORK_DETECTED', height: 10 });
    const [ev] = await f.store.listForkEvidence();
    expect(ev).toMatchObject({ height: 10, source: 'http://ledger.invalid' });
    const policy = await f.client.policy();
    const proven = decodeForkEvidence(ev!.evidence!, policy);
    expect(proven.height).toBe(10);
    expect(proven.equivocators).toHaveLength(3);
    expect((await f.store.headerTip())?.height).toBe(10); // nothing of the other history was stored
  });

  it('detects a fork at the same height as our tip', async () => {
    const { f, chain } = withSynthetic(10);
    await f.client.syncPolicy();
    await f.client.syncHeaders();
    f.fake.truncate(9);
    f.fake.pushSynthetic(syntheticHeaders(f.net.chainId, { height: 9, hash: chain[8]!.hash, time: chain[8]!.header.time }, 1, { seed: 'c' }));
    await expect(f.client.syncHeaders()).rejects.toMatchObject({ code: 'FORK_DETECTED', height: 10 });
    expect(await f.store.listForkEvidence()).toHaveLength(1);
  });

  it('detects a page that conflicts with a header held alone (as a phone of release 2 kept one)', async () => {
    const { f, chain } = withSynthetic(20);
    await f.client.syncPolicy();
    const held = f.fake.headerAt(15)!;
    await f.store.putSignedHeader({ height: 15, signed: encodeSignedHeader({ header: held, signatures: f.signHeader(held) }), verifiedAt: f.clock.now });
    f.fake.truncate(12);
    f.fake.pushSynthetic(syntheticHeaders(f.net.chainId, { height: 12, hash: chain[11]!.hash, time: chain[11]!.header.time }, 8, { seed: 'd' }));
    await expect(f.client.syncHeaders()).rejects.toMatchObject({ code: 'FORK_DETECTED', height: 15 });
    const [ev] = await f.store.listForkEvidence();
    expect(ev!.ours).toEqual(chain[14]!.bytes);
    expect(decodeForkEvidence(ev!.evidence!, await f.client.policy()).height).toBe(15);
    expect(await f.store.headerTip()).toBeNull();
  });

  it('aborts between pages', async () => {
    const { f } = withSynthetic(3_000);
    await f.client.syncPolicy();
    const ctrl = new AbortController();
    const p = f.client.syncHeaders({ pageSize: 1_000, signal: ctrl.signal, onProgress: (p) => p.done === 1_000 && ctrl.abort() });
    await expect(p).rejects.toMatchObject({ code: 'ABORTED' });
    expect((await f.store.headerTip())?.height).toBe(1_000);
  });

  it('keeps the page tip signatures, which make standalone look-ups unnecessary', async () => {
    const { f } = withSynthetic(10);
    await f.client.syncPolicy();
    await f.client.syncHeaders();
    const tip = await f.store.getSignedHeader(10);
    expect(tip?.signed).toEqual(encodeSignedHeader({ header: f.fake.headerAt(10)!, signatures: f.signHeader(f.fake.headerAt(10)!) }));
  });
});
