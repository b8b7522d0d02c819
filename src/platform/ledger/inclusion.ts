// Inclusion proofs from the ledger (GET /v1/records/:id, docs/API.md), checked against the
// quorum-signed header at their height (RFC 9162 §2.1.3.2 via the core's verifyInclusion) before
// anything is stored or shown: a vendor must never print a code whose proof does not verify.

import { CoreError, equalBytes, leafHash, verifyInclusion, type BlockHeader, type Bytes } from '../../core';
import type { InclusionProof } from '../store/contract';
import { LedgerError } from './contract';
import { arr, hex, int, obj } from './json-shape';

export type RecordStatus = { status: 'pending' } | { status: 'included'; inclusion: InclusionProof };

/** Reads the JSON of GET /v1/records/:id (or a 200 answer to POST /v1/records). */
export function parseRecordStatus(json: unknown, field = 'record'): RecordStatus {
  const o = obj(json, field);
  if (o.status === 'pending') return { status: 'pending' };
  if (o.status !== 'included') throw new LedgerError('BAD_RESPONSE', `${field}.status: expected pending or included`);
  return {
    status: 'included',
    inclusion: {
      height: int(o.height, `${field}.height`),
      index: int(o.index, `${field}.index`),
      recordCount: int(o.recordCount, `${field}.recordCount`),
      proof: arr(o.proof, `${field}.proof`, 64).map((h, i) => hex(h, `${field}.proof[${i}]`, 32, 32)),
      body: hex(o.body, `${field}.body`),
    },
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
