// The contract of the ledger client (docs/DESIGN.md §3 light client; docs/API.md): header sync, on-demand
// headers, revocations, the trust policy, the outbox of records to publish and vendor status.
// Everything it stores was checked first: headers against the policy's quorum, revocations and
// inclusion proofs against quorum-signed headers, a changed policy against the current validators.
// Implementations: `createLedgerClient` (fetch; tests pass a fake fetch serving a TestNetwork).

import type { BlockHeader, FeedReason, LedgerReason, SignedRecord, TrustPolicy, VendorJson } from '../../core';
import type { InclusionProof, OutboxEntry, SanmaStore } from '../store/contract';

export type LedgerErrorCode =
  /** fetch failed (offline, DNS, connection reset) or a request timed out. Retry later. */
  | 'NETWORK'
  /** An HTTP status the call does not expect (`status`). 5xx: retry later. */
  | 'HTTP'
  /** A body that does not decode or has the wrong shape (broken or hostile server). */
  | 'BAD_RESPONSE'
  /** Headers failed the light-client checks (`reason`, `height`); nothing of them was stored. */
  | 'HEADER_REJECTED'
  /** Two quorum-signed headers at one height (`height`); evidence stored (listForkEvidence). Stop trusting this ledger. */
  | 'FORK_DETECTED'
  /** An inclusion proof did not match the quorum-signed header at its height. */
  | 'PROOF_INVALID'
  /** No trust policy stored yet: call syncPolicy first. */
  | 'NO_POLICY'
  /** 404: the header or record is not known to the ledger. */
  | 'NOT_FOUND'
  /** The ledger refused a record for good (400/413/422); the reason code is in the outbox entry's lastError. */
  | 'REJECTED'
  /** The caller's AbortSignal fired. */
  | 'ABORTED';

export class LedgerError extends Error {
  override readonly name = 'LedgerError';
  readonly code: LedgerErrorCode;
  /** Light-client reason for HEADER_REJECTED / policy refusals. */
  readonly reason?: LedgerReason;
  readonly height?: number;
  readonly status?: number;
  constructor(code: LedgerErrorCode, message: string, extra: { reason?: LedgerReason; height?: number; status?: number; cause?: unknown } = {}) {
    super(`${code}: ${message}`, { cause: extra.cause });
    this.code = code;
    this.reason = extra.reason;
    this.height = extra.height;
    this.status = extra.status;
  }
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface HeaderSyncProgress {
  /** Headers verified and stored in this sync. */
  done: number;
  /** Headers this sync has to fetch (ledger tip − cached tip at the start). */
  total: number;
  /** Height of the cached tip now. */
  height: number;
}

export interface HeaderSyncResult {
  /** Cached tip before and after. */
  fromHeight: number;
  toHeight: number;
  added: number;
  /** The ledger's tip height when the sync started. */
  ledgerHeight: number;
  syncedAt: number;
}

export type PolicySyncResult =
  /** First run: the policy served with the app was installed as the trust anchor. */
  | { status: 'installed'; policy: TrustPolicy; fetchedAt: number }
  /** Same bytes as stored. */
  | { status: 'unchanged'; policy: TrustPolicy; fetchedAt: number }
  /** A newer policy signed by a quorum of the current validators replaced the stored one. */
  | { status: 'updated'; policy: TrustPolicy; previousSequence: number; fetchedAt: number }
  /** The served policy differs but was refused (`reason`); the stored one stays in force. */
  | { status: 'rejected'; policy: TrustPolicy; reason: LedgerReason };

export interface RevocationSyncResult {
  /** Status events checked and added now. */
  added: number;
  /** Why the feed was refused (it did not reproduce a header's revocation commitment), or null. */
  refused: FeedReason | null;
  /** The header height the held list is now complete through, when the sync completed. */
  through: number | null;
  syncedAt: number | null;
}

export interface FlushResult {
  /** Accepted by the ledger now (202/200). */
  sent: number;
  /** Found included in a block now (proof checked). */
  included: number;
  /** Refused for good now (4xx/422). */
  failed: number;
  /** Left queued for a retry (network, 5xx, 429). */
  retrying: number;
  /** Earliest nextAttemptAt of the queued entries, or null. */
  nextAttemptAt: number | null;
}

export interface WaitOptions extends CallOptions {
  /** Poll interval; default 1,000 ms. */
  intervalMs?: number;
  /** Give up after this long (throws NETWORK); default: until aborted. */
  timeoutMs?: number;
}

/** GET /v1/vendors/:publicKeyHex: what a vendor's app needs to publish. */
/** GET /v1/vendors/:key, as the core's one schema reads it (src/core/ledger/api-json.ts). */
export type VendorStatus = VendorJson;

/** The app's /sanma-config.json. */
export interface SanmaConfig {
  ledgerUrl: string;
  demoVendors: boolean;
}

export interface LedgerClient {
  readonly ledgerUrl: string;
  /**
   * Fetches the policy served with the app (/policy.bin). First run: installs it. Later: a
   * changed policy replaces the stored one only via acceptPolicyUpdate (quorum of the current
   * validators, same chain, higher sequence).
   */
  syncPolicy(opts?: CallOptions): Promise<PolicySyncResult>;
  /** The stored policy, decoded; throws NO_POLICY before the first syncPolicy. */
  policy(): Promise<TrustPolicy>;
  /**
   * Brings the header cache from its tip to the ledger's tip, page by page (each page verified
   * with verifyHeaderChain and stored atomically, so an interrupted sync resumes from the last
   * stored page). Throws FORK_DETECTED (evidence stored) on conflicting quorum-signed headers.
   */
  syncHeaders(opts?: CallOptions & { onProgress?: (p: HeaderSyncProgress) => void; pageSize?: number }): Promise<HeaderSyncResult>;
  /**
   * A header from the cache, else by syncing headers from the cached tip up to the ledger's (the
   * request never names `height`); NOT_FOUND when the ledger's tip is below it.
   */
  fetchHeader(height: number, opts?: CallOptions): Promise<BlockHeader>;
  /** Syncs revocations since the last sync; each inclusion proof checked before it is stored. */
  syncRevocations(opts?: CallOptions): Promise<RevocationSyncResult>;

  /**
   * Puts a signed record into the outbox (idempotent by record id) and, when online, starts a
   * flush in the background. Returns the stored entry.
   */
  submit(record: SignedRecord): Promise<OutboxEntry>;
  /**
   * Sends due queued entries (exponential backoff with jitter on network errors and 5xx/429;
   * 400/413/422 fail for good with the reason kept) and checks sent entries for inclusion.
   * Concurrent calls share one run.
   */
  flushOutbox(opts?: CallOptions): Promise<FlushResult>;
  /**
   * Polls GET /v1/records/:id until the record is in a block, checks the proof against the
   * quorum-signed header and returns it. The app then builds the payload (encodePayload) and the
   * QR text (stallCodeText), see `stallCodeFromInclusion`.
   */
  waitForInclusion(id: string, opts?: WaitOptions): Promise<InclusionProof>;
  /** Re-queues a failed entry (after the user fixed the cause) for the next flush. */
  retry(id: string): Promise<void>;
  /** GET /v1/vendors/:publicKeyHex. */
  vendorStatus(publicKeyHex: string, opts?: CallOptions): Promise<VendorStatus>;
  /**
   * Flushes the outbox on every `online` event of `target` (default window) and when a retry is
   * due; returns a function that stops watching.
   */
  watchConnectivity(target?: EventTarget): () => void;
}

export interface LedgerClientOptions {
  /** Base URL of the ledger service, e.g. http://127.0.0.1:8787 (from /sanma-config.json). */
  ledgerUrl: string;
  store: SanmaStore;
  /** URL of the signed policy served with the app; default '/policy.bin'. */
  policyUrl?: string;
  /** Default globalThis.fetch. */
  fetch?: typeof fetch;
  /** Default Date.now. */
  now?: () => number;
  /** Default Math.random (jitter). */
  random?: () => number;
  /** Default navigator.onLine (true where there is no navigator). */
  isOnline?: () => boolean;
  /** Per-request timeout; default 15,000 ms. */
  timeoutMs?: number;
  /** Outbox backoff: first delay and cap (ms); default 2,000 and 300,000. */
  backoff?: { baseMs: number; maxMs: number };
}

export type { SanmaStore };
