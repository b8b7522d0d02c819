// Light-client sync from the ledger API, as the PWA does it (docs/DESIGN.md §3), for the CLI's `verify`
// and for tests: header pages verified with core verifyHeaderChain from the policy's genesis hash
// (links on every header, the quorum on the last of each page), then revocations checked with
// against the revocation commitment of those verified headers (core checkStatusEvents, the same
// rule the PWA applies). Nothing fetched is trusted unchecked.

import {
  EMPTY_REVOCATIONS,
  HEADER_PAGE_MAX,
  checkStatusEvents,
  refKey,
  verifyHeaderChain,
  type BlockHeader,
  type ChainAnchor,
  type StatusKind,
  type TrustPolicy,
} from '../../src/core';
import type { LedgerClient } from './ledger-client';

export interface SyncedTrust {
  headers: Map<number, BlockHeader>;
  tip: ChainAnchor;
  revoked: Map<string, StatusKind>;
  /** How many status events were checked against the tip's commitment. */
  revocationCount: number;
}

export class SyncError extends Error {
  constructor(
    readonly reason: string,
    readonly height: number,
  ) {
    super(`sync failed at height ${height}: ${reason}`);
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

/** Every status event through the synced tip, or SyncError when the feed is not exactly the ledger's. */
export async function syncRevocations(client: LedgerClient, headers: ReadonlyMap<number, BlockHeader>, tipHeight: number): Promise<{ revoked: Map<string, StatusKind>; count: number }> {
  const revoked = new Map<string, StatusKind>();
  let acc = EMPTY_REVOCATIONS;
  for (;;) {
    const feed = await client.revocations(acc.count);
    // Events newer than our headers cannot be checked yet; the next sync picks them up.
    const through = Math.min(feed.through, tipHeight);
    const header = through === 0 ? undefined : headers.get(through);
    const items = feed.events.filter((e) => e.height <= through);
    if (feed.since !== acc.count) throw new SyncError('REVOCATIONS_INCOMPLETE', through);
    if (!header) {
      if (items.length > 0 || through > 0) throw new SyncError('REVOCATIONS_INCOMPLETE', through);
      break;
    }
    const checked = checkStatusEvents(acc, items, header);
    if (!checked.ok) throw new SyncError(checked.reason, through);
    for (const e of checked.events) revoked.set(refKey(e.target), e.kind);
    acc = checked.acc;
    if (through >= tipHeight || feed.through >= tipHeight || feed.events.length === 0) break;
  }
  return { revoked, count: acc.count };
}

export async function syncTrust(client: LedgerClient, policy: TrustPolicy): Promise<SyncedTrust> {
  const { headers, tip } = await syncHeaders(client, policy);
  const { revoked, count } = await syncRevocations(client, headers, tip.height);
  return { headers, tip, revoked, revocationCount: count };
}
