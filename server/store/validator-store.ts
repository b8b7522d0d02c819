// A validator's own database: the finalised chain it has replayed (ChainStore) plus every header
// it ever signed (`signed`). The `signed` row is committed (synchronous=FULL) BEFORE the signature
// leaves the process, and checked before anything is signed: a validator restarted after a crash
// can never sign a second, different header at a height (docs/DESIGN.md §3).

import type { Bytes } from '../../src/core';
import { ChainStore } from './chain-store';
import { asBytes, openDatabase, type SqliteDatabase } from './db';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS signed (
  height    INTEGER PRIMARY KEY,
  hash      BLOB    NOT NULL,
  header    BLOB    NOT NULL,
  signature BLOB    NOT NULL,
  proposal  BLOB,
  at        INTEGER NOT NULL
);
`;

export interface SignedRow {
  height: number;
  hash: Bytes;
  header: Bytes;
  signature: Bytes;
  /** The proposal as received (header + records), kept until the block is applied. */
  proposal: Bytes | null;
}

export class ValidatorStore {
  readonly chain: ChainStore;
  private readonly q;

  constructor(readonly db: SqliteDatabase) {
    this.chain = new ChainStore(db);
    db.exec(SCHEMA);
    this.q = {
      signedAt: db.prepare('SELECT height, hash, header, signature, proposal FROM signed WHERE height = ?'),
      insertSigned: db.prepare('INSERT INTO signed (height, hash, header, signature, proposal, at) VALUES (?, ?, ?, ?, ?, ?)'),
      dropProposal: db.prepare('UPDATE signed SET proposal = NULL WHERE height = ?'),
      lastSigned: db.prepare('SELECT height, hash FROM signed ORDER BY height DESC LIMIT 1'),
    };
  }

  static open(file: string): ValidatorStore {
    return new ValidatorStore(openDatabase(file));
  }

  close(): void {
    this.db.close();
  }

  signedAt(height: number): SignedRow | undefined {
    const r = this.q.signedAt.get(height) as { height: number; hash: Buffer; header: Buffer; signature: Buffer; proposal: Buffer | null } | undefined;
    if (!r) return undefined;
    return { height: r.height, hash: asBytes(r.hash), header: asBytes(r.header), signature: asBytes(r.signature), proposal: r.proposal ? asBytes(r.proposal) : null };
  }

  /** Durable when it returns. The PRIMARY KEY makes a second row at one height impossible. */
  recordSigned(row: SignedRow, now: number): void {
    this.q.insertSigned.run(row.height, row.hash, row.header, row.signature, row.proposal, now);
  }

  forgetProposal(height: number): void {
    this.q.dropProposal.run(height);
  }

  lastSigned(): { height: number; hash: Bytes } | null {
    const r = this.q.lastSigned.get() as { height: number; hash: Buffer } | undefined;
    return r ? { height: r.height, hash: asBytes(r.hash) } : null;
  }
}
