// Trust policy sync (docs/DESIGN.md §3): the signed policy is served with the app (/policy.bin) and
// precached with it. The first one fetched is the trust anchor; after that a different policy is
// accepted only through acceptPolicyUpdate: signed by a quorum of the CURRENT validators, same
// chain, higher sequence. A refused policy leaves the stored one in force.

import { CoreError, acceptPolicyUpdate, decodePolicy, decodeSignedPolicy, equalBytes, type SignedPolicy } from '../../core';
import { LedgerError, type CallOptions, type PolicySyncResult } from './contract';
import type { ClientContext } from './context';
import { getBytes } from './http';

export async function syncPolicy(ctx: ClientContext, opts: CallOptions = {}): Promise<PolicySyncResult> {
  const bytes = await getBytes(ctx.http, ctx.policyUrl, opts.signal);
  let candidate: SignedPolicy;
  try {
    candidate = decodeSignedPolicy(bytes);
  } catch (e) {
    if (e instanceof CoreError) throw new LedgerError('BAD_RESPONSE', `${ctx.policyUrl}: not a signed policy (${e.code})`, { cause: e });
    throw e;
  }
  const fetchedAt = ctx.now();
  const stored = await ctx.store.getPolicy();
  if (!stored) {
    await ctx.store.putPolicy({ signed: bytes, fetchedAt });
    return { status: 'installed', policy: decodePolicy(candidate.body), fetchedAt };
  }
  const current = decodePolicy(decodeSignedPolicy(stored.signed).body);
  // Same body (perhaps with more signatures): nothing changes in what we trust.
  if (equalBytes(decodeSignedPolicy(stored.signed).body, candidate.body)) {
    await ctx.store.putPolicy({ signed: stored.signed, fetchedAt });
    return { status: 'unchanged', policy: current, fetchedAt };
  }
  const r = acceptPolicyUpdate(current, candidate);
  if (!r.ok) return { status: 'rejected', policy: current, reason: r.reason };
  await ctx.store.putPolicy({ signed: bytes, fetchedAt });
  return { status: 'updated', policy: r.policy, previousSequence: current.sequence, fetchedAt };
}
