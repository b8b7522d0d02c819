// Light-client header sync (docs/DESIGN.md §3): from a trusted anchor (the genesis hash of the policy or
// the cached tip), every following header must link to its predecessor, be consecutive, belong to
// the chain and not go back in time; the newest one must carry a quorum. One quorum check per
// sync, not per header: a quorum-signed tip commits, through the hash links, to all before it.

import { equalBytes } from '../bytes';
import { CoreError } from '../errors';
import { decodeHeader, headerHash } from '../codec/header';
import type { BlockHeader, Bytes, HeaderSignature, TrustPolicy } from '../codec/types';
import { checkHeaderQuorum } from './quorum';
import type { LedgerReason } from './reasons';

export interface ChainAnchor {
  height: number;
  hash: Bytes;
  time: number;
}

export interface VerifiedHeader {
  header: BlockHeader;
  bytes: Bytes;
  hash: Bytes;
}

export type ChainResult =
  | { ok: true; headers: VerifiedHeader[]; signers: number }
  | { ok: false; reason: LedgerReason; height: number };

/**
 * Verifies `headerBytes` (consecutive, starting at anchor.height + 1) and the quorum on the last.
 * Nothing is returned as verified unless the whole batch is.
 */
export function verifyHeaderChain(
  anchor: ChainAnchor,
  headerBytes: readonly Bytes[],
  tipSignatures: readonly HeaderSignature[],
  policy: TrustPolicy,
): ChainResult {
  const out: VerifiedHeader[] = [];
  let prevHash = anchor.hash;
  let prevTime = anchor.time;
  let expected = anchor.height + 1;
  for (const bytes of headerBytes) {
    let header: BlockHeader;
    try {
      header = decodeHeader(bytes);
    } catch (e) {
      if (e instanceof CoreError) return { ok: false, reason: 'HEADER_MALFORMED', height: expected };
      throw e;
    }
    if (header.chainId !== policy.chainId) return { ok: false, reason: 'HEADER_WRONG_CHAIN', height: header.height };
    if (header.height !== expected) return { ok: false, reason: 'HEADER_NOT_CONSECUTIVE', height: header.height };
    if (!equalBytes(header.prevHash, prevHash)) return { ok: false, reason: 'HEADER_BROKEN_LINK', height: header.height };
    if (header.time < prevTime) return { ok: false, reason: 'HEADER_TIME_REGRESSION', height: header.height };
    const hash = headerHash(bytes);
    out.push({ header, bytes, hash });
    prevHash = hash;
    prevTime = header.time;
    expected++;
  }
  const tip = out[out.length - 1];
  if (!tip) return { ok: true, headers: [], signers: 0 };
  const q = checkHeaderQuorum(tip.bytes, tipSignatures, policy);
  if (!q.ok) return { ok: false, reason: q.reason, height: tip.header.height };
  return { ok: true, headers: out, signers: q.signers };
}

/** A single header fetched alone (not in the cache): it must carry its own quorum. */
export function verifyStandaloneHeader(
  headerBytes: Bytes,
  signatures: readonly HeaderSignature[],
  policy: TrustPolicy,
): { ok: true; header: VerifiedHeader; signers: number } | { ok: false; reason: LedgerReason } {
  let header: BlockHeader;
  try {
    header = decodeHeader(headerBytes);
  } catch (e) {
    if (e instanceof CoreError) return { ok: false, reason: 'HEADER_MALFORMED' };
    throw e;
  }
  if (header.chainId !== policy.chainId) return { ok: false, reason: 'HEADER_WRONG_CHAIN' };
  const q = checkHeaderQuorum(headerBytes, signatures, policy);
  if (!q.ok) return { ok: false, reason: q.reason };
  return { ok: true, header: { header, bytes: headerBytes, hash: headerHash(headerBytes) }, signers: q.signers };
}
