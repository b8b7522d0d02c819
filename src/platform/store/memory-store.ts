// In-memory SanmaStore for unit tests and previews: the same contract and the same compact header
// rows as the Dexie store, no IndexedDB. Values are copied in and out (structuredClone), as
// IndexedDB does, so callers cannot mutate stored state by accident. `injectFault` makes the next
// write fail with a StoreError (a full disk, a lost connection) to test the callers' handling.

import type { Batch, BlockHeader, VerifiedHeader } from '../../core';
import {
  INITIAL_SYNC,
  StoreError,
  type BatchHistoryEntry,
  type ChainTip,
  type HeaderCache,
  type HeaderStats,
  type InspectionEntry,
  type OutboxEntry,
  type OutboxState,
  type SanmaStore,
  type ScanEntry,
  type StoreErrorCode,
  type StoredForkEvidence,
  type StoredPolicy,
  type StoredRevocation,
  type StoredSignedHeader,
  type SyncState,
  type VendorKey,
  type VendorProfile,
} from './contract';
import { DEFAULT_RECENT_BATCHES, mergeBatchHistory } from './batch-history';
import { DecodedChunks, buildHeaderCache, chunksFor, signedToHeader } from './header-cache';
import { chunkOf, planAppend, rowBytes, rowTip, type HeaderChunkRow } from './header-chunks';
import { INSPECTION_RETENTION_MS, keptSince, scansToDrop } from './retention';

const clone = <T>(v: T): T => structuredClone(v);

export interface MemoryStore extends SanmaStore {
  /** The next write throws StoreError(code) and changes nothing. */
  injectFault(code: StoreErrorCode): void;
}

export function createMemoryStore(): MemoryStore {
  const chunks = new Map<number, HeaderChunkRow>();
  const signedHeaders = new Map<number, StoredSignedHeader>();
  const revocations = new Map<string, StoredRevocation>();
  const forks: StoredForkEvidence[] = [];
  const batches = new Map<string, BatchHistoryEntry>();
  const outbox = new Map<string, OutboxEntry>();
  const scans: ScanEntry[] = [];
  const inspections: InspectionEntry[] = [];
  const removeWhere = <T>(list: T[], drop: (e: T) => boolean) => {
    for (let i = list.length - 1; i >= 0; i--) if (drop(list[i]!)) list.splice(i, 1);
  };
  const pruneScans = (now: number) => {
    const dropped = new Set(scansToDrop(scans, now));
    removeWhere(scans, (e) => dropped.has(e));
  };
  const pruneInspections = (now: number) => removeWhere(inspections, (e) => e.time < keptSince(now, INSPECTION_RETENTION_MS));
  let policy: StoredPolicy | undefined;
  let sync: SyncState = { ...INITIAL_SYNC };
  let vendorKey: VendorKey | undefined;
  let vendorProfile: VendorProfile | undefined;
  let fault: StoreErrorCode | null = null;
  let nextId = 1;
  const decoded = new DecodedChunks();

  // Every write goes through here: a pending fault fails it before anything changes.
  const write = async <T>(fn: () => T): Promise<T> => {
    if (fault) {
      const code = fault;
      fault = null;
      throw new StoreError(code, 'injected fault');
    }
    return fn();
  };
  const lastRow = (): HeaderChunkRow | undefined => {
    let best: HeaderChunkRow | undefined;
    for (const r of chunks.values()) if (!best || r.chunk > best.chunk) best = r;
    return best;
  };

  return {
    injectFault(code) {
      fault = code;
    },

    async headerTip(): Promise<ChainTip | null> {
      const last = lastRow();
      return last ? clone(rowTip(last)) : null;
    },
    async appendHeaders(headers: readonly VerifiedHeader[], tip: StoredSignedHeader) {
      const rows = planAppend(lastRow(), headers);
      await write(() => {
        for (const r of rows) chunks.set(r.chunk, clone(r));
        signedHeaders.set(tip.height, clone(tip));
      });
    },
    async putSignedHeader(h) {
      await write(() => signedHeaders.set(h.height, clone(h)));
    },
    async getSignedHeader(height) {
      const h = signedHeaders.get(height);
      return h && clone(h);
    },
    async signedHeadersBetween(from, to) {
      return [...signedHeaders.values()].filter((h) => h.height >= from && h.height <= to).sort((a, b) => a.height - b.height).map(clone);
    },
    async loadHeaders(heights): Promise<HeaderCache> {
      const rows = chunksFor(heights).flatMap((c) => (chunks.has(c) ? [chunks.get(c)!] : []));
      const signed = heights.flatMap((h) => (signedHeaders.has(h) ? [signedHeaders.get(h)!] : []));
      return buildHeaderCache(rows, signed, decoded);
    },
    async getHeader(height): Promise<BlockHeader | undefined> {
      const row = chunks.get(chunkOf(height));
      const h = row && height >= row.start && height < row.start + row.count ? decoded.headers(row)[height - row.start] : undefined;
      if (h) return clone(h);
      const s = signedHeaders.get(height);
      return s && signedToHeader(s);
    },
    async headerStats(): Promise<HeaderStats> {
      let chainHeaders = 0;
      let chainBytes = 0;
      for (const r of chunks.values()) {
        chainHeaders += r.count;
        chainBytes += rowBytes(r);
      }
      return { chainHeaders, signedHeaders: signedHeaders.size, chainBytes, chunks: chunks.size };
    },

    async getPolicy() {
      return policy && clone(policy);
    },
    async putPolicy(p) {
      await write(() => (policy = clone(p)));
    },
    async getSyncState() {
      return clone(sync);
    },
    async setHeadersSyncedAt(time) {
      await write(() => (sync = { ...sync, headersSyncedAt: time }));
    },
    async putRevocations(rows, synced) {
      await write(() => {
        for (const r of rows) revocations.set(r.target, clone(r));
        sync = { ...sync, revocationCount: synced.count, revocationsHash: synced.hash.slice(), revocationsThrough: synced.through, revocationsSyncedAt: synced.at, revocationsRefused: null };
      });
    },
    async setRevocationsRefused(reason) {
      await write(() => (sync = { ...sync, revocationsRefused: reason }));
    },
    async listRevocations() {
      return [...revocations.values()].sort((a, b) => a.height - b.height || a.index - b.index).map(clone);
    },
    async revokedRefs() {
      return new Map([...revocations.values()].map((r) => [r.target, r.kind] as const));
    },
    async addForkEvidence(e) {
      return write(() => {
        const id = nextId++;
        forks.push(clone({ ...e, id }));
        return id;
      });
    },
    async listForkEvidence() {
      return forks.map(clone);
    },

    async getVendorKey() {
      return vendorKey && clone(vendorKey);
    },
    async putVendorKey(k) {
      await write(() => (vendorKey = clone(k)));
    },
    async getVendorProfile() {
      return vendorProfile && clone(vendorProfile);
    },
    async putVendorProfile(p) {
      await write(() => (vendorProfile = clone(p)));
    },
    async rememberBatches(list: readonly Batch[], usedAt) {
      const merged = mergeBatchHistory((k) => batches.get(k), list, usedAt);
      await write(() => merged.forEach((e) => batches.set(e.key, e)));
    },
    async recentBatches(limit = DEFAULT_RECENT_BATCHES) {
      return [...batches.values()].sort((a, b) => b.lastUsedAt - a.lastUsedAt).slice(0, limit).map(clone);
    },

    async outboxAdd(entry) {
      const existing = outbox.get(entry.id);
      if (existing) return clone(existing);
      await write(() => outbox.set(entry.id, clone(entry)));
      return clone(entry);
    },
    async outboxPut(entry) {
      await write(() => outbox.set(entry.id, clone(entry)));
    },
    async outboxGet(id) {
      const e = outbox.get(id);
      return e && clone(e);
    },
    async outboxList(states?: readonly OutboxState[]) {
      return [...outbox.values()].filter((e) => !states || states.includes(e.state)).sort((a, b) => a.createdAt - b.createdAt).map(clone);
    },
    async outboxDelete(id) {
      await write(() => outbox.delete(id));
    },

    async addScan(entry) {
      return write(() => {
        const id = nextId++;
        scans.push(clone({ ...entry, id }));
        pruneScans(entry.time);
        return id;
      });
    },
    async listScans(limit = Infinity) {
      return scans.slice().sort((a, b) => b.time - a.time || b.id! - a.id!).slice(0, limit).map(clone);
    },
    async deleteScan(id) {
      await write(() => removeWhere(scans, (e) => e.id === id));
    },
    async clearScans() {
      await write(() => scans.splice(0));
    },
    async addInspection(entry) {
      return write(() => {
        const id = nextId++;
        inspections.push(clone({ ...entry, id }));
        pruneInspections(entry.time);
        return id;
      });
    },
    async listInspections(limit = Infinity) {
      return inspections.slice().sort((a, b) => b.time - a.time || b.id! - a.id!).slice(0, limit).map(clone);
    },
    async deleteInspection(id) {
      await write(() => removeWhere(inspections, (e) => e.id === id));
    },
    async clearInspections() {
      await write(() => inspections.splice(0));
    },
    async pruneExpired(now) {
      await write(() => {
        pruneScans(now);
        pruneInspections(now);
      });
    },

    close() {},
  };
}
