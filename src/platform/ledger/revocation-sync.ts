// Revocation sync (DESIGN §3 "even revocation data is checked, not trusted"): GET
// /v1/revocations?since=H, and for each revocation record its inclusion proof is checked against
// the quorum-signed header at its height (fetched alone when not cached). Only checked ones are
// stored. If any fails, the checked ones are still kept (a revocation only ever turns a verdict
// red), but the sync point does not advance, so verdicts keep saying revocations are not fresh.

import { CoreError, decodeRecord, refKey, type BlockHeader } from '../../core';
import type { StoredRevocation } from '../store/contract';
import { LedgerError, type CallOptions, type RevocationSyncResult } from './contract';
import type { ClientContext } from './context';
import { fetchHeader } from './header-fetch';
import { getJson } from './http';
import { inclusionMatches } from './inclusion';
import { arr, hex, int, obj } from './json-shape';

export async function syncRevocations(ctx: ClientContext, opts: CallOptions = {}): Promise<RevocationSyncResult> {
  await ctx.policy();
  const { revocationsSince } = await ctx.store.getSyncState();
  const url = `${ctx.ledgerUrl}/v1/revocations?since=${revocationsSince}`;
  const answer = obj(await getJson(ctx.http, url, opts.signal), 'revocations answer');
  const tip = int(answer.tip, 'tip');
  const items = arr(answer.revocations, 'revocations').map((v, i) => {
    const o = obj(v, `revocations[${i}]`);
    return {
      height: int(o.height, `revocations[${i}].height`),
      index: int(o.index, `revocations[${i}].index`),
      recordCount: int(o.recordCount, `revocations[${i}].recordCount`),
      body: hex(o.body, `revocations[${i}].body`),
      proof: arr(o.proof, `revocations[${i}].proof`, 64).map((h, j) => hex(h, `revocations[${i}].proof[${j}]`, 32, 32)),
    };
  });

  const cache = await ctx.store.loadHeaders(items.map((r) => r.height));
  const rows: StoredRevocation[] = [];
  let rejected = 0;
  const syncedAt = ctx.now();
  for (const item of items) {
    let header: BlockHeader | undefined = cache.get(item.height);
    if (!header) {
      try {
        header = await fetchHeader(ctx, item.height, opts);
      } catch (e) {
        if (e instanceof LedgerError && (e.code === 'HEADER_REJECTED' || e.code === 'NOT_FOUND' || e.code === 'BAD_RESPONSE')) {
          rejected++;
          continue;
        }
        throw e;
      }
    }
    let target: string;
    try {
      const record = decodeRecord(item.body);
      if (record.kind !== 'revocation') throw new CoreError('BAD_VALUE', 'not a revocation');
      target = refKey(record.target);
    } catch (e) {
      if (!(e instanceof CoreError)) throw e;
      rejected++;
      continue;
    }
    if (!inclusionMatches(item, header, item.body)) {
      rejected++;
      continue;
    }
    rows.push({ target, height: item.height, index: item.index, body: item.body, syncedAt });
  }
  await ctx.store.putRevocations(rows, rejected === 0 ? { since: Math.max(tip, revocationsSince), at: syncedAt } : undefined);
  return { added: rows.length, rejected, tip, syncedAt: rejected === 0 ? syncedAt : null };
}
