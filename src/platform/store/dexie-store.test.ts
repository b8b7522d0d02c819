// Browser-store behaviour beyond the contract: a full disk mid-write, a lost connection, schema
// upgrades (with a fake version 2), an upgrade blocked by another tab, damaged rows.

import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeSignedHeader, sha256, type VerifiedHeader } from '../../core';
import { syntheticHeaders } from '../ledger/synthetic-chain';
import type { SanmaStore, StoredSignedHeader } from './contract';
import { SCHEMA_VERSIONS, type SchemaVersion } from './dexie-schema';
import { openDexieStore } from './dexie-store';

const GENESIS = { height: 0, hash: sha256(new Uint8Array([1])), time: 1_700_000_000_000 };
const chain = syntheticHeaders('test-market', GENESIS, 3_000);
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

  it('upgrades version 1 data to a (fake) version 2 schema', async () => {
    const name = freshName();
    const v1 = await open({ name });
    await v1.appendHeaders(chain.slice(0, 1_200), tipOf(chain[1_199]!));
    await v1.addInspection({ stallNo: 'A1', text: 't', status: 'verified', reasons: [], note: '', result: 'pass', time: 5, uploaded: false });
    v1.close();

    // A plausible version 2: an index on inspections.stallNo and a migrated field.
    const v2: SchemaVersion = {
      version: 2,
      stores: { inspections: '++id, time, uploaded, stallNo' },
      upgrade: async (tx) => {
        await tx.table('inspections').toCollection().modify((row: { note: string }) => void (row.note = row.note || '—'));
      },
    };
    const store = await open({ name }, [...SCHEMA_VERSIONS, v2]);
    expect(store.db.verno).toBe(2);
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
    const opening = open({ name, onUpgradeBlocked }, [...SCHEMA_VERSIONS, { version: 2, stores: { scans: '++id, time, status' } }]);
    await vi.waitFor(() => expect(onUpgradeBlocked).toHaveBeenCalled());
    oldTab.close();
    const store = await opening;
    expect(store.db.verno).toBe(2);
  });

  it('a newer tab upgrading closes this connection with VERSION_CHANGED', async () => {
    const name = freshName();
    const onVersionChange = vi.fn();
    const old = await open({ name, onVersionChange });
    await old.addScan({ text: 'x', status: 'not-sanma', time: 1 });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await open({ name }, [...SCHEMA_VERSIONS, { version: 2, stores: { scans: '++id, time, status' } }]);
    expect(onVersionChange).toHaveBeenCalled();
    await expect(old.listScans()).rejects.toMatchObject({ code: 'VERSION_CHANGED' });
  });
});
