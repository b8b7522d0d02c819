// Accepting a changed trust policy (docs/DESIGN.md §3): only when a quorum of the CURRENT validators
// signed the new body, for the same chain, with a higher sequence number.

import { CoreError } from '../errors';
import { decodePolicy } from '../codec/policy';
import type { SignedPolicy, TrustPolicy } from '../codec/types';
import { checkQuorum } from './quorum';
import type { LedgerReason } from './reasons';

export function acceptPolicyUpdate(
  current: TrustPolicy,
  candidate: SignedPolicy,
): { ok: true; policy: TrustPolicy } | { ok: false; reason: LedgerReason } {
  let next: TrustPolicy;
  try {
    next = decodePolicy(candidate.body);
  } catch (e) {
    if (e instanceof CoreError) return { ok: false, reason: 'POLICY_MALFORMED' };
    throw e;
  }
  if (next.chainId !== current.chainId) return { ok: false, reason: 'POLICY_WRONG_CHAIN' };
  if (next.sequence <= current.sequence) return { ok: false, reason: 'POLICY_NOT_NEWER' };
  const q = checkQuorum('policy', candidate.body, candidate.signatures, current.validators, current.threshold);
  if (!q.ok) return { ok: false, reason: q.reason };
  return { ok: true, policy: next };
}
