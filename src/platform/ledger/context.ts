// What the ledger client's parts share: the HTTP layer, the store, the clock and the decoded
// trust policy. Built once by createLedgerClient.

import { decodePolicy, decodeSignedPolicy, equalBytes, type Bytes, type TrustPolicy } from '../../core';
import type { SanmaStore } from '../store/contract';
import { LedgerError } from './contract';
import type { Http } from './http';

export interface ClientContext {
  http: Http;
  /** Without a trailing slash. */
  ledgerUrl: string;
  policyUrl: string;
  store: SanmaStore;
  now: () => number;
  random: () => number;
  isOnline: () => boolean;
  backoff: { baseMs: number; maxMs: number };
  /** The stored policy, decoded (memoised by its bytes); NO_POLICY before the first sync. */
  policy: () => Promise<TrustPolicy>;
}

export function policyFromStore(store: SanmaStore): () => Promise<TrustPolicy> {
  let memo: { bytes: Bytes; policy: TrustPolicy } | null = null;
  return async () => {
    const stored = await store.getPolicy();
    if (!stored) throw new LedgerError('NO_POLICY', 'no trust policy yet: sync the policy first');
    if (memo && equalBytes(memo.bytes, stored.signed)) return memo.policy;
    const policy = decodePolicy(decodeSignedPolicy(stored.signed).body);
    memo = { bytes: stored.signed, policy };
    return policy;
  };
}
