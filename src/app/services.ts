// The app's single instances of the platform adapters (store, ledger client) and the flows the
// screens share: load the trust state, sync, verify a scanned text. Verification itself is the
// core's pure verifyStallCode; everything here only fetches and loads what it needs first. The
// scanned text is never part of a request, nor the height it claims (headers are synced from the
// phone's own tip: README, Privacy).

import { verifyStallCode, type TrustPolicy, type TrustState, type Verdict } from '../core';
import { openDexieStore, createMemoryStore, StoreError, type SanmaStore, type SyncState } from '../platform/store';
import { emit } from './events';
import {
  createLedgerClient,
  loadConfig,
  loadVerificationContext,
  parseConfig,
  LedgerError,
  type LedgerClient, type SanmaConfig, type HeaderSyncProgress, type PolicySyncResult } from '../platform/ledger';

// ---- store ----------------------------------------------------------------------------------

export interface StoreHandle {
  store: SanmaStore;
  /** False when IndexedDB was unavailable and an in-memory store stands in (nothing persists). */
  persistent: boolean;
  /** Why it is not persistent. */
  error?: StoreError;
}

let storePromise: Promise<StoreHandle> | null = null;

export function getStore(): Promise<StoreHandle> {
  storePromise ??= openDexieStore({
    onUpgradeBlocked: () => emit('upgrade-blocked'),
    onVersionChange: () => emit('version-changed'),
  }).then(
    (store): StoreHandle => {
      // Retention runs when the app opens, so old entries go even if the user never scans again.
      void store.pruneExpired(Date.now()).catch(() => undefined);
      return { store, persistent: true };
    },
    (e: unknown): StoreHandle => ({
      store: createMemoryStore(),
      persistent: false,
      error: e instanceof StoreError ? e : new StoreError('UNAVAILABLE', String(e), { cause: e }),
    }),
  );
  return storePromise;
}

// ---- config and ledger client ---------------------------------------------------------------

const CONFIG_KEY = 'sanma.config';

let configPromise: Promise<SanmaConfig> | null = null;

/** /sanma-config.json (the service worker keeps the last copy; localStorage is the second fallback). */
export function getConfig(): Promise<SanmaConfig> {
  configPromise ??= (async () => {
    try {
      const c = await loadConfig();
      try {
        localStorage.setItem(CONFIG_KEY, JSON.stringify(c));
      } catch {
        // Storage refused: the service-worker copy still serves offline.
      }
      return c;
    } catch {
      // Offline and not in the SW cache, or malformed: fall back to the stored copy.
    }
    try {
      return parseConfig(JSON.parse(localStorage.getItem(CONFIG_KEY) ?? 'null'));
    } catch {
      return { ledgerUrl: window.location.origin, demoVendors: false };
    }
  })();
  return configPromise;
}

let ledgerPromise: Promise<LedgerClient> | null = null;

export function getLedger(): Promise<LedgerClient> {
  ledgerPromise ??= (async () => {
    const [{ store }, config] = await Promise.all([getStore(), getConfig()]);
    const client = createLedgerClient({ ledgerUrl: config.ledgerUrl, store });
    client.watchConnectivity();
    return client;
  })();
  return ledgerPromise;
}

// ---- trust state ----------------------------------------------------------------------------

/** The stored policy; on first run fetches and installs the one served with the app. */
export async function ensurePolicy(ledger: LedgerClient): Promise<TrustPolicy | null> {
  try {
    return await ledger.policy();
  } catch (e) {
    if (!(e instanceof LedgerError) || e.code !== 'NO_POLICY') throw e;
  }
  try {
    const r = await ledger.syncPolicy();
    return r.policy;
  } catch {
    return null;
  }
}

export interface CacheSummary {
  policy: TrustPolicy | null;
  policyFetchedAt: number | null;
  sync: SyncState;
  tipHeight: number | null;
  forks: number;
  forkHeights: number[];
}

export async function cacheSummary(): Promise<CacheSummary> {
  const [{ store }, ledger] = await Promise.all([getStore(), getLedger()]);
  const [policy, stored, sync, tip, forks] = await Promise.all([
    ledger.policy().catch(() => null),
    store.getPolicy(),
    store.getSyncState(),
    store.headerTip(),
    store.listForkEvidence(),
  ]);
  return {
    policy,
    policyFetchedAt: stored?.fetchedAt ?? null,
    sync,
    tipHeight: tip?.height ?? null,
    forks: forks.length,
    forkHeights: forks.map((f) => f.height),
  };
}

// ---- sync -----------------------------------------------------------------------------------

export type SyncPhase = 'policy' | 'headers' | 'revocations';

export interface SyncProgress {
  phase: SyncPhase;
  headers?: HeaderSyncProgress;
}

export interface SyncOutcome {
  policy: PolicySyncResult;
  tipHeight: number;
  revocationsAdded: number;
}

// Syncs run one at a time: two concurrent header syncs would both try to append to the same tip.
let syncQueue: Promise<unknown> = Promise.resolve();

/** Policy, then headers (revocation proofs are checked against them), then revocations. */
export function syncAll(opts: { signal?: AbortSignal; onProgress?: (p: SyncProgress) => void } = {}): Promise<SyncOutcome> {
  const run = syncQueue.then(() => syncOnce(opts));
  syncQueue = run.catch(() => undefined);
  return run;
}

async function syncOnce(opts: { signal?: AbortSignal; onProgress?: (p: SyncProgress) => void }): Promise<SyncOutcome> {
  opts.signal?.throwIfAborted();
  const ledger = await getLedger();
  const signal = opts.signal;
  try {
    opts.onProgress?.({ phase: 'policy' });
    const policy = await ledger.syncPolicy({ signal });
    opts.onProgress?.({ phase: 'headers' });
    const headers = await ledger.syncHeaders({ signal, onProgress: (p) => opts.onProgress?.({ phase: 'headers', headers: p }) });
    opts.onProgress?.({ phase: 'revocations' });
    const rev = await ledger.syncRevocations({ signal });
    return { policy, tipHeight: headers.toHeight, revocationsAdded: rev.added };
  } finally {
    emit('data-changed');
  }
}

// ---- verification ---------------------------------------------------------------------------

export type VerifyOutcome =
  | { kind: 'verdict'; verdict: Verdict; trust: TrustState; headerFetchFailed: boolean; now: number }
  | { kind: 'no-policy' };

/**
 * Loads the trust state and the header the code needs (fetching that header alone when it is not
 * cached and we are online), then verifies on the device. Offline and uncached: the verdict says
 * "anchor not yet verifiable" (amber), never green.
 */
export async function verifyText(text: string, opts: { online: boolean; signal?: AbortSignal }): Promise<VerifyOutcome> {
  const [{ store }, ledger] = await Promise.all([getStore(), getLedger()]);
  if (!(await ensurePolicy(ledger))) return { kind: 'no-policy' };
  const ctx = await loadVerificationContext(store, text, { client: ledger, online: opts.online, signal: opts.signal });
  const now = Date.now();
  return { kind: 'verdict', verdict: verifyStallCode(text, ctx.trust, ctx.headers, now), trust: ctx.trust, headerFetchFailed: ctx.headerFetchFailed, now };
}

/** Caches synced this recently are not synced again before a verdict. */
const QUICK_SYNC_FRESH_MS = 60_000;

/**
 * A quick sync before verifying while online, bounded so a slow network never blocks the verdict
 * and skipped when everything was synced within the last minute.
 */
export async function quickSync(budgetMs: number): Promise<void> {
  const { store } = await getStore();
  const [sync, policy] = await Promise.all([store.getSyncState(), store.getPolicy()]);
  const now = Date.now();
  const fresh = (at: number | null) => at !== null && now - at < QUICK_SYNC_FRESH_MS;
  if (policy && fresh(sync.headersSyncedAt) && fresh(sync.revocationsSyncedAt)) return;
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), budgetMs);
  try {
    await syncAll({ signal: ctrl.signal });
  } catch {
    // Offline, slow or refused: verify with what is cached; the verdict shows the data's age.
  } finally {
    clearTimeout(timer);
  }
}
