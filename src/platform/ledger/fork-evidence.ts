// Recording a fork (docs/DESIGN.md §3): two different quorum-signed headers at one height. Both sides
// are kept as portable evidence (encodeForkEvidence when each carries its own quorum), then the
// caller stops with FORK_DETECTED: nothing from this ledger is trusted any more until people
// look at it.

import { decodeSignedHeader, detectFork, encodeForkEvidence, encodeSignedHeader, equalBytes, type Bytes, type SignedHeader, type TrustPolicy } from '../../core';
import { LedgerError } from './contract';
import type { ClientContext } from './context';

export interface ForkSides {
  height: number;
  ours: Bytes;
  /** The header itself with its own quorum, or a later signed header whose chain contains it. */
  oursSignedBy: SignedHeader | null;
  theirs: Bytes;
  theirsSignedBy: SignedHeader;
}

export async function recordFork(ctx: ClientContext, policy: TrustPolicy, sides: ForkSides): Promise<never> {
  const a = sides.oursSignedBy;
  const b = sides.theirsSignedBy;
  const bothSelfSigned = a !== null && equalBytes(a.header, sides.ours) && equalBytes(b.header, sides.theirs);
  const fork = bothSelfSigned ? detectFork(a, b, policy) : null;
  await ctx.store.addForkEvidence({
    height: sides.height,
    detectedAt: ctx.now(),
    evidence: fork ? encodeForkEvidence(fork) : null,
    ours: sides.ours,
    oursSignedBy: a ? encodeSignedHeader(a) : null,
    theirs: sides.theirs,
    theirsSignedBy: encodeSignedHeader(b),
    source: ctx.ledgerUrl,
  });
  throw new LedgerError('FORK_DETECTED', `two quorum-signed headers at height ${sides.height}`, { reason: 'FORK_DETECTED', height: sides.height });
}

/** What vouches for our cached header at `height`: its own signatures, else our tip's. */
export async function ourVoucher(ctx: ClientContext, height: number): Promise<SignedHeader | null> {
  const own = await ctx.store.getSignedHeader(height);
  if (own) return decodeSignedHeader(own.signed);
  const tip = await ctx.store.headerTip();
  const tipSigned = tip && tip.height >= height ? await ctx.store.getSignedHeader(tip.height) : undefined;
  return tipSigned ? decodeSignedHeader(tipSigned.signed) : null;
}
