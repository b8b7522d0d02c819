// The contract of Sanma's on-device store (docs/DESIGN.md §3, §5): everything the PWA keeps in IndexedDB.
// Two implementations: `openDexieStore` (browser, IndexedDB via Dexie, versioned schema) and
// `createMemoryStore` (tests and previews). Both pass the same contract tests (store.contract.test.ts).
// Every write is atomic: a failed write (full disk, lost connection) leaves nothing half-written.

import { EMPTY_REVOCATIONS, type Batch, type BlockHeader, type Bytes, type FeedReason, type HeaderLookup, type HealthRef, type PaymentChannel, type RecordKind, type RecordRef, type StatusKind, type VerdictStatus, type VerifiedHeader } from '../../core';

// ---------------------------------------------------------------------------------------------
// Errors

export type StoreErrorCode =
  /** The browser refused to store more (quota or disk full). Nothing of the failed write was kept. */
  | 'QUOTA_EXCEEDED'
  /** A schema upgrade waits for another tab that still has the old version open. Ask the user to close it. */
  | 'UPGRADE_BLOCKED'
  /** Another tab upgraded the schema; this tab's connection was closed. Reload the page. */
  | 'VERSION_CHANGED'
  /** The connection was lost (Safari: DatabaseClosedError) and one reopen-and-retry failed too. */
  | 'DATABASE_CLOSED'
  /** IndexedDB is missing or refused (some private modes, storage disabled by policy). */
  | 'UNAVAILABLE'
  /** `appendHeaders` did not continue the cached tip (misuse by the caller, never stored). */
  | 'NOT_CONTIGUOUS'
  /** Stored data that does not decode or hash-link (disk corruption or tampering). */
  | 'CORRUPT'
  /** Anything else IndexedDB threw; the original error is `cause`. */
  | 'UNKNOWN';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
  }
}

// ---------------------------------------------------------------------------------------------
// Headers

/** The newest header of the contiguous, verified header chain in the cache. */
export interface ChainTip {
  height: number;
  hash: Bytes;
  time: number;
  /** Status events the chain commits to through this header. */
  revocationCount: number;
}

/** A header held together with its own quorum signatures (a page tip, or fetched alone). */
export interface StoredSignedHeader {
  height: number;
  /** encodeSignedHeader bytes. */
  signed: Bytes;
  /** When it was verified and stored (ms). */
  verifiedAt: number;
}

/**
 * Headers loaded for synchronous look-ups: what `verifyStallCode` takes as `HeaderLookup`.
 * Only the heights (chunks) asked for in `loadHeaders` answer; others give undefined.
 */
export interface HeaderCache extends HeaderLookup {
  has(height: number): boolean;
}

export interface HeaderStats {
  /** Headers in the contiguous chain (heights 1..tip). */
  chainHeaders: number;
  /** Headers kept with their own signatures (page tips and standalone fetches). */
  signedHeaders: number;
  /** Bytes of header data in the chain rows (packed bytes + per-chunk fields), excluding IndexedDB's own overhead. */
  chainBytes: number;
  chunks: number;
}

// ---------------------------------------------------------------------------------------------
// Trust material and sync state

export interface StoredPolicy {
  /** encodeSignedPolicy bytes as fetched from /policy.bin. */
  signed: Bytes;
  /** When these bytes were fetched and accepted (ms). */
  fetchedAt: number;
}

export interface SyncState {
  /** When the header cache was last brought up to the ledger's tip (ms), or null. */
  headersSyncedAt: number | null;
  /** When revocations were last fully synced (ms), or null. */
  revocationsSyncedAt: number | null;
  /** Status events held, checked against a header's revocation commitment (the next `since`). */
  revocationCount: number;
  /** Their running hash: the commitment the next events must extend. */
  revocationsHash: Bytes;
  /** Height of the header whose commitment they reproduced; 0 = never synced. */
  revocationsThrough: number;
  /** Why the last revocation sync was refused (a withheld or reordered list), or null. */
  revocationsRefused: FeedReason | null;
}

export const INITIAL_SYNC: SyncState = {
  headersSyncedAt: null,
  revocationsSyncedAt: null,
  revocationCount: EMPTY_REVOCATIONS.count,
  revocationsHash: EMPTY_REVOCATIONS.hash,
  revocationsThrough: 0,
  revocationsRefused: null,
};

/** A status event (revocation or handover) checked against a header's revocation commitment. */
export interface StoredRevocation {
  /** refKey() of the record it makes red ("height:index"): what TrustState.revoked holds. */
  target: string;
  kind: StatusKind;
  /** Where the revocation record itself sits. */
  height: number;
  index: number;
  /** The revocation record body (encodeRecord bytes). */
  body: Bytes;
  /** When it was synced (ms). */
  syncedAt: number;
}

/**
 * Evidence of two different quorum-signed histories at one height (docs/DESIGN.md §3). Kept forever.
 * Each side is a header plus the signed header that vouches for it: the header itself with its
 * own quorum, or a later quorum-signed header whose hash chain contains it.
 */
export interface StoredForkEvidence {
  id?: number;
  height: number;
  detectedAt: number;
  /**
   * encodeForkEvidence bytes when both sides carry their own quorum signatures: anyone with the
   * policy can re-check them with decodeForkEvidence. Null otherwise.
   */
  evidence: Bytes | null;
  /** The header we held (or received first) at `height`. */
  ours: Bytes;
  /** encodeSignedHeader of what vouches for `ours`, or null if we hold no signatures for it. */
  oursSignedBy: Bytes | null;
  /** The conflicting header at `height`. */
  theirs: Bytes;
  /** encodeSignedHeader of what vouches for `theirs`. */
  theirsSignedBy: Bytes;
  /** Where it came from (ledger URL). */
  source: string;
}

// ---------------------------------------------------------------------------------------------
// Vendor

/**
 * The vendor's Ed25519 key. The secret key is stored as plain bytes, readable by this origin's
 * scripts: by design, so the vendor can back it up and move it to a new phone (docs/DESIGN.md §2:
 * "explicit backup/export only"). A non-extractable WebCrypto key would make that impossible and
 * would be lost with the browser profile. The price: anything that runs script on this origin can
 * read it, which is why the app has no third-party scripts and a strict CSP.
 */
export interface VendorKey {
  secretKey: Bytes;
  publicKey: Bytes;
  createdAt: number;
}

/** What the vendor's app knows about its stall, from enrolment and GET /v1/vendors/:key. */
export interface VendorProfile {
  stallNo: string;
  stallName: string;
  /** The stall's current registration: every stall code names it. */
  registration: RecordRef;
  channels: PaymentChannel[];
  /** The health credential the stall codes reference, or null before one is issued. */
  health: HealthRef | null;
  updatedAt: number;
}

/** A batch the vendor recorded before, for quick picks. Keyed by product + origin + supplier. */
export interface BatchHistoryEntry {
  key: string;
  batch: Batch;
  lastUsedAt: number;
  uses: number;
}

// ---------------------------------------------------------------------------------------------
// Outbox

/**
 * queued: waiting to be sent (or to be retried at nextAttemptAt);
 * sent: the ledger stored it (202) and will put it in a block;
 * included: in a block, `inclusion` holds the checked proof;
 * failed: refused for good (4xx/422), `lastError` holds the reason code. Never retried by itself.
 */
export type OutboxState = 'queued' | 'sent' | 'included' | 'failed';

/** An inclusion proof from GET /v1/records/:id, checked against the quorum-signed header. */
export interface InclusionProof {
  height: number;
  index: number;
  recordCount: number;
  proof: Bytes[];
  /** The record body (the leaf data). */
  body: Bytes;
}

export interface OutboxEntry {
  /** Record id: lower-case hex of the RFC 9162 leaf hash of the body (recordId). */
  id: string;
  kind: RecordKind;
  /** encodeSignedRecord bytes: exactly what is POSTed. */
  signed: Bytes;
  createdAt: number;
  attempts: number;
  /** Earliest time of the next send attempt (ms). */
  nextAttemptAt: number;
  /** Reason code of the last failure: a LedgerReason from a 422, 'HTTP_<status>' or 'NETWORK'. */
  lastError: string | null;
  state: OutboxState;
  inclusion: InclusionProof | null;
}

// ---------------------------------------------------------------------------------------------
// Scan history and inspection log

export interface ScanEntry {
  id?: number;
  /** The scanned text, as decoded (never navigated to). */
  text: string;
  status: VerdictStatus;
  time: number;
}

export type InspectionResult = 'pass' | 'fail';

export interface InspectionEntry {
  id?: number;
  stallNo: string;
  /** The scanned text, so a finding can be re-verified later. */
  text: string;
  status: VerdictStatus;
  /** Reason codes of the failed / unknown checks, for the log and CSV. */
  reasons: string[];
  note: string;
  result: InspectionResult;
  time: number;
}

// ---------------------------------------------------------------------------------------------
// The store

export interface SanmaStore {
  // Headers -------------------------------------------------------------------------------
  /** The contiguous verified chain's tip, or null when only genesis is known (use policy.genesisHash, height 0). */
  headerTip(): Promise<ChainTip | null>;
  /**
   * Appends verified headers (verifyHeaderChain output) that continue the tip, together with the
   * signed page tip, atomically. Throws NOT_CONTIGUOUS if `headers[0]` is not tip.height + 1 or
   * does not link to the tip's hash.
   */
  appendHeaders(headers: readonly VerifiedHeader[], tip: StoredSignedHeader): Promise<void>;
  /** Stores a header verified alone against the quorum (verifyStandaloneHeader). */
  putSignedHeader(header: StoredSignedHeader): Promise<void>;
  getSignedHeader(height: number): Promise<StoredSignedHeader | undefined>;
  /** Signed headers with from <= height <= to, ascending. */
  signedHeadersBetween(from: number, to: number): Promise<StoredSignedHeader[]>;
  /** Loads the chunks holding `heights` (chain or signed headers) for synchronous look-ups. */
  loadHeaders(heights: readonly number[]): Promise<HeaderCache>;
  /** One header, chain or signed; undefined when not cached. */
  getHeader(height: number): Promise<BlockHeader | undefined>;
  headerStats(): Promise<HeaderStats>;

  // Trust material -------------------------------------------------------------------------
  getPolicy(): Promise<StoredPolicy | undefined>;
  putPolicy(policy: StoredPolicy): Promise<void>;
  getSyncState(): Promise<SyncState>;
  setHeadersSyncedAt(time: number): Promise<void>;
  /**
   * Adds checked status events and, in the same transaction, the commitment they reproduced
   * (count, hash, header height) and the time; clears `revocationsRefused`.
   */
  putRevocations(rows: readonly StoredRevocation[], synced: { count: number; hash: Bytes; through: number; at: number }): Promise<void>;
  /** Records that a revocation sync was refused (or, with null, that the refusal no longer stands). */
  setRevocationsRefused(reason: FeedReason | null): Promise<void>;
  listRevocations(): Promise<StoredRevocation[]>;
  /** refKey() → what happened to it, for every record made red: TrustState.revoked. */
  revokedRefs(): Promise<Map<string, StatusKind>>;
  addForkEvidence(evidence: StoredForkEvidence): Promise<number>;
  listForkEvidence(): Promise<StoredForkEvidence[]>;

  // Vendor -----------------------------------------------------------------------------------
  getVendorKey(): Promise<VendorKey | undefined>;
  putVendorKey(key: VendorKey): Promise<void>;
  getVendorProfile(): Promise<VendorProfile | undefined>;
  putVendorProfile(profile: VendorProfile): Promise<void>;
  /** Remembers batches for quick picks (upserts by product + origin + supplier). */
  rememberBatches(batches: readonly Batch[], usedAt: number): Promise<void>;
  /** Most recently used first. */
  recentBatches(limit?: number): Promise<BatchHistoryEntry[]>;

  // Outbox -----------------------------------------------------------------------------------
  /** Adds an entry unless one with the same id exists; returns the stored entry (idempotent). */
  outboxAdd(entry: OutboxEntry): Promise<OutboxEntry>;
  outboxPut(entry: OutboxEntry): Promise<void>;
  outboxGet(id: string): Promise<OutboxEntry | undefined>;
  /** Oldest first; optionally only some states. */
  outboxList(states?: readonly OutboxState[]): Promise<OutboxEntry[]>;
  outboxDelete(id: string): Promise<void>;

  // Scan history and inspection log (kept as long as retention.ts says) ------------------------
  /** Adds a scan and, in the same transaction, deletes what retention drops as of `entry.time`. */
  addScan(entry: ScanEntry): Promise<number>;
  /** Newest first. */
  listScans(limit?: number): Promise<ScanEntry[]>;
  deleteScan(id: number): Promise<void>;
  clearScans(): Promise<void>;
  /** Adds an inspection and, in the same transaction, deletes those past retention as of `entry.time`. */
  addInspection(entry: InspectionEntry): Promise<number>;
  /** Newest first. */
  listInspections(limit?: number): Promise<InspectionEntry[]>;
  deleteInspection(id: number): Promise<void>;
  clearInspections(): Promise<void>;
  /** Deletes the scans and inspections retention drops at `now` (run when the app opens). */
  pruneExpired(now: number): Promise<void>;

  /** Closes the connection (tests, or before a reload on VERSION_CHANGED). */
  close(): void;
}

/** Options of the browser store. */
export interface DexieStoreOptions {
  /** Database name; default 'sanma'. */
  name?: string;
  /** Called when our upgrade waits for another tab (also thrown as StoreError UPGRADE_BLOCKED if it never proceeds). */
  onUpgradeBlocked?: () => void;
  /** Called when another tab upgraded the schema and this connection was closed: reload. */
  onVersionChange?: () => void;
  /** For tests: an IDBFactory (fake-indexeddb); default globalThis.indexedDB. */
  indexedDB?: IDBFactory;
  /** For tests: IDBKeyRange of the same implementation. */
  IDBKeyRange?: typeof IDBKeyRange;
}
