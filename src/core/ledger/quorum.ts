// k-of-n quorum over a signed message (docs/DESIGN.md §3): k distinct validators of the policy must have
// signed. Unknown signers are ignored (a newer policy may list more validators than we know), a
// known validator's bad signature rejects the whole set (it is evidence of tampering, not noise),
// and a validator counts once however often it appears.

import { equalBytes } from '../bytes';
import { verifyFor, type SigningPurpose } from '../crypto';
import type { Bytes, HeaderSignature, TrustPolicy } from '../codec/types';
import type { LedgerReason } from './reasons';

export type QuorumResult = { ok: true; signers: number } | { ok: false; reason: LedgerReason; signers: number };

export function checkQuorum(
  purpose: SigningPurpose,
  body: Bytes,
  signatures: readonly HeaderSignature[],
  validators: TrustPolicy['validators'],
  threshold: number,
): QuorumResult {
  const counted = new Set<number>();
  for (const s of signatures) {
    const i = validators.findIndex((v) => equalBytes(v.publicKey, s.publicKey));
    if (i < 0) continue;
    if (s.publicKey.length !== 32 || s.signature.length !== 64) return { ok: false, reason: 'QUORUM_BAD_SIGNATURE', signers: counted.size };
    if (!verifyFor(purpose, s.publicKey, body, s.signature)) return { ok: false, reason: 'QUORUM_BAD_SIGNATURE', signers: counted.size };
    counted.add(i);
  }
  if (counted.size < threshold) return { ok: false, reason: 'QUORUM_NOT_MET', signers: counted.size };
  return { ok: true, signers: counted.size };
}

export function checkHeaderQuorum(headerBytes: Bytes, signatures: readonly HeaderSignature[], policy: TrustPolicy): QuorumResult {
  return checkQuorum('header', headerBytes, signatures, policy.validators, policy.threshold);
}
