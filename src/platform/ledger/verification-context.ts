// Loads everything verifyStallCode needs for one scanned text (fetch first, then verify purely):
// the trust state (policy, proof-checked revocations, cache ages) and the header chunk at the
// height the code claims. Optionally, when the header is not cached and we are online, headers
// are synced from the cached tip up to it (never asked for by that height: README, Privacy); any
// failure just leaves it missing, which the verdict shows as "anchor not yet verifiable" (amber),
// never green.

import { CoreError, decodePayload, decodePolicy, decodeSignedPolicy, parseQrText, type TrustState } from '../../core';
import type { HeaderCache, SanmaStore } from '../store/contract';
import { LedgerError, type LedgerClient } from './contract';

export interface VerificationContext {
  trust: TrustState;
  headers: HeaderCache;
  /** The height the code claims, or null when the text is not a decodable Sanma payload. */
  height: number | null;
  /** True when the header was missing, we tried to fetch it, and that failed. */
  headerFetchFailed: boolean;
}

/** The block height a Sanma code claims, or null for any other text. */
export function claimedHeight(text: string): number | null {
  try {
    const parsed = parseQrText(text);
    return parsed.kind === 'sanma' ? decodePayload(parsed.payload).height : null;
  } catch (e) {
    if (e instanceof CoreError) return null;
    throw e;
  }
}

export async function loadVerificationContext(
  store: SanmaStore,
  text: string,
  opts: { client?: LedgerClient; online?: boolean; signal?: AbortSignal } = {},
): Promise<VerificationContext> {
  const stored = await store.getPolicy();
  if (!stored) throw new LedgerError('NO_POLICY', 'no trust policy yet: sync the policy first');
  const policy = decodePolicy(decodeSignedPolicy(stored.signed).body);
  const height = claimedHeight(text);
  let headers = await store.loadHeaders(height === null ? [] : [height]);
  let headerFetchFailed = false;
  if (height !== null && !headers.has(height) && opts.client && (opts.online ?? true)) {
    try {
      await opts.client.fetchHeader(height, { signal: opts.signal });
      headers = await store.loadHeaders([height]);
    } catch (e) {
      if (e instanceof LedgerError && e.code === 'ABORTED') throw e;
      headerFetchFailed = true;
    }
  }
  const [revoked, sync, tip, forks] = await Promise.all([store.revokedRefs(), store.getSyncState(), store.headerTip(), store.listForkEvidence()]);
  return {
    trust: {
      policy,
      revoked,
      revocationCount: sync.revocationsSyncedAt === null ? null : sync.revocationCount,
      revocationsSyncedAt: sync.revocationsSyncedAt,
      revocationsRefused: sync.revocationsRefused,
      headersSyncedAt: sync.headersSyncedAt,
      headersTip: tip ? { height: tip.height, revocationCount: tip.revocationCount } : null,
      policyFetchedAt: stored.fetchedAt,
      forkHeights: forks.map((f) => f.height),
    },
    headers,
    height,
    headerFetchFailed,
  };
}
