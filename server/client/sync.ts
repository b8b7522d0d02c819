// Light-client sync from the ledger API, as the PWA does it (DESIGN §3), for the CLI's `verify`
// and for tests: header pages verified with core verifyHeaderChain from the policy's genesis hash
// (links on every header, the quorum on the last of each page), then revocations checked with
// their inclusion proofs against those verified headers. Nothing fetched is trusted unchecked.

import {
  HEADER_PAGE_MAX,
  decodeRecord,
  fromHex,
  leafHash,
  refKey,
  verifyHeaderChain,
  verifyInclusion,
  type BlockHeader,
  type ChainAnchor,
  type TrustPolicy,
} from '../../src/core';
import type { LedgerClient } from './ledger-client';

export interface SyncedTrust {
  headers: Map<number, BlockHeader>;
  tip: ChainAnchor;
  revoked: Set<string>;
  /** Revocations whose proof did not check: ignored, and reported. */
  badRevocations: number;
}

export class SyncError extends Error {
  constructor(
    readonly reason: string,
    readonly height: number,
  ) {
    super(`header sync failed at height ${height}: ${reason}`);
  }
}

export async function syncHeaders(client: LedgerClient, policy: TrustPolicy, pageSize = HEADER_PAGE_MAX): Promise<{ headers: Map<number, BlockHeader>; tip: ChainAnchor }> {
  const headers = new Map<number, BlockHeader>();
  // The genesis header is committed to by the policy; block 1 links to its hash. Its time is
  // not needed: every later time is >= 0.
  let anchor: ChainAnchor = { height: 0, hash: policy.genesisHash, time: 0 };
  for (;;) {
    const page = await client.headerPage(anchor.height + 1, pageSize);
    if (page.headers.length === 0) break;
    const result = verifyHeaderChain(anchor, page.headers, page.lastSignatures, policy);
    if (!result.ok) throw new SyncError(result.reason, result.height);
    for (const v of result.headers) headers.set(v.header.height, v.header);
    const last = result.headers[result.headers.length - 1]!;
    anchor = { height: last.header.height, hash: last.hash, time: last.header.time };
    if (page.headers.length < pageSize) break;
  }
  return { headers, tip: anchor };
}

export async function syncTrust(client: LedgerClient, policy: TrustPolicy): Promise<SyncedTrust> {
  const { headers, tip } = await syncHeaders(client, policy);
  const revoked = new Set<string>();
  let bad = 0;
  let since = 0;
  while (since < tip.height) {
    const page = await client.revocations(since);
    for (const r of page.revocations) {
      const header = headers.get(r.height);
      if (!header) continue; // newer than our synced headers: cannot be checked yet
      try {
        const body = fromHex(r.body);
        const record = decodeRecord(body);
        const ok = record.kind === 'revocation' && header.recordCount === r.recordCount && verifyInclusion(r.index, header.recordCount, leafHash(body), r.proof.map((h) => fromHex(h)), header.recordsRoot);
        if (ok && record.kind === 'revocation') revoked.add(refKey(record.target));
        else bad++;
      } catch {
        bad++;
      }
    }
    if (page.tip <= since) break;
    since = page.tip;
  }
  return { headers, tip, revoked, badRevocations: bad };
}
