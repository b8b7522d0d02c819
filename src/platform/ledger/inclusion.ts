// Inclusion proofs from the ledger (GET /v1/records/:id, docs/API.md), checked against the
// quorum-signed header at their height (RFC 9162 §2.1.3.2 via the core's verifyInclusion) before
// anything is stored or shown: a vendor must never print a code whose proof does not verify.

import { CoreError, equalBytes, fromHex, leafHash, readRecordStatus, verifyInclusion, type BlockHeader, type Bytes } from '../../core';
import type { InclusionProof } from '../store/contract';
import { readAnswer } from './http';

export type RecordStatus = { status: 'pending' } | { status: 'rejected'; reason: string } | { status: 'included'; inclusion: InclusionProof };

/** Reads the JSON of GET /v1/records/:id (core readRecordStatus); BAD_RESPONSE when malformed. */
export function parseRecordStatus(json: unknown, url: string): RecordStatus {
  const r = readAnswer(readRecordStatus, json, url);
  if (r.status === 'pending') return { status: 'pending' };
  if (r.status === 'rejected') return { status: 'rejected', reason: r.reason };
  return {
    status: 'included',
    inclusion: { height: r.height, index: r.index, recordCount: r.recordCount, proof: r.proof.map(fromHex), body: fromHex(r.body) },
  };
}

/** True when `inclusion` proves `body` under `header`. */
export function inclusionMatches(inclusion: InclusionProof, header: BlockHeader, body: Bytes): boolean {
  if (!equalBytes(inclusion.body, body)) return false;
  if (header.height !== inclusion.height || header.recordCount !== inclusion.recordCount) return false;
  try {
    return verifyInclusion(inclusion.index, header.recordCount, leafHash(body), inclusion.proof, header.recordsRoot);
  } catch (e) {
    if (e instanceof CoreError) return false; // wrong proof length or index: a bad proof, not misuse
    throw e;
  }
}
