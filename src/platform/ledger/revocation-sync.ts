// Revocation sync (docs/API.md, GET /v1/revocations): the status events (revocations and
// handovers) after the ones held, checked with core checkStatusEvents against the revocation
// commitment of a quorum-signed header (cached, or fetched alone with its quorum). A list that
// does not reproduce the commitment exactly (an event withheld, added or reordered by a ledger
// or mirror) is refused as a whole: nothing is stored, and the refusal is kept so verdicts say
// the revocation list is incomplete (amber, never green) until a sync succeeds.

import { checkStatusEvents, readRevocationFeed, refKey, type BlockHeader, type RevocationFeed } from '../../core';
import type { StoredRevocation } from '../store/contract';
import { LedgerError, type CallOptions, type RevocationSyncResult } from './contract';
import type { ClientContext } from './context';
import { fetchHeader } from './header-sync';
import { getJson } from './http';

/** A long-lived chain takes several pages; more than this in one sync is a hostile feed. */
const MAX_PAGES = 1000;

export async function syncRevocations(ctx: ClientContext, opts: CallOptions = {}): Promise<RevocationSyncResult> {
  await ctx.policy();
  const start = await ctx.store.getSyncState();
  let acc = { count: start.revocationCount, hash: start.revocationsHash };
  let added = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = `${ctx.ledgerUrl}/v1/revocations?since=${acc.count}`;
    const feed: RevocationFeed = await getJson(ctx.http, url, readRevocationFeed, opts.signal);
    if (feed.since !== acc.count) return refuse(ctx, added, 'REVOCATIONS_INCOMPLETE');
    // A feed must reach the newest header we hold: ending at an older one would hide what
    // happened since (a mirror can always find an old header whose commitment it matches).
    const tip = await ctx.store.headerTip();
    if (feed.through < Math.max(tip?.height ?? 0, start.revocationsThrough)) return refuse(ctx, added, 'REVOCATIONS_INCOMPLETE');
    let header: BlockHeader | undefined;
    if (feed.through > 0) {
      try {
        header = await fetchHeader(ctx, feed.through, opts);
      } catch (e) {
        if (e instanceof LedgerError && e.code === 'HEADER_REJECTED') return refuse(ctx, added, 'REVOCATIONS_INCOMPLETE');
        throw e;
      }
    }
    // Through genesis: nothing can have been revoked yet.
    const checked = header ? checkStatusEvents(acc, feed.events, header) : feed.events.length === 0 && acc.count === 0 ? { ok: true as const, events: [], acc } : null;
    if (!checked || !checked.ok) return refuse(ctx, added, checked ? checked.reason : 'REVOCATIONS_INCOMPLETE');
    const syncedAt = ctx.now();
    const rows: StoredRevocation[] = checked.events.map((e, i) => ({
      target: refKey(e.target),
      kind: e.kind,
      height: e.height,
      index: e.index,
      body: feed.events[i]!.body,
      syncedAt,
    }));
    await ctx.store.putRevocations(rows, { count: checked.acc.count, hash: checked.acc.hash, through: feed.through, at: syncedAt });
    added += rows.length;
    acc = checked.acc;
    // Done when a page brings nothing new: it was checked against the tip's commitment.
    if (feed.events.length === 0) return { added, refused: null, through: feed.through, syncedAt };
  }
  return refuse(ctx, added, 'REVOCATIONS_INCOMPLETE');
}

async function refuse(ctx: ClientContext, added: number, reason: NonNullable<RevocationSyncResult['refused']>): Promise<RevocationSyncResult> {
  await ctx.store.setRevocationsRefused(reason);
  return { added, refused: reason, through: null, syncedAt: null };
}
