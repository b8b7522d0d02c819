// Browser-store behaviour beyond the contract: a full disk mid-write, a lost connection, schema
// upgrades (the real 1 → 2, and a fake next version), an upgrade blocked by another tab, damaged rows.

import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeSignedHeader, sha256, type VerifiedHeader } from '../../core';
import { syntheticHeaders } from '../ledger/synthetic-chain';
import { INITIAL_SYNC, type SanmaStore, type StoredSignedHeader } from './contract';
import { SCHEMA_VERSIONS, type SchemaVersion } from './dexie-schema';
import { openDexieStore } from './dexie-store';

const GENESIS = { height: 0, hash: sha256(new Uint8Array([1])), time: 1_700_000_000_000 };
const chain = syntheticHeaders('test-market', GENESIS, 3_000);
/** A version after the newest real one, for upgrade tests that must not depend on its content. */
const NEXT = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version + 1;
const tipOf = (h: VerifiedHeader): StoredSignedHeader => ({ height: h.header.height, signed: encodeSignedHeader({ header: h.bytes, signatures: [] }), verifiedAt: 1 });

let n = 0;
const freshName = () => `dexie-test-${n++}`;
const opened: SanmaStore[] = [];
async function open(...args: Parameters<typeof openDexieStore>) {
  const s = await openDexieStore(...args);
  opened.push(s);
  return s;
}
afterEach(() => {
  vi.restoreAllMocks();
  opened.splice(0).forEach((s) => s.close());
});

describe('Dexie store', () => {
  it('a quota error in the middle of a header write keeps none of it', async () => {
    const store = await open({ name: freshName() });
    await store.appendHeaders(chain.slice(0, 500), tipOf(chain[499]!));
    // The 2nd put of the next transaction fails like a full disk does in Chrome.
    const realPut = IDBObjectStore.prototype.put;
    let puts = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (++puts === 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realPut.apply(this, args);
    });
    await expect(store.appendHeaders(chain.slice(500, 2_500), tipOf(chain[2_499]!))).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
    vi.restoreAllMocks();
    expect((await store.headerTip())?.height).toBe(500);
    expect(await store.getSignedHeader(2_500)).toBeUndefined();
    expect((await store.headerStats()).chainHeaders).toBe(500);
    await store.appendHeaders(chain.slice(500, 2_500), tipOf(chain[2_499]!));
    expect((await store.headerTip())?.height).toBe(2_500);
  });

  it('a quota error in the middle of a revocation write keeps no event and no commitment', async () => {
    const store = await open({ name: freshName() });
    const rows = [0, 1, 2].map((i) => ({ target: `3:${i}`, kind: 'revoked' as const, height: 9, index: i, body: new Uint8Array([i]), syncedAt: 30 }));
    const realPut = IDBObjectStore.prototype.put;
    let puts = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (++puts === 3) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realPut.apply(this, args);
    });
    await expect(store.putRevocations(rows, { count: 3, hash: sha256(new Uint8Array([3])), through: 9, at: 30 })).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
    vi.restoreAllMocks();
    expect(await store.listRevocations()).toEqual([]);
    expect(await store.getSyncState()).toEqual(INITIAL_SYNC);
    await store.putRevocations(rows, { count: 3, hash: sha256(new Uint8Array([3])), through: 9, at: 30 });
    expect((await store.revokedRefs()).size).toBe(3);
  });

  it('reopens a lost connection and retries once', async () => {
    const store = await open({ name: freshName() });
    await store.addScan({ text: 'x', status: 'not-sanma', time: 1 });
    store.db.close(); // what Safari does to a backgrounded app: the next call sees DatabaseClosedError
    expect((await store.listScans()).map((s) => s.text)).toEqual(['x']);
  });

  it('after close() by the caller, calls fail with DATABASE_CLOSED', async () => {
    const store = await open({ name: freshName() });
    store.close();
    await expect(store.listScans()).rejects.toMatchObject({ code: 'DATABASE_CLOSED' });
  });

  it('detects a damaged header row instead of answering with a wrong header', async () => {
    const store = await open({ name: freshName() });
    await store.appendHeaders(chain.slice(0, 100), tipOf(chain[99]!));
    const row = (await store.db.headerChunks.get(0))!;
    row.packed[40] = row.packed[40]! ^ 1;
    await store.db.headerChunks.put(row);
    await expect(store.loadHeaders([50])).rejects.toMatchObject({ code: 'CORRUPT' });
  });

  it('upgrades version 1 to 2: drops the trust caches and the vendor profile, keeps the vendor\'s and inspector\'s own data', async () => {
    const name = freshName();
    const v1 = await open({ name }, SCHEMA_VERSIONS.filter((v) => v.version === 1));
    expect(v1.db.verno).toBe(1);
    await v1.appendHeaders(chain.slice(0, 1_200), tipOf(chain[1_199]!));
    await v1.putSignedHeader(tipOf(chain[2_000]!));
    await v1.addForkEvidence({ height: 5, detectedAt: 1, evidence: null, ours: new Uint8Array([1]), oursSignedBy: null, theirs: new Uint8Array([2]), theirsSignedBy: new Uint8Array([3]), source: 'x' });
    // Rows as release 1 wrote them: format-1 policy, revocations without a kind, the old sync
    // state and a profile naming the vendor.
    await v1.db.meta.bulkPut([
      { key: 'policy', value: { signed: new Uint8Array([7]), fetchedAt: 10 } },
      { key: 'sync', value: { headersSyncedAt: 20, revocationsSyncedAt: 30, revocationsSince: 12 } },
      { key: 'vendorProfile', value: { stallNo: 'A012', stallName: '张三蔬菜', vendorName: '张三', channels: [], health: null, updatedAt: 6 } },
    ]);
    await v1.db.revocations.put({ target: '3:0', height: 9, index: 0, body: new Uint8Array([3]), syncedAt: 30 } as never);
    const key = { secretKey: new Uint8Array(32).fill(1), publicKey: new Uint8Array(32).fill(2), createdAt: 5 };
    await v1.putVendorKey(key);
    await v1.rememberBatches([{ product: '青菜', origin: '浙江萧山', supplier: '绿源合作社', amount: 50, unit: 'kg', day: 20_000, test: 'pass' }], 100);
    await v1.outboxAdd({ id: 'aa', kind: 'stall-code', signed: new Uint8Array([1]), createdAt: 1, attempts: 0, nextAttemptAt: 1, lastError: null, state: 'queued', inclusion: null });
    await v1.addScan({ text: 'HTTPS://SANMA.EXAMPLE/C#A', status: 'verified', time: 3 });
    // As release 1 wrote it: with the never-used `uploaded` flag (0/1, indexed).
    await v1.db.inspections.add({ stallNo: 'A1', text: 't', status: 'verified', reasons: [], note: '价格牌缺失', result: 'fail', time: 5, uploaded: 0 } as never);
    expect((await v1.headerTip())?.height).toBe(1_200);
    v1.close();

    const store = await open({ name });
    expect(store.db.verno).toBe(3);
    // Dropped: format-1 trust material cannot be re-checked; it is synced anew.
    expect(await store.headerTip()).toBeNull();
    expect(await store.headerStats()).toEqual({ chainHeaders: 0, signedHeaders: 0, chainBytes: 0, chunks: 0 });
    expect(await store.getSignedHeader(2_001)).toBeUndefined();
    expect(await store.listRevocations()).toEqual([]);
    expect(await store.revokedRefs()).toEqual(new Map());
    expect(await store.getPolicy()).toBeUndefined();
    expect(await store.getSyncState()).toEqual(INITIAL_SYNC);
    expect(await store.getVendorProfile()).toBeUndefined();
    expect(await store.listForkEvidence()).toEqual([]);
    // Kept: what only this phone has.
    expect(await store.getVendorKey()).toEqual(key);
    expect((await store.recentBatches()).map((e) => e.batch.product)).toEqual(['青菜']);
    expect((await store.outboxList()).map((e) => e.id)).toEqual(['aa']);
    expect((await store.listScans()).map((e) => e.text)).toEqual(['HTTPS://SANMA.EXAMPLE/C#A']);
    expect((await store.listInspections()).map((e) => [e.stallNo, e.note, e.result])).toEqual([['A1', '价格牌缺失', 'fail']]);
    expect(Object.keys((await store.db.inspections.toArray())[0]!)).not.toContain('uploaded');
    // And the emptied caches fill again from genesis.
    await store.appendHeaders(chain.slice(0, 10), tipOf(chain[9]!));
    expect(await store.headerTip()).toMatchObject({ height: 10, revocationCount: chain[9]!.header.revocationCount });
  });

  it('upgrades current data to a (fake) next schema, keeping it', async () => {
    const name = freshName();
    const current = await open({ name });
    await current.appendHeaders(chain.slice(0, 1_200), tipOf(chain[1_199]!));
    await current.addInspection({ stallNo: 'A1', text: 't', status: 'verified', reasons: [], note: '', result: 'pass', time: 5 });
    current.close();

    // A plausible next version: an index on inspections.stallNo and a migrated field.
    const next: SchemaVersion = {
      version: NEXT,
      stores: { inspections: '++id, time, stallNo' },
      upgrade: async (tx) => {
        await tx.table('inspections').toCollection().modify((row: { note: string }) => void (row.note = row.note || '—'));
      },
    };
    const store = await open({ name }, [...SCHEMA_VERSIONS, next]);
    expect(store.db.verno).toBe(NEXT);
    expect((await store.headerTip())?.height).toBe(1_200);
    expect((await store.loadHeaders([1_100])).get(1_100)).toEqual(chain[1_099]!.header);
    const rows = await store.db.inspections.where('stallNo').equals('A1').toArray();
    expect(rows.map((r) => r.note)).toEqual(['—']);
  });

  it('tells the caller when another tab blocks the upgrade, and when another tab upgraded', async () => {
    const name = freshName();
    // Another tab with version 1 open that ignores versionchange (a plain IndexedDB connection).
    const oldTab = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, 10); // Dexie stores version n as n * 10
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const onUpgradeBlocked = vi.fn();
    const opening = open({ name, onUpgradeBlocked }, [...SCHEMA_VERSIONS, { version: NEXT, stores: { scans: '++id, time, status' } }]);
    await vi.waitFor(() => expect(onUpgradeBlocked).toHaveBeenCalled());
    oldTab.close();
    const store = await opening;
    expect(store.db.verno).toBe(NEXT);
  });

  it('a newer tab upgrading closes this connection with VERSION_CHANGED', async () => {
    const name = freshName();
    const onVersionChange = vi.fn();
    const old = await open({ name, onVersionChange });
    await old.addScan({ text: 'x', status: 'not-sanma', time: 1 });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await open({ name }, [...SCHEMA_VERSIONS, { version: NEXT, stores: { scans: '++id, time, status' } }]);
    expect(onVersionChange).toHaveBeenCalled();
    await expect(old.listScans()).rejects.toMatchObject({ code: 'VERSION_CHANGED' });
  });
});
