// One quorum-signed header at a height the phone already holds (its own tip, a header it kept
// with signatures): GET /v1/headers/:height, then verifyStandaloneHeader. Used only to gather
// fork evidence. A header the phone does NOT hold — the one a scanned code claims — is never
// asked for by height: fetchHeader (header-sync.ts) syncs from the phone's own tip instead, so
// the ledger never learns which block, and so which stall, was scanned (docs/API.md, Privacy).

import { CoreError, decodeSignedHeader, verifyStandaloneHeader, type BlockHeader, type SignedHeader, type TrustPolicy } from '../../core';
import { LedgerError } from './contract';
import type { ClientContext } from './context';
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
