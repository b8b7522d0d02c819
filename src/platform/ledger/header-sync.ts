// Light-client header sync (docs/DESIGN.md §3): from the cached tip (or the policy's genesis hash at
// height 0) to the ledger's tip, in pages of GET /v1/headers?from&limit. Each page is checked
// with verifyHeaderChain (links, heights, chain id, time order, quorum on its last header) and
// stored atomically with that last header's signatures, so a dropped connection loses at most
// the page in flight and the next sync resumes from the last stored page.
// Forks: a quorum-signed header that differs from one we hold at the same height (the ledger's
// latest, a page tip, a header fetched alone earlier, or our tip when a page does not link to it)
// is recorded as evidence and the sync stops with FORK_DETECTED.
// A header the phone lacks (the one a scanned code claims, a record's inclusion height) is got by
// the same sync, never by its height alone (fetchHeader below): a request names only the phone's
// own tip, so the ledger learns that a phone synced, not which block was scanned. Syncs of one
// client run one at a time (each page is appended to the tip the previous one left).

import {
  CoreError,
  HEADER_PAGE_MAX,
  decodeHeaderPage,
  decodeSignedHeader,
  encodeHeader,
  encodeSignedHeader,
  equalBytes,
  verifyHeaderChain,
  verifyStandaloneHeader,
  type ChainAnchor,
  type HeaderPage,
  type SignedHeader,
  type TrustPolicy,
  type BlockHeader,
  type VerifiedHeader,
} from '../../core';
import { LedgerError, type CallOptions, type HeaderSyncProgress, type HeaderSyncResult } from './contract';
import type { ClientContext } from './context';
import { decodeSignedHeaderAnswer, fetchSignedHeader } from './header-fetch';
import { ourVoucher, recordFork } from './fork-evidence';
import { getBytes, isTransient, sleep } from './http';

export const DEFAULT_PAGE_SIZE = 5_000;
const PAGE_RETRIES = 2;

export interface SyncHeadersOptions extends CallOptions {
  onProgress?: (p: HeaderSyncProgress) => void;
  pageSize?: number;
}

const running = new WeakMap<ClientContext, Promise<unknown>>();

/** Runs `job` after every sync of this client already started (one writer of the header chain). */
function serialised<T>(ctx: ClientContext, job: () => Promise<T>): Promise<T> {
  const run = (running.get(ctx) ?? Promise.resolve()).catch(() => undefined).then(job);
  running.set(ctx, run);
  return run;
}

export function syncHeaders(ctx: ClientContext, opts: SyncHeadersOptions = {}): Promise<HeaderSyncResult> {
  return serialised(ctx, () => syncOnce(ctx, opts));
}

/** A header from the cache, else by syncing the chain up to it; NOT_FOUND above the ledger's tip. */
export async function fetchHeader(ctx: ClientContext, height: number, opts: CallOptions = {}): Promise<BlockHeader> {
  if (!Number.isSafeInteger(height) || height < 1) throw new RangeError(`expected height >= 1, got ${height}`);
  const cached = await ctx.store.getHeader(height);
  if (cached) return cached;
  return serialised(ctx, async () => {
    // A sync that finished while we waited may have brought it.
    if (!(await ctx.store.getHeader(height))) await syncOnce(ctx, opts);
    const header = await ctx.store.getHeader(height);
    if (!header) throw new LedgerError('NOT_FOUND', `header ${height} is above the ledger's tip`);
    return header;
  });
}

async function syncOnce(ctx: ClientContext, opts: SyncHeadersOptions): Promise<HeaderSyncResult> {
  const policy = await ctx.policy();
  const pageSize = Math.max(1, Math.min(HEADER_PAGE_MAX, opts.pageSize ?? DEFAULT_PAGE_SIZE));
  const start: ChainAnchor = (await ctx.store.headerTip()) ?? { height: 0, hash: policy.genesisHash, time: 0 };

  const latestUrl = `${ctx.ledgerUrl}/v1/headers/latest`;
  const latest = decodeSignedHeaderAnswer(await getBytes(ctx.http, latestUrl, opts.signal), latestUrl);
  const checked = verifyStandaloneHeader(latest.header, latest.signatures, policy);
  if (!checked.ok) throw new LedgerError('HEADER_REJECTED', `latest header: ${checked.reason}`, { reason: checked.reason });
  const ledgerHeight = checked.header.header.height;

  if (ledgerHeight <= start.height) {
    // We are at (or past: another ledger replica) the ledger's tip; it must agree with what we hold.
    if (ledgerHeight > 0) await compareWithCache(ctx, policy, latest, ledgerHeight);
    const syncedAt = ctx.now();
    await ctx.store.setHeadersSyncedAt(syncedAt);
    return { fromHeight: start.height, toHeight: start.height, added: 0, ledgerHeight, syncedAt };
  }

  const total = ledgerHeight - start.height;
  let tip = start;
  let done = 0;
  opts.onProgress?.({ done, total, height: tip.height });
  while (tip.height < ledgerHeight) {
    const limit = Math.min(pageSize, ledgerHeight - tip.height);
    const page = await fetchPage(ctx, tip.height + 1, limit, opts.signal);
    if (page.headers.length === 0 || page.headers.length > limit) {
      throw new LedgerError('BAD_RESPONSE', `page from ${tip.height + 1}: ${page.headers.length} headers for limit ${limit}`);
    }
    const r = verifyHeaderChain(tip, page.headers, page.lastSignatures, policy);
    if (!r.ok) {
      if (r.reason === 'HEADER_BROKEN_LINK' && r.height === tip.height + 1 && tip.height > 0) await probeFork(ctx, policy, tip.height, opts.signal);
      throw new LedgerError('HEADER_REJECTED', `page from ${tip.height + 1}: ${r.reason} at ${r.height}`, { reason: r.reason, height: r.height });
    }
    const last = r.headers[r.headers.length - 1]!;
    const lastSigned: SignedHeader = { header: last.bytes, signatures: page.lastSignatures };
    await checkSignedHeadersInRange(ctx, policy, r.headers, lastSigned, opts.signal);
    if (last.header.height === ledgerHeight && !equalBytes(last.bytes, latest.header)) {
      await recordFork(ctx, policy, { height: ledgerHeight, ours: last.bytes, oursSignedBy: lastSigned, theirs: latest.header, theirsSignedBy: latest });
    }
    await ctx.store.appendHeaders(r.headers, { height: last.header.height, signed: encodeSignedHeader(lastSigned), verifiedAt: ctx.now() });
    tip = { height: last.header.height, hash: last.hash, time: last.header.time };
    done += r.headers.length;
    opts.onProgress?.({ done, total, height: tip.height });
  }
  const syncedAt = ctx.now();
  await ctx.store.setHeadersSyncedAt(syncedAt);
  return { fromHeight: start.height, toHeight: tip.height, added: done, ledgerHeight, syncedAt };
}

async function fetchPage(ctx: ClientContext, from: number, limit: number, signal?: AbortSignal): Promise<HeaderPage> {
  const url = `${ctx.ledgerUrl}/v1/headers?from=${from}&limit=${limit}`;
  for (let attempt = 0; ; attempt++) {
    try {
      const bytes = await getBytes(ctx.http, url, signal);
      try {
        return decodeHeaderPage(bytes);
      } catch (e) {
        if (e instanceof CoreError) throw new LedgerError('BAD_RESPONSE', `${url}: not a header page (${e.code})`, { cause: e });
        throw e;
      }
    } catch (e) {
      if (attempt >= PAGE_RETRIES || !isTransient(e)) throw e;
      await sleep(ctx.backoff.baseMs * 2 ** attempt * (0.5 + ctx.random() / 2), signal);
    }
  }
}

/** The ledger's signed header at `height` against the one in our cache. */
async function compareWithCache(ctx: ClientContext, policy: TrustPolicy, theirs: SignedHeader, height: number): Promise<void> {
  const cached = await ctx.store.getHeader(height);
  if (!cached) return;
  const ours = encodeHeader(cached);
  if (equalBytes(ours, theirs.header)) return;
  await recordFork(ctx, policy, { height, ours, oursSignedBy: await ourVoucher(ctx, height), theirs: theirs.header, theirsSignedBy: theirs });
}

/** A page that does not link to our tip: is the ledger's header at our tip height a different, signed one? */
async function probeFork(ctx: ClientContext, policy: TrustPolicy, height: number, signal?: AbortSignal): Promise<void> {
  let theirs: SignedHeader;
  try {
    theirs = (await fetchSignedHeader(ctx, policy, height, signal)).signed;
  } catch (e) {
    if (e instanceof LedgerError && (e.code === 'HEADER_REJECTED' || e.code === 'NOT_FOUND' || e.code === 'BAD_RESPONSE')) return;
    throw e;
  }
  await compareWithCache(ctx, policy, theirs, height);
}

/** Headers we hold with their own signatures (fetched alone earlier) must equal the chain's. */
async function checkSignedHeadersInRange(
  ctx: ClientContext,
  policy: TrustPolicy,
  headers: readonly VerifiedHeader[],
  pageTip: SignedHeader,
  signal?: AbortSignal,
): Promise<void> {
  const first = headers[0]!.header.height;
  const last = headers[headers.length - 1]!;
  for (const s of await ctx.store.signedHeadersBetween(first, last.header.height)) {
    const held = decodeSignedHeader(s.signed);
    const chainHeader = headers[s.height - first]!;
    if (equalBytes(held.header, chainHeader.bytes)) continue;
    // The page's header is vouched for by the page tip; the ledger's own signed copy of it makes
    // the evidence self-contained when the ledger serves one.
    let voucher = pageTip;
    try {
      const own = (await fetchSignedHeader(ctx, policy, s.height, signal)).signed;
      if (equalBytes(own.header, chainHeader.bytes)) voucher = own;
    } catch (e) {
      if (!(e instanceof LedgerError) || e.code === 'ABORTED') throw e;
    }
    await recordFork(ctx, policy, { height: s.height, ours: held.header, oursSignedBy: held, theirs: chainHeader.bytes, theirsSignedBy: voucher });
  }
}
