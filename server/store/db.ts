// Opening a ledger SQLite database (sequencer or validator). One writer per file: each process
// owns its database, so there is no cross-process locking to design for.
//
// Durability: WAL with synchronous=FULL. In WAL mode NORMAL already survives a process crash
// (kill -9: committed pages are in the OS page cache and the WAL is replayed on open), but it may
// lose the last transactions on power loss or an OS crash. The sequencer answers 202 meaning
// "durably stored", and a validator's "I signed header H at height h" row is what prevents a
// double-sign after a crash, so both must survive power loss: FULL fsyncs the WAL on every
// commit. The sequencer batches concurrent submissions into one transaction (group commit), so
// the fsync cost is paid per batch, not per record.

import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

export function openDatabase(file: string): SqliteDatabase {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * SQLite hands BLOBs back as Buffers, whose slice() shares memory and which may sit in a shared
 * pool; the core expects plain Uint8Arrays, so copy.
 */
export function asBytes(b: Uint8Array): Uint8Array {
  return new Uint8Array(b);
}
