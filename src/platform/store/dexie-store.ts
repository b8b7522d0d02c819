// The browser SanmaStore: IndexedDB through Dexie (schema and migrations in dexie-schema.ts).
// Every multi-row write is one readwrite transaction, so a full disk or a crash keeps either all
// of it or none. A lost connection (Safari drops it when the app is backgrounded) is reopened and
// the operation retried once. Another tab holding an old version open delays our upgrade: the
// caller hears it through onUpgradeBlocked; when another tab upgrades, onVersionChange says reload.

import type { Batch, BlockHeader, VerifiedHeader } from '../../core';
import {
  INITIAL_SYNC,
  StoreError,
  type DexieStoreOptions,
  type HeaderCache,
  type SanmaStore,
  type StoredPolicy,
  type StoredSignedHeader,
  type SyncState,
  type VendorKey,
  type VendorProfile,
} from './contract';
import { DEFAULT_RECENT_BATCHES, batchKey, mergeBatchHistory } from './batch-history';
import { SanmaDexie, SCHEMA_VERSIONS, type MetaRow, type SchemaVersion } from './dexie-schema';
import { DecodedChunks, buildHeaderCache, chunksFor, signedToHeader } from './header-cache';
import { chunkOf, planAppend, rowBytes, rowTip } from './header-chunks';
import { INSPECTION_RETENTION_MS, keptSince, scansToDrop } from './retention';
import { isConnectionLost, toStoreError } from './store-errors';



/** What retention drops (retention.ts); called inside a write transaction on the table. */
async function pruneScans(db: SanmaDexie, now: number): Promise<void> {
  const dropped = scansToDrop(await db.scans.toArray(), now);
  if (dropped.length > 0) await db.scans.bulkDelete(dropped.map((e) => e.id!));
}

async function pruneInspections(db: SanmaDexie, now: number): Promise<void> {
  await db.inspections.where('time').below(keptSince(now, INSPECTION_RETENTION_MS)).delete();
}

/** Opens (creating or upgrading) the database. `versions` is for migration tests only. */
export async function openDexieStore(opts: DexieStoreOptions = {}, versions: readonly SchemaVersion[] = SCHEMA_VERSIONS): Promise<SanmaStore & { readonly db: SanmaDexie }> {
  const factory = opts.indexedDB ?? globalThis.indexedDB;
  if (!factory) throw new StoreError('UNAVAILABLE', 'IndexedDB is not available in this browser');
  const db = new SanmaDexie(opts.name ?? 'sanma', { indexedDB: factory, ...(opts.IDBKeyRange ? { IDBKeyRange: opts.IDBKeyRange } : {}) }, versions);
  let closedByCaller = false;
  let versionChanged = false;
  db.on('blocked', () => opts.onUpgradeBlocked?.());
  db.on('versionchange', () => {
    versionChanged = true;
    opts.onVersionChange?.();
  });
  try {
    await db.open();
  } catch (e) {
    throw toStoreError(e, 'UNAVAILABLE');
  }
  const decoded = new DecodedChunks();

  async function run<T>(fn: () => Promise<T>): Promise<T> {
    // Dexie 4 would quietly reopen the newer database; but this tab's code may write rows of the
    // old shape into migrated tables, so it must reload first.
    if (versionChanged) throw new StoreError('VERSION_CHANGED', 'another tab upgraded the database; reload');
    try {
      return await fn();
    } catch (e) {
      if (e instanceof StoreError) throw e;
      if (closedByCaller || !isConnectionLost(e)) throw toStoreError(e);
      try {
        if (db.isOpen()) db.close({ disableAutoOpen: false });
        await db.open();
        return await fn();
      } catch (again) {
        throw again instanceof StoreError ? again : toStoreError(again, 'DATABASE_CLOSED');
      }
    }
  }

  const getMeta = async <T>(key: MetaRow['key']): Promise<T | undefined> => (await db.meta.get(key))?.value as T | undefined;
  const putMeta = (key: MetaRow['key'], value: unknown) => db.meta.put({ key, value });
  const syncState = async (): Promise<SyncState> => ({ ...INITIAL_SYNC, ...(await getMeta<SyncState>('sync')) });

  return {
    db,

    headerTip: () =>
      run(async () => {
        const last = await db.headerChunks.orderBy('chunk').last();
        return last ? rowTip(last) : null;
      }),
    appendHeaders: (headers: readonly VerifiedHeader[], tip: StoredSignedHeader) =>
      run(() =>
        db.transaction('rw', db.headerChunks, db.signedHeaders, async () => {
          const rows = planAppend(await db.headerChunks.orderBy('chunk').last(), headers);
          await db.headerChunks.bulkPut(rows);
          await db.signedHeaders.put(tip);
        }),
      ),
    putSignedHeader: (h) => run(async () => void (await db.signedHeaders.put(h))),
    getSignedHeader: (height) => run(() => db.signedHeaders.get(height)),
    signedHeadersBetween: (from, to) => run(() => db.signedHeaders.where('height').between(from, to, true, true).toArray()),
    loadHeaders: (heights): Promise<HeaderCache> =>
      run(async () => {
        const [rows, signed] = await db.transaction('r', db.headerChunks, db.signedHeaders, () =>
          Promise.all([db.headerChunks.bulkGet(chunksFor(heights)), db.signedHeaders.bulkGet(heights.filter((h) => Number.isSafeInteger(h) && h >= 0))]),
        );
        return buildHeaderCache(
          rows.filter((r) => r !== undefined),
          signed.filter((s) => s !== undefined),
          decoded,
        );
      }),
    getHeader: (height): Promise<BlockHeader | undefined> =>
      run(async () => {
        const row = Number.isSafeInteger(height) ? await db.headerChunks.get(chunkOf(height)) : undefined;
        if (row && height >= row.start && height < row.start + row.count) return decoded.headers(row)[height - row.start];
        const s = Number.isSafeInteger(height) ? await db.signedHeaders.get(height) : undefined;
        return s && signedToHeader(s);
      }),
    headerStats: () =>
      run(async () => {
        let chainHeaders = 0;
        let chainBytes = 0;
        let chunks = 0;
        await db.headerChunks.each((r) => {
          chainHeaders += r.count;
          chainBytes += rowBytes(r);
          chunks++;
        });
        return { chainHeaders, signedHeaders: await db.signedHeaders.count(), chainBytes, chunks };
      }),

    getPolicy: () => run(() => getMeta<StoredPolicy>('policy')),
    putPolicy: (p) => run(async () => void (await putMeta('policy', p))),
    getSyncState: () => run(syncState),
    setHeadersSyncedAt: (time) =>
      run(() => db.transaction('rw', db.meta, async () => void (await putMeta('sync', { ...(await syncState()), headersSyncedAt: time })))),
    putRevocations: (rows, synced) =>
      run(() =>
        db.transaction('rw', db.revocations, db.meta, async () => {
          await db.revocations.bulkPut(rows.slice());
          const next: SyncState = {
            ...(await syncState()),
            revocationCount: synced.count,
            revocationsHash: synced.hash,
            revocationsThrough: synced.through,
            revocationsSyncedAt: synced.at,
            revocationsRefused: null,
          };
          await putMeta('sync', next);
        }),
      ),
    setRevocationsRefused: (reason) =>
      run(() => db.transaction('rw', db.meta, async () => void (await putMeta('sync', { ...(await syncState()), revocationsRefused: reason })))),
    listRevocations: () => run(async () => (await db.revocations.orderBy('height').toArray()).sort((a, b) => a.height - b.height || a.index - b.index)),
    revokedRefs: () => run(async () => new Map((await db.revocations.toArray()).map((r) => [r.target, r.kind] as const))),
    addForkEvidence: (e) => run(() => db.forkEvidence.add({ ...e })),
    listForkEvidence: () => run(() => db.forkEvidence.toArray()),

    getVendorKey: () => run(() => getMeta<VendorKey>('vendorKey')),
    putVendorKey: (k) => run(async () => void (await putMeta('vendorKey', k))),
    getVendorProfile: () => run(() => getMeta<VendorProfile>('vendorProfile')),
    putVendorProfile: (p) => run(async () => void (await putMeta('vendorProfile', p))),
    rememberBatches: (batches: readonly Batch[], usedAt) =>
      run(() =>
        db.transaction('rw', db.batchHistory, async () => {
          const keys = batches.map(batchKey);
          const before = new Map((await db.batchHistory.bulkGet(keys)).flatMap((e) => (e ? [[e.key, e] as const] : [])));
          await db.batchHistory.bulkPut(mergeBatchHistory((k) => before.get(k), batches, usedAt));
        }),
      ),
    recentBatches: (limit = DEFAULT_RECENT_BATCHES) => run(() => db.batchHistory.orderBy('lastUsedAt').reverse().limit(limit).toArray()),

    outboxAdd: (entry) =>
      run(() =>
        db.transaction('rw', db.outbox, async () => {
          const existing = await db.outbox.get(entry.id);
          if (existing) return existing;
          await db.outbox.add(entry);
          return entry;
        }),
      ),
    outboxPut: (entry) => run(async () => void (await db.outbox.put(entry))),
    outboxGet: (id) => run(() => db.outbox.get(id)),
    outboxList: (states) => run(async () => (await db.outbox.orderBy('createdAt').toArray()).filter((e) => !states || states.includes(e.state))),
    outboxDelete: (id) => run(() => db.outbox.delete(id)),

    addScan: (entry) =>
      run(() =>
        db.transaction('rw', db.scans, async () => {
          const id = await db.scans.add({ ...entry });
          await pruneScans(db, entry.time);
          return id;
        }),
      ),
    listScans: (limit = Infinity) => run(() => db.scans.orderBy('time').reverse().limit(limit).toArray()),
    deleteScan: (id) => run(() => db.scans.delete(id)),
    clearScans: () => run(() => db.scans.clear()),
    addInspection: (entry) =>
      run(() =>
        db.transaction('rw', db.inspections, async () => {
          const id = await db.inspections.add({ ...entry });
          await pruneInspections(db, entry.time);
          return id;
        }),
      ),
    listInspections: (limit = Infinity) => run(() => db.inspections.orderBy('time').reverse().limit(limit).toArray()),
    deleteInspection: (id) => run(() => db.inspections.delete(id)),
    clearInspections: () => run(() => db.inspections.clear()),
    pruneExpired: (now) =>
      run(() =>
        db.transaction('rw', db.scans, db.inspections, async () => {
          await pruneScans(db, now);
          await pruneInspections(db, now);
        }),
      ),

    close() {
      closedByCaller = true;
      db.close();
    },
  };
}
