// One header on demand (DESIGN §3 "A header not in the cache can be fetched alone with its
// signatures and checked against the quorum directly"): GET /v1/headers/:height, then
// verifyStandaloneHeader; stored with its signatures so it also serves as fork evidence later.

import { CoreError, decodeSignedHeader, encodeHeader, encodeSignedHeader, equalBytes, verifyStandaloneHeader, type BlockHeader, type SignedHeader, type TrustPolicy } from '../../core';
import { LedgerError, type CallOptions } from './contract';
import type { ClientContext } from './context';
import { ourVoucher, recordFork } from './fork-evidence';
import { getBytes } from './http';

export function decodeSignedHeaderAnswer(bytes: Uint8Array, url: string): SignedHeader {
  try {
    return decodeSignedHeader(bytes);
  } catch (e) {
    if (e instanceof CoreError) throw new LedgerError('BAD_RESPONSE', `${url}: not a signed header (${e.code})`, { cause: e });
    throw e;
  }
}

/** Fetches and checks the quorum-signed header at `height` (no store write). */
export async function fetchSignedHeader(ctx: ClientContext, policy: TrustPolicy, height: number, signal?: AbortSignal): Promise<{ signed: SignedHeader; header: BlockHeader }> {
  const url = `${ctx.ledgerUrl}/v1/headers/${height}`;
  const signed = decodeSignedHeaderAnswer(await getBytes(ctx.http, url, signal), url);
  const r = verifyStandaloneHeader(signed.header, signed.signatures, policy);
  if (!r.ok) throw new LedgerError('HEADER_REJECTED', `header ${height}: ${r.reason}`, { reason: r.reason, height });
  if (r.header.header.height !== height) throw new LedgerError('BAD_RESPONSE', `asked for header ${height}, got ${r.header.header.height}`);
  return { signed, header: r.header.header };
}

export async function fetchHeader(ctx: ClientContext, height: number, opts: CallOptions = {}): Promise<BlockHeader> {
  if (!Number.isSafeInteger(height) || height < 1) throw new RangeError(`expected height >= 1, got ${height}`);
  const cached = await ctx.store.getHeader(height);
  if (cached) return cached;
  const policy = await ctx.policy();
  const { signed, header } = await fetchSignedHeader(ctx, policy, height, opts.signal);
  // The chain may have grown past `height` while we were fetching: compare, never overwrite.
  const now = await ctx.store.getHeader(height);
  if (now) {
    const ours = encodeHeader(now);
    if (!equalBytes(ours, signed.header)) {
      await recordFork(ctx, policy, { height, ours, oursSignedBy: await ourVoucher(ctx, height), theirs: signed.header, theirsSignedBy: signed });
    }
    return now;
  }
  await ctx.store.putSignedHeader({ height, signed: encodeSignedHeader(signed), verifiedAt: ctx.now() });
  return header;
}
