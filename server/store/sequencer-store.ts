// The sequencer's database: the finalised chain (ChainStore) plus the records accepted but not
// yet in a block (`pending`), the one block currently being proposed (`proposal`, persisted
// BEFORE it is sent so that after a crash the sequencer proposes exactly the same header again
// and the validators that signed it answer with the same signature instead of refusing a second
// header at that height), and records refused at block-building time (`rejected`).

import { decodeHeader, equalBytes, type Bytes, type SignedHeader, type SignedRecord, type StoredRecord } from '../../src/core';
import { ChainStore } from './chain-store';
import { asBytes, openDatabase, type SqliteDatabase } from './db';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS pending (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  id          BLOB    NOT NULL UNIQUE,
  body        BLOB    NOT NULL,
  signature   BLOB    NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS proposal (
  height     INTEGER PRIMARY KEY,
  header     BLOB    NOT NULL,
  ids        BLOB    NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS rejected (
  id     BLOB    PRIMARY KEY,
  reason TEXT    NOT NULL,
  at     INTEGER NOT NULL
);
`;

export interface PendingRecord extends SignedRecord {
  id: Bytes;
}

export interface StoredProposal {
  height: number;
  header: Bytes;
  records: PendingRecord[];
}

export type RecordStatus =
  | { status: 'included'; height: number; index: number; signature: Bytes }
  | { status: 'pending'; signature: Bytes }
  | { status: 'rejected'; reason: string }
  | { status: 'unknown' };

export class SequencerStore {
  readonly chain: ChainStore;
  private readonly q;

  constructor(readonly db: SqliteDatabase) {
    this.chain = new ChainStore(db);
    db.exec(SCHEMA);
    this.q = {
      pendingById: db.prepare('SELECT signature FROM pending WHERE id = ?'),
      insertPending: db.prepare('INSERT OR IGNORE INTO pending (id, body, signature, received_at) VALUES (?, ?, ?, ?)'),
      pendingBatch: db.prepare('SELECT id, body, signature FROM pending ORDER BY seq LIMIT ?'),
      pendingByIdFull: db.prepare('SELECT id, body, signature FROM pending WHERE id = ?'),
      deletePending: db.prepare('DELETE FROM pending WHERE id = ?'),
      pendingCount: db.prepare('SELECT COUNT(*) AS n FROM pending'),
      rejectedById: db.prepare('SELECT reason FROM rejected WHERE id = ?'),
      insertRejected: db.prepare('INSERT OR REPLACE INTO rejected (id, reason, at) VALUES (?, ?, ?)'),
      deleteRejected: db.prepare('DELETE FROM rejected WHERE id = ?'),
      proposal: db.prepare('SELECT height, header, ids FROM proposal ORDER BY height LIMIT 1'),
      insertProposal: db.prepare('INSERT INTO proposal (height, header, ids, created_at) VALUES (?, ?, ?, ?)'),
      deleteProposal: db.prepare('DELETE FROM proposal WHERE height = ?'),
    };
  }

  static open(file: string): SequencerStore {
    return new SequencerStore(openDatabase(file));
  }

  close(): void {
    this.db.close();
  }

  status(id: Bytes): RecordStatus {
    const row = this.chain.recordById(id);
    if (row) return { status: 'included', height: row.height, index: row.index, signature: row.signature };
    const p = this.q.pendingById.get(id) as { signature: Buffer } | undefined;
    if (p) return { status: 'pending', signature: asBytes(p.signature) };
    const r = this.q.rejectedById.get(id) as { reason: string } | undefined;
    if (r) return { status: 'rejected', reason: r.reason };
    return { status: 'unknown' };
  }

  /** Stores accepted submissions in ONE transaction (group commit); durable when this returns. */
  addPending(records: readonly PendingRecord[], now: number): void {
    this.db.transaction(() => {
      for (const r of records) {
        this.q.deleteRejected.run(r.id);
        this.q.insertPending.run(r.id, r.body, r.signature, now);
      }
    })();
  }

  pendingCount(): number {
    return (this.q.pendingCount.get() as { n: number }).n;
  }

  pendingBatch(limit: number): PendingRecord[] {
    return (this.q.pendingBatch.all(limit) as { id: Buffer; body: Buffer; signature: Buffer }[]).map((r) => ({
      id: asBytes(r.id),
      body: asBytes(r.body),
      signature: asBytes(r.signature),
    }));
  }

  reject(refused: readonly { id: Bytes; reason: string }[], now: number): void {
    if (refused.length === 0) return;
    this.db.transaction(() => {
      for (const r of refused) {
        this.q.deletePending.run(r.id);
        this.q.insertRejected.run(r.id, r.reason, now);
      }
    })();
  }

  saveProposal(height: number, header: Bytes, ids: readonly Bytes[], now: number): void {
    const joined = new Uint8Array(ids.length * 32);
    ids.forEach((id, i) => joined.set(id, i * 32));
    this.q.insertProposal.run(height, header, joined, now);
  }

  /** The proposal in flight, with its records (which stay in `pending` until finalised). */
  proposal(): StoredProposal | undefined {
    const row = this.q.proposal.get() as { height: number; header: Buffer; ids: Buffer } | undefined;
    if (!row) return undefined;
    const ids = asBytes(row.ids);
    const records: PendingRecord[] = [];
    for (let i = 0; i < ids.length; i += 32) {
      const r = this.q.pendingByIdFull.get(ids.subarray(i, i + 32)) as { id: Buffer; body: Buffer; signature: Buffer } | undefined;
      if (!r) throw new Error(`proposal ${row.height}: record ${i / 32} is missing from pending`);
      records.push({ id: asBytes(r.id), body: asBytes(r.body), signature: asBytes(r.signature) });
    }
    return { height: row.height, header: asBytes(row.header), records };
  }

  dropProposal(height: number): void {
    this.q.deleteProposal.run(height);
  }

  /** Finalises the proposal: the block, its records and the indexes, and clears pending — one transaction. */
  finalise(signed: SignedHeader, proposal: StoredProposal, stored: readonly StoredRecord[]): void {
    if (!equalBytes(signed.header, proposal.header)) throw new Error('finalise: signed header is not the proposal');
    const header = decodeHeader(signed.header);
    try {
      this.db.transaction(() => {
        this.chain.applyBlock(signed, header, proposal.records, stored);
        for (const r of proposal.records) this.q.deletePending.run(r.id);
        this.q.deleteProposal.run(proposal.height);
      })();
    } catch (e) {
      this.chain.resetTip();
      throw e;
    }
  }
}
