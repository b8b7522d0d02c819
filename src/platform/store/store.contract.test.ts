// The SanmaStore contract, run against both implementations (memory and Dexie on
// fake-indexeddb), so tests written against the memory store hold for the browser store too.

import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_REVOCATIONS, encodeHeader, encodeSignedHeader, headerHash, sha256, type Batch, type BlockHeader, type Bytes, type VerifiedHeader } from '../../core';
import { syntheticHeaders } from '../ledger/synthetic-chain';
import { INITIAL_SYNC, StoreError, type InspectionEntry, type OutboxEntry, type SanmaStore, type StoredRevocation, type StoredSignedHeader } from './contract';
import { openDexieStore } from './dexie-store';
import { createMemoryStore } from './memory-store';
import { CHUNK_SIZE } from './header-chunks';
import { INSPECTION_RETENTION_MS, SCAN_HISTORY_MAX, SCAN_RETENTION_MS } from './retention';

const GENESIS = { height: 0, hash: sha256(new Uint8Array([1])), time: 1_700_000_000_000 };
const chain = syntheticHeaders('test-market', GENESIS, 2_600);

/**
 * A chain whose revocation commitment follows `eventsAt(height)` (status events sealed in that
 * block): counts that stay for long runs, grow by one, or by several in one block.
 */
function chainWithEvents(count: number, eventsAt: (height: number) => number): VerifiedHeader[] {
  const out: VerifiedHeader[] = [];
  let prevHash: Bytes = GENESIS.hash;
  let revocationCount = EMPTY_REVOCATIONS.count;
  let revocationsHash = EMPTY_REVOCATIONS.hash;
  for (let height = 1; height <= count; height++) {
    for (let n = eventsAt(height); n > 0; n--) {
      revocationCount++;
      revocationsHash = sha256(new Uint8Array([...revocationsHash, height & 0xff]));
    }
    const header: BlockHeader = {
      chainId: 'test-market',
      height,
      prevHash,
      time: GENESIS.time + height * 2000,
      recordCount: 1 + (height % 7),
      recordsRoot: sha256(new Uint8Array([height & 0xff, height >> 8])),
      revocationCount,
      revocationsHash,
    };
    const bytes = encodeHeader(header);
    const hash = headerHash(bytes);
    out.push({ header, bytes, hash });
    prevHash = hash;
  }
  return out;
}

function tipOf(h: VerifiedHeader): StoredSignedHeader {
  return { height: h.header.height, signed: encodeSignedHeader({ header: h.bytes, signatures: [] }), verifiedAt: 1 };
}

let dbCount = 0;
const implementations: [string, () => Promise<SanmaStore>][] = [
  ['memory', async () => createMemoryStore()],
  ['dexie', () => openDexieStore({ name: `contract-${dbCount++}` })],
];

const outboxEntry = (id: string, createdAt: number, state: OutboxEntry['state'] = 'queued'): OutboxEntry => ({
  id,
  kind: 'stall-code',
  signed: new Uint8Array([1, 2, 3]),
  createdAt,
  attempts: 0,
  nextAttemptAt: createdAt,
  lastError: null,
  state,
  inclusion: null,
});

const inspection = (stallNo: string, time: number): InspectionEntry => ({
  stallNo,
  text: `HTTPS://SANMA.EXAMPLE/C#${stallNo}`,
  status: 'verified',
  reasons: [],
  note: '',
  result: 'pass',
  time,
});

describe.each(implementations)('SanmaStore contract: %s', (_name, open) => {
  let store: SanmaStore;
  afterEach(() => store?.close());

  it('starts empty', async () => {
    store = await open();
    expect(await store.headerTip()).toBeNull();
    expect(await store.getPolicy()).toBeUndefined();
    expect(await store.getSyncState()).toEqual(INITIAL_SYNC);
    expect(INITIAL_SYNC).toEqual({
      headersSyncedAt: null,
      revocationsSyncedAt: null,
      revocationCount: 0,
      revocationsHash: new Uint8Array(32),
      revocationsThrough: 0,
      revocationsRefused: null,
    });
    expect(await store.revokedRefs()).toEqual(new Map());
    expect(await store.headerStats()).toEqual({ chainHeaders: 0, signedHeaders: 0, chainBytes: 0, chunks: 0 });
  });

  it('appends headers across chunk boundaries and answers look-ups synchronously', async () => {
    store = await open();
    for (const [from, to] of [[0, 700], [700, 1400], [1400, 2600]] as const) {
      const page = chain.slice(from, to);
      await store.appendHeaders(page, tipOf(page[page.length - 1]!));
    }
    const last = chain[chain.length - 1]!;
    expect(await store.headerTip()).toEqual({ height: last.header.height, hash: last.hash, time: last.header.time, revocationCount: last.header.revocationCount });
    expect(last.header.revocationCount).toBe(104); // one block in 25 carries a status event
    const stats = await store.headerStats();
    expect(stats.chainHeaders).toBe(2_600);
    expect(stats.chunks).toBe(3);
    expect(stats.signedHeaders).toBe(3);
    // With a status event in one block of 25: about 38 B a header (an encoded header is 118 B).
    expect(stats.chainBytes / stats.chainHeaders).toBeLessThanOrEqual(80);

    // Around status events (every 25th block); 2000 also starts a chunk.
    const heights = [1, 24, 25, 26, 999, 2000, 2001, 2025, 2600];
    const cache = await store.loadHeaders(heights);
    for (const h of heights) expect(cache.get(h)).toEqual(chain[h - 1]!.header);
    expect(cache.get(1500)).toBeUndefined(); // its chunk was not loaded
    expect(cache.has(2601)).toBe(false);
    expect(await store.getHeader(1500)).toEqual(chain[1499]!.header);
    expect(await store.getHeader(2601)).toBeUndefined();
  });

  it('refuses headers that do not continue the tip, and stores none of them', async () => {
    store = await open();
    await expect(store.appendHeaders(chain.slice(1, 5), tipOf(chain[4]!))).rejects.toMatchObject({ code: 'NOT_CONTIGUOUS' });
    await store.appendHeaders(chain.slice(0, 5), tipOf(chain[4]!));
    const other = syntheticHeaders('test-market', { height: 5, hash: sha256(new Uint8Array([9])), time: chain[4]!.header.time }, 3);
    await expect(store.appendHeaders(other, tipOf(other[2]!))).rejects.toBeInstanceOf(StoreError);
    expect((await store.headerTip())?.height).toBe(5);
    expect(await store.getSignedHeader(8)).toBeUndefined();
  });

  it('keeps standalone signed headers beside the chain', async () => {
    store = await open();
    const h = chain[2_000]!;
    await store.putSignedHeader(tipOf(h));
    expect(await store.getHeader(2_001)).toEqual(h.header);
    expect((await store.loadHeaders([2_001])).get(2_001)).toEqual(h.header);
    expect((await store.signedHeadersBetween(1, 3_000)).map((s) => s.height)).toEqual([2_001]);
    expect(await store.signedHeadersBetween(1, 2_000)).toEqual([]);
  });

  it('round-trips revocation commitments that stay, grow by one, and grow by several in one block', async () => {
    store = await open();
    // Events at 3 (two at once), 4, 1000 (first header of a chunk), 1003 (five), then none.
    const events = new Map([[3, 2], [4, 1], [1000, 1], [1003, 5]]);
    const headers = chainWithEvents(1_500, (h) => events.get(h) ?? 0);
    await store.appendHeaders(headers.slice(0, 3), tipOf(headers[2]!)); // ends on a change
    await store.appendHeaders(headers.slice(3, 1_000), tipOf(headers[999]!)); // the next starts a chunk with one
    await store.appendHeaders(headers.slice(1_000), tipOf(headers[1_499]!));
    const all = Array.from({ length: 1_500 }, (_, i) => i + 1);
    const cache = await store.loadHeaders(all);
    for (const h of all) expect(cache.get(h), `header ${h}`).toEqual(headers[h - 1]!.header);
    expect([2, 3, 4, 5, 999, 1000, 1002, 1003, 1500].map((h) => cache.get(h)!.revocationCount)).toEqual([0, 2, 3, 3, 3, 4, 4, 9, 9]);
    expect(await store.headerTip()).toMatchObject({ height: 1_500, revocationCount: 9 });
  });

  it('refuses headers whose revocation count goes back, and stores none of them', async () => {
    store = await open();
    // Hash-linked and consecutive, but one event is taken back at 8: no honest ledger does that.
    const headers = chainWithEvents(10, (h) => (h === 5 ? 2 : 0)).map((v) => v.header);
    const relinked: VerifiedHeader[] = [];
    let prevHash = GENESIS.hash;
    for (const h of headers) {
      const header = h.height >= 8 ? { ...h, prevHash, revocationCount: h.revocationCount - 1 } : { ...h, prevHash };
      const bytes = encodeHeader(header);
      relinked.push({ header, bytes, hash: headerHash(bytes) });
      prevHash = headerHash(bytes);
    }
    await store.appendHeaders(relinked.slice(0, 6), tipOf(relinked[5]!));
    await expect(store.appendHeaders(relinked.slice(6), tipOf(relinked[9]!))).rejects.toMatchObject({ code: 'NOT_CONTIGUOUS' });
    expect(await store.headerTip()).toMatchObject({ height: 6, revocationCount: 2 });
    expect(await store.getSignedHeader(10)).toBeUndefined();
  });

  it('stores status events with their kind and the commitment they reproduced, in one transaction', async () => {
    store = await open();
    await store.putPolicy({ signed: new Uint8Array([7]), fetchedAt: 10 });
    expect(await store.getPolicy()).toEqual({ signed: new Uint8Array([7]), fetchedAt: 10 });
    await store.setHeadersSyncedAt(20);
    const revoked: StoredRevocation = { target: '3:0', kind: 'revoked', height: 9, index: 0, body: new Uint8Array([3]), syncedAt: 30 };
    const handover: StoredRevocation = { target: '1:0', kind: 'superseded', height: 9, index: 2, body: new Uint8Array([4]), syncedAt: 30 };
    const hash2 = sha256(new Uint8Array([2]));
    await store.putRevocations([handover, revoked], { count: 2, hash: hash2, through: 12, at: 30 });
    expect(await store.getSyncState()).toEqual({
      headersSyncedAt: 20,
      revocationsSyncedAt: 30,
      revocationCount: 2,
      revocationsHash: hash2,
      revocationsThrough: 12,
      revocationsRefused: null,
    });
    expect(await store.revokedRefs()).toEqual(new Map([['3:0', 'revoked'], ['1:0', 'superseded']]));
    expect(await store.listRevocations()).toEqual([revoked, handover]); // in ledger order

    const later: StoredRevocation = { target: '4:1', kind: 'revoked', height: 13, index: 0, body: new Uint8Array([5]), syncedAt: 40 };
    const hash3 = sha256(new Uint8Array([3]));
    await store.putRevocations([later], { count: 3, hash: hash3, through: 13, at: 40 });
    expect(await store.getSyncState()).toMatchObject({ revocationCount: 3, revocationsHash: hash3, revocationsThrough: 13, revocationsSyncedAt: 40, headersSyncedAt: 20 });
    expect(await store.revokedRefs()).toEqual(new Map([['3:0', 'revoked'], ['1:0', 'superseded'], ['4:1', 'revoked']]));
    expect((await store.listRevocations()).map((r) => r.target)).toEqual(['3:0', '1:0', '4:1']);
  });

  it('keeps its own copy of what it is given (IndexedDB clones)', async () => {
    store = await open();
    const hash = new Uint8Array(32).fill(9);
    const row: StoredRevocation = { target: '3:0', kind: 'revoked', height: 9, index: 0, body: new Uint8Array([3]), syncedAt: 30 };
    await store.putRevocations([row], { count: 1, hash, through: 9, at: 30 });
    hash.fill(0);
    row.body[0] = 7;
    expect((await store.listRevocations())[0]!.body).toEqual(new Uint8Array([3]));
    expect((await store.getSyncState()).revocationsHash).toEqual(new Uint8Array(32).fill(9));
  });

  it('keeps a refused revocation sync beside what was held, until the next complete one', async () => {
    store = await open();
    const hash1 = sha256(new Uint8Array([1]));
    const row: StoredRevocation = { target: '3:0', kind: 'revoked', height: 9, index: 0, body: new Uint8Array([3]), syncedAt: 30 };
    await store.putRevocations([row], { count: 1, hash: hash1, through: 9, at: 30 });
    await store.setRevocationsRefused('REVOCATIONS_INCOMPLETE');
    expect(await store.getSyncState()).toMatchObject({ revocationsRefused: 'REVOCATIONS_INCOMPLETE', revocationCount: 1, revocationsHash: hash1, revocationsThrough: 9, revocationsSyncedAt: 30 });
    expect(await store.revokedRefs()).toEqual(new Map([['3:0', 'revoked']]));
    await store.setRevocationsRefused('REVOCATION_ORDER'); // the latest refusal is the one shown
    expect((await store.getSyncState()).revocationsRefused).toBe('REVOCATION_ORDER');
    // A complete sync, even one that brings no new events, clears it.
    await store.putRevocations([], { count: 1, hash: hash1, through: 15, at: 50 });
    expect(await store.getSyncState()).toMatchObject({ revocationsRefused: null, revocationCount: 1, revocationsThrough: 15, revocationsSyncedAt: 50 });
    await store.setRevocationsRefused('REVOCATIONS_INCOMPLETE');
    await store.setRevocationsRefused(null);
    expect((await store.getSyncState()).revocationsRefused).toBeNull();
    // A refusal never touches the header sync time.
    await store.setHeadersSyncedAt(60);
    await store.setRevocationsRefused('REVOCATIONS_INCOMPLETE');
    expect((await store.getSyncState()).headersSyncedAt).toBe(60);
  });

  it('keeps fork evidence', async () => {
    store = await open();
    const id = await store.addForkEvidence({ height: 5, detectedAt: 1, evidence: null, ours: new Uint8Array([1]), oursSignedBy: null, theirs: new Uint8Array([2]), theirsSignedBy: new Uint8Array([3]), source: 'x' });
    expect(await store.listForkEvidence()).toEqual([{ id, height: 5, detectedAt: 1, evidence: null, ours: new Uint8Array([1]), oursSignedBy: null, theirs: new Uint8Array([2]), theirsSignedBy: new Uint8Array([3]), source: 'x' }]);
  });

  it('keeps the vendor key, profile and batch quick picks', async () => {
    store = await open();
    const key = { secretKey: new Uint8Array(32).fill(1), publicKey: new Uint8Array(32).fill(2), createdAt: 5 };
    await store.putVendorKey(key);
    expect(await store.getVendorKey()).toEqual(key);
    const profile = { stallNo: 'A012', stallName: '张三蔬菜', registration: { height: 1, index: 0 }, channels: [], health: null, updatedAt: 6 };
    await store.putVendorProfile(profile);
    expect(await store.getVendorProfile()).toEqual(profile);
    const greens: Batch = { product: '青菜', origin: '浙江萧山', supplier: '绿源合作社', amount: 50, unit: 'kg', day: 20_000, test: 'pass' };
    const eggs: Batch = { ...greens, product: '土鸡蛋', unit: 'piece', amount: 300 };
    await store.rememberBatches([greens, eggs], 100);
    await store.rememberBatches([{ ...greens, amount: 40 }], 200);
    const recent = await store.recentBatches();
    expect(recent.map((e) => [e.batch.product, e.batch.amount, e.uses])).toEqual([['青菜', 40, 2], ['土鸡蛋', 300, 1]]);
    expect(await store.recentBatches(1)).toHaveLength(1);
  });

  it('adds to the outbox idempotently and lists by state, oldest first', async () => {
    store = await open();
    await store.outboxAdd(outboxEntry('bb', 2));
    const again = await store.outboxAdd({ ...outboxEntry('bb', 9), attempts: 5 });
    expect(again.createdAt).toBe(2);
    await store.outboxAdd(outboxEntry('aa', 1, 'sent'));
    expect((await store.outboxList()).map((e) => e.id)).toEqual(['aa', 'bb']);
    expect((await store.outboxList(['queued'])).map((e) => e.id)).toEqual(['bb']);
    await store.outboxPut({ ...outboxEntry('bb', 2), state: 'failed', lastError: 'STALL_NOT_REGISTERED' });
    expect((await store.outboxGet('bb'))?.lastError).toBe('STALL_NOT_REGISTERED');
    await store.outboxDelete('bb');
    expect(await store.outboxGet('bb')).toBeUndefined();
  });

  it('keeps scan history and the inspection log, newest first', async () => {
    store = await open();
    await store.addScan({ text: 'a', status: 'verified', time: 1 });
    await store.addScan({ text: 'b', status: 'not-sanma', time: 2 });
    expect((await store.listScans()).map((s) => s.text)).toEqual(['b', 'a']);
    expect(await store.listScans(1)).toHaveLength(1);
    await store.clearScans();
    expect(await store.listScans()).toEqual([]);

    const a = await store.addInspection({ ...inspection('A1', 1), note: '价格牌缺失', result: 'fail' });
    const b = await store.addInspection(inspection('B2', 2));
    expect((await store.listInspections()).map((e) => [e.id, e.stallNo, e.result, e.note])).toEqual([[b, 'B2', 'pass', ''], [a, 'A1', 'fail', '价格牌缺失']]);
    expect(await store.listInspections(1)).toHaveLength(1);
  });

  it('deletes one scan or inspection, or all of them', async () => {
    store = await open();
    const s1 = await store.addScan({ text: 'a', status: 'verified', time: 1 });
    await store.addScan({ text: 'b', status: 'verified', time: 2 });
    await store.deleteScan(s1);
    expect((await store.listScans()).map((s) => s.text)).toEqual(['b']);
    const i1 = await store.addInspection(inspection('A1', 1));
    await store.addInspection(inspection('B2', 2));
    await store.addInspection(inspection('C3', 3));
    await store.deleteInspection(i1);
    expect((await store.listInspections()).map((e) => e.stallNo)).toEqual(['C3', 'B2']);
    await store.clearInspections();
    expect(await store.listInspections()).toEqual([]);
  });

  it('keeps at most 50 scans, of the last 30 days, pruned on every write', async () => {
    store = await open();
    const now = Date.UTC(2026, 11, 5);
    await store.addScan({ text: 'old', status: 'verified', time: now - SCAN_RETENTION_MS - 1_000 });
    await store.addScan({ text: 'edge', status: 'verified', time: now - SCAN_RETENTION_MS + 1_000 });
    expect((await store.listScans()).map((s) => s.text)).toEqual(['edge', 'old']); // nothing newer written yet
    await store.addScan({ text: 'today', status: 'verified', time: now });
    expect((await store.listScans()).map((s) => s.text)).toEqual(['today', 'edge']);
    for (let i = 1; i < SCAN_HISTORY_MAX; i++) await store.addScan({ text: `s${i}`, status: 'verified', time: now + i });
    let kept = (await store.listScans()).map((s) => s.text);
    expect(kept).toHaveLength(SCAN_HISTORY_MAX);
    expect(kept.at(-1)).toBe('today');
    await store.addScan({ text: 'one more', status: 'verified', time: now + SCAN_HISTORY_MAX });
    kept = (await store.listScans()).map((s) => s.text);
    expect(kept).toHaveLength(SCAN_HISTORY_MAX);
    expect([kept[0], kept.at(-1)]).toEqual(['one more', 's1']);
  });

  it('keeps inspections for 90 days, pruned on write and when the app opens', async () => {
    store = await open();
    const now = Date.UTC(2026, 11, 5);
    await store.addInspection(inspection('OLD', now - INSPECTION_RETENTION_MS - 1_000));
    await store.addInspection(inspection('KEPT', now - INSPECTION_RETENTION_MS + 1_000));
    await store.addScan({ text: 'a month ago', status: 'verified', time: now - SCAN_RETENTION_MS + 1_000 });
    expect((await store.listInspections()).map((e) => e.stallNo)).toEqual(['KEPT', 'OLD']);
    await store.addInspection(inspection('NEW', now));
    expect((await store.listInspections()).map((e) => e.stallNo)).toEqual(['NEW', 'KEPT']);
    // Two days later, with no new entry: opening the app drops what expired meanwhile.
    await store.pruneExpired(now + 2 * 86_400_000);
    expect((await store.listInspections()).map((e) => e.stallNo)).toEqual(['NEW']);
    expect(await store.listScans()).toEqual([]);
  });

  it('chunk size is what the contract promises', () => {
    expect(CHUNK_SIZE).toBe(1000);
  });
});

describe('memory store faults', () => {
  it('a failed write changes nothing', async () => {
    const store = createMemoryStore();
    store.injectFault('QUOTA_EXCEEDED');
    await expect(store.appendHeaders(chain.slice(0, 10), tipOf(chain[9]!))).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect(await store.headerTip()).toBeNull();
    expect(await store.getSignedHeader(10)).toBeUndefined();
    await store.appendHeaders(chain.slice(0, 10), tipOf(chain[9]!));
    expect((await store.headerTip())?.height).toBe(10);
  });

  it('a failed revocation write stores no event and leaves the sync state as it was', async () => {
    const store = createMemoryStore();
    store.injectFault('QUOTA_EXCEEDED');
    const row: StoredRevocation = { target: '3:0', kind: 'revoked', height: 9, index: 0, body: new Uint8Array([3]), syncedAt: 30 };
    await expect(store.putRevocations([row], { count: 1, hash: sha256(new Uint8Array([1])), through: 9, at: 30 })).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect(await store.revokedRefs()).toEqual(new Map());
    expect(await store.getSyncState()).toEqual(INITIAL_SYNC);
  });
});
