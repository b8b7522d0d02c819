// The finalised chain as one process stores it: quorum-signed headers, the records of each block,
// and the indexes the ledger rules look up (stall → newest registration, revoked refs). The
// sequencer and every validator each keep their own copy in their own SQLite file; this class is
// shared by both. `state` is the SQLite-backed LedgerState that core `validateRecord` /
// `validateBlock` run against.

import {
  MerkleTree,
  decodeHeader,
  decodeRecord,
  decodeSignedHeader,
  encodeSignedHeader,
  equalBytes,
  headerHash,
  type BlockHeader,
  type Bytes,
  type LedgerRecord,
  type LedgerState,
  type RecordKind,
  type RecordRef,
  type SignedHeader,
  type SignedRecord,
  type StoredRecord,
  statusChangeOf,
  tipOf,
  type BlockTip,
} from '../../src/core';
import { asBytes, type SqliteDatabase } from './db';

/** The tip with its revocation commitment, which the next block's header extends. */
export type ChainTip = BlockTip;

export interface RecordRow {
  id: Bytes;
  height: number;
  index: number;
  kind: RecordKind;
  body: Bytes;
  signature: Bytes;
  signer: Bytes;
}

interface RawRecordRow {
  id: Buffer;
  height: number;
  idx: number;
  kind: RecordKind;
  body: Buffer;
  signature: Buffer;
  signer: Buffer;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS blocks (
  height       INTEGER PRIMARY KEY,
  hash         BLOB    NOT NULL UNIQUE,
  time         INTEGER NOT NULL,
  record_count INTEGER NOT NULL,
  header       BLOB    NOT NULL,
  signed       BLOB    NOT NULL
);
CREATE TABLE IF NOT EXISTS records (
  id         BLOB    PRIMARY KEY,
  height     INTEGER NOT NULL,
  idx        INTEGER NOT NULL,
  kind       TEXT    NOT NULL,
  body       BLOB    NOT NULL,
  signature  BLOB    NOT NULL,
  signer     BLOB    NOT NULL,
  vendor_key BLOB,
  UNIQUE (height, idx)
);
CREATE INDEX IF NOT EXISTS records_vendor ON records (vendor_key) WHERE vendor_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS records_kind_height ON records (kind, height);
CREATE TABLE IF NOT EXISTS stalls (
  stall_no TEXT    PRIMARY KEY,
  height   INTEGER NOT NULL,
  idx      INTEGER NOT NULL
);
-- Status events (revocations and handovers) in ledger order: seq is the event's number in the
-- headers' revocation commitment, so GET /v1/revocations?since=N is a range scan.
CREATE TABLE IF NOT EXISTS status_events (
  seq    INTEGER PRIMARY KEY,
  height INTEGER NOT NULL,
  idx    INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS revoked (
  height    INTEGER NOT NULL,
  idx       INTEGER NOT NULL,
  by_height INTEGER NOT NULL,
  by_idx    INTEGER NOT NULL,
  PRIMARY KEY (height, idx)
);
`;

function toRow(r: RawRecordRow): RecordRow {
  return { id: asBytes(r.id), height: r.height, index: r.idx, kind: r.kind, body: asBytes(r.body), signature: asBytes(r.signature), signer: asBytes(r.signer) };
}

function vendorKeyOf(record: LedgerRecord, signer: Bytes): Bytes | null {
  switch (record.kind) {
    case 'stall-registration':
    case 'health-credential':
      return record.vendorKey;
    case 'stall-code':
      return signer;
    case 'revocation':
      return null;
  }
}

/** Trees of recently read blocks, for inclusion proofs without re-hashing a block per request. */
class TreeCache {
  private readonly trees = new Map<number, MerkleTree>();
  constructor(private readonly capacity: number) {}
  get(height: number, build: () => MerkleTree): MerkleTree {
    const hit = this.trees.get(height);
    if (hit) {
      this.trees.delete(height);
      this.trees.set(height, hit);
      return hit;
    }
    const tree = build();
    this.trees.set(height, tree);
    if (this.trees.size > this.capacity) this.trees.delete(this.trees.keys().next().value!);
    return tree;
  }
}

export class ChainStore {
  readonly state: LedgerState;
  private tipCache: ChainTip | null = null;
  private readonly trees = new TreeCache(32);
  private readonly q;

  constructor(readonly db: SqliteDatabase) {
    db.exec(SCHEMA);
    this.q = {
      tip: db.prepare('SELECT header, hash FROM blocks ORDER BY height DESC LIMIT 1'),
      block: db.prepare('SELECT height, hash, time, record_count, header, signed FROM blocks WHERE height = ?'),
      headers: db.prepare('SELECT header FROM blocks WHERE height BETWEEN ? AND ? ORDER BY height'),
      insertBlock: db.prepare('INSERT INTO blocks (height, hash, time, record_count, header, signed) VALUES (?, ?, ?, ?, ?, ?)'),
      insertRecord: db.prepare('INSERT INTO records (id, height, idx, kind, body, signature, signer, vendor_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      upsertStall: db.prepare('INSERT INTO stalls (stall_no, height, idx) VALUES (?, ?, ?) ON CONFLICT (stall_no) DO UPDATE SET height = excluded.height, idx = excluded.idx'),
      insertRevoked: db.prepare('INSERT INTO revoked (height, idx, by_height, by_idx) VALUES (?, ?, ?, ?)'),
      recordById: db.prepare('SELECT * FROM records WHERE id = ?'),
      recordAt: db.prepare('SELECT * FROM records WHERE height = ? AND idx = ?'),
      blockRecords: db.prepare('SELECT * FROM records WHERE height = ? ORDER BY idx'),
      blockIds: db.prepare('SELECT id FROM records WHERE height = ? ORDER BY idx'),
      stall: db.prepare('SELECT r.* FROM stalls s JOIN records r ON r.height = s.height AND r.idx = s.idx WHERE s.stall_no = ?'),
      stallRef: db.prepare('SELECT height, idx FROM stalls WHERE stall_no = ?'),
      isRevoked: db.prepare('SELECT 1 FROM revoked WHERE height = ? AND idx = ?'),
      hasId: db.prepare('SELECT 1 FROM records WHERE id = ?'),
      insertEvent: db.prepare('INSERT INTO status_events (seq, height, idx) VALUES (?, ?, ?)'),
      revocationsSince: db.prepare(
        'SELECT e.seq, r.* FROM status_events e JOIN records r ON r.height = e.height AND r.idx = e.idx WHERE e.seq > ? ORDER BY e.seq LIMIT ?',
      ),
      byVendor: db.prepare('SELECT * FROM records WHERE vendor_key = ? AND kind = ? ORDER BY height, idx LIMIT 1000'),
      count: db.prepare('SELECT COUNT(*) AS n FROM records'),
    };
    const q = this.q;
    const lookup = (raw: unknown): StoredRecord | undefined => (raw ? this.stored(toRow(raw as RawRecordRow)) : undefined);
    this.state = {
      stall: (stallNo: string) => lookup(q.stall.get(stallNo)),
      record: (ref: RecordRef) => lookup(q.recordAt.get(ref.height, ref.index)),
      isRevoked: (ref: RecordRef) => q.isRevoked.get(ref.height, ref.index) !== undefined,
      has: (id: Bytes) => q.hasId.get(id) !== undefined,
    };
  }

  private stored(row: RecordRow): StoredRecord {
    return { ref: { height: row.height, index: row.index }, id: row.id, record: decodeRecord(row.body), signer: row.signer };
  }

  /** Stores the genesis header on first open; on later opens it must be the same bytes. */
  initGenesis(genesis: SignedHeader): void {
    const existing = this.signedHeader(0);
    if (existing) {
      if (!equalBytes(existing.header, genesis.header)) throw new Error('this database belongs to another chain: genesis header differs');
      return;
    }
    const header = decodeHeader(genesis.header);
    if (header.height !== 0) throw new Error('genesis header: height must be 0');
    this.q.insertBlock.run(0, headerHash(genesis.header), header.time, 0, genesis.header, encodeSignedHeader(genesis));
    this.tipCache = null;
  }

  tip(): ChainTip {
    if (!this.tipCache) {
      const row = this.q.tip.get() as { header: Buffer; hash: Buffer } | undefined;
      if (!row) throw new Error('chain store has no genesis block');
      this.tipCache = tipOf(decodeHeader(asBytes(row.header)), asBytes(row.hash));
    }
    return this.tipCache;
  }

  signedHeaderBytes(height: number): Bytes | undefined {
    const row = this.q.block.get(height) as { signed: Buffer } | undefined;
    return row ? asBytes(row.signed) : undefined;
  }

  signedHeader(height: number): SignedHeader | undefined {
    const bytes = this.signedHeaderBytes(height);
    return bytes ? decodeSignedHeader(bytes) : undefined;
  }

  /** Encoded headers from..to inclusive (both clamped by the caller to what exists). */
  headerBytes(from: number, to: number): Bytes[] {
    return (this.q.headers.all(from, to) as { header: Buffer }[]).map((r) => asBytes(r.header));
  }

  recordCount(height: number): number | undefined {
    return (this.q.block.get(height) as { record_count: number } | undefined)?.record_count;
  }

  blockRecords(height: number): SignedRecord[] {
    return (this.q.blockRecords.all(height) as RawRecordRow[]).map((r) => ({ body: asBytes(r.body), signature: asBytes(r.signature) }));
  }

  recordById(id: Bytes): RecordRow | undefined {
    const raw = this.q.recordById.get(id) as RawRecordRow | undefined;
    return raw ? toRow(raw) : undefined;
  }

  recordAt(ref: RecordRef): RecordRow | undefined {
    const raw = this.q.recordAt.get(ref.height, ref.index) as RawRecordRow | undefined;
    return raw ? toRow(raw) : undefined;
  }

  /** The RFC 9162 inclusion proof of the record at `ref` under its block's records root. */
  proof(ref: RecordRef): Bytes[] {
    const tree = this.trees.get(ref.height, () => new MerkleTree((this.q.blockIds.all(ref.height) as { id: Buffer }[]).map((r) => asBytes(r.id))));
    return tree.inclusionProof(ref.index);
  }

  isRevoked(ref: RecordRef): boolean {
    return this.state.isRevoked(ref);
  }

  /** The stall's current registration, if it has one. */
  currentRegistration(stallNo: string): RecordRow | undefined {
    const row = this.q.stallRef.get(stallNo) as { height: number; idx: number } | undefined;
    return row ? this.recordAt({ height: row.height, index: row.idx }) : undefined;
  }

  isCurrentRegistration(stallNo: string, ref: RecordRef): boolean {
    const row = this.q.stallRef.get(stallNo) as { height: number; idx: number } | undefined;
    return row !== undefined && row.height === ref.height && row.idx === ref.index;
  }

  /** Status events number since+1 … in ledger order (at most `limit`), with their records. */
  revocationsSince(since: number, limit: number): (RecordRow & { seq: number })[] {
    return (this.q.revocationsSince.all(since, limit) as (RawRecordRow & { seq: number })[]).map((r) => ({ ...toRow(r), seq: r.seq }));
  }

  byVendor(vendorKey: Bytes, kind: RecordKind): RecordRow[] {
    return (this.q.byVendor.all(vendorKey, kind) as RawRecordRow[]).map(toRow);
  }

  totalRecords(): number {
    return (this.q.count.get() as { n: number }).n;
  }

  /**
   * Appends a finalised block. `stored` is what core validateBlock returned for `records` (in
   * order), so the indexes here are exactly the rules' view. Runs in one transaction (nested in
   * the caller's, if any).
   */
  applyBlock(signed: SignedHeader, header: BlockHeader, records: readonly SignedRecord[], stored: readonly StoredRecord[]): void {
    const tip = this.tip();
    if (header.height !== tip.height + 1) throw new Error(`applyBlock: height ${header.height} does not follow tip ${tip.height}`);
    if (stored.length !== records.length) throw new Error('applyBlock: records and validated records differ in number');
    const hash = headerHash(signed.header);
    let seq = tip.revocations.count;
    this.db.transaction(() => {
      this.q.insertBlock.run(header.height, hash, header.time, header.recordCount, signed.header, encodeSignedHeader(signed));
      stored.forEach((s, i) => {
        const r = records[i]!;
        this.q.insertRecord.run(s.id, s.ref.height, s.ref.index, s.record.kind, r.body, r.signature, s.signer, vendorKeyOf(s.record, s.signer));
        if (s.record.kind === 'stall-registration') this.q.upsertStall.run(s.record.stallNo, s.ref.height, s.ref.index);
        if (s.record.kind === 'revocation') this.q.insertRevoked.run(s.record.target.height, s.record.target.index, s.ref.height, s.ref.index);
        if (statusChangeOf(s.record)) this.q.insertEvent.run(++seq, s.ref.height, s.ref.index);
      });
      if (seq !== header.revocationCount) throw new Error(`applyBlock: ${seq} status events, the header commits to ${header.revocationCount}`);
    })();
    this.tipCache = tipOf(header, hash);
  }

  /** Forget the cached tip (after a transaction that rolled back). */
  resetTip(): void {
    this.tipCache = null;
  }
}
