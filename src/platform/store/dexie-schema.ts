// The IndexedDB schema of Sanma, versioned from the first release (Dexie versioning:
// https://dexie.org/docs/Tutorial/Design#database-versioning). Never edit a released version:
// add a new entry to SCHEMA_VERSIONS with only the stores that change and an `upgrade` that
// migrates the rows. Dexie runs every missing upgrade in order inside one versionchange
// transaction, so a crash mid-upgrade leaves the old version intact.

import { Dexie, type Table, type Transaction } from 'dexie';
import type {
  BatchHistoryEntry,
  InspectionEntry,
  OutboxEntry,
  ScanEntry,
  StoredForkEvidence,
  StoredRevocation,
  StoredSignedHeader,
} from './contract';
import type { HeaderChunkRow } from './header-chunks';

/** One row of the key-value `meta` table; `key` names the value. */
export interface MetaRow {
  key: 'policy' | 'sync' | 'vendorKey' | 'vendorProfile';
  value: unknown;
}

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void> | void;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      headerChunks: 'chunk',
      signedHeaders: 'height',
      meta: 'key',
      revocations: 'target, height',
      forkEvidence: '++id, height',
      batchHistory: 'key, lastUsedAt',
      outbox: 'id, state, createdAt',
      scans: '++id, time',
      inspections: '++id, time, uploaded',
    },
  },
  {
    // Header, record and policy format 2 (revocation commitment, handovers, holder commitments):
    // cached trust material of format 1 cannot be read or re-checked, so it is dropped and synced
    // anew, and the vendor's profile is fetched again (it now names the registration). The
    // vendor's key, outbox, batch history, scans and inspections are kept.
    version: 2,
    stores: {},
    upgrade: async (tx) => {
      await Promise.all(['headerChunks', 'signedHeaders', 'revocations', 'forkEvidence'].map((t) => tx.table(t).clear()));
      await tx.table('meta').bulkDelete(['policy', 'sync', 'vendorProfile']);
    },
  },
  {
    // Retention (retention.ts): the inspection log loses its never-used `uploaded` flag and index.
    // What retention drops is deleted when the app opens (pruneExpired), not here.
    version: 3,
    stores: { inspections: '++id, time' },
    upgrade: async (tx) => {
      await tx.table('inspections').toCollection().modify((row: Record<string, unknown>) => {
        delete row.uploaded;
      });
    },
  },
];

export class SanmaDexie extends Dexie {
  headerChunks!: Table<HeaderChunkRow, number>;
  signedHeaders!: Table<StoredSignedHeader, number>;
  meta!: Table<MetaRow, string>;
  revocations!: Table<StoredRevocation, string>;
  forkEvidence!: Table<StoredForkEvidence, number>;
  batchHistory!: Table<BatchHistoryEntry, string>;
  outbox!: Table<OutboxEntry, string>;
  scans!: Table<ScanEntry, number>;
  inspections!: Table<InspectionEntry, number>;

  constructor(name: string, options: ConstructorParameters<typeof Dexie>[1], versions: readonly SchemaVersion[] = SCHEMA_VERSIONS) {
    super(name, options);
    for (const v of versions) {
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
  }
}
