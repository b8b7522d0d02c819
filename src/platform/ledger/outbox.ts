// The outbox of records to publish (docs/DESIGN.md §2 vendor step 3: "queued in an outbox while offline,
// retried when online"). A record is stored first, then sent: POST /v1/records is idempotent (the
// record id is the leaf hash of its body), so a retry after a lost answer cannot duplicate it.
// Network errors, 408, 429 and 5xx retry with exponential backoff and jitter; 400, 413 and 422
// fail for good and keep the reason code. Sent records are polled until included; the proof is
// checked against the quorum-signed header before the entry is marked included.

import { decodeRecord, decodeSignedRecord, encodeSignedRecord, readSubmit, recordId, toHex, type LedgerReason, type SignedRecord } from '../../core';
import type { InclusionProof, OutboxEntry } from '../store/contract';
import { LedgerError, type CallOptions, type FlushResult, type WaitOptions } from './contract';
import type { ClientContext } from './context';
import { fetchHeader } from './header-sync';
import { isTransient, parseJson, readAnswer, request, sleep } from './http';
import { inclusionMatches, parseRecordStatus } from './inclusion';

const PERMANENT = new Set([400, 413, 422]);

/** Delay before attempt `attempts + 1`: base·2^(attempts−1), capped, with "equal jitter". */
export function backoffDelay(attempts: number, backoff: { baseMs: number; maxMs: number }, random: () => number): number {
  const d = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(d / 2 + (random() * d) / 2);
}

export async function submit(ctx: ClientContext, record: SignedRecord): Promise<OutboxEntry> {
  const kind = decodeRecord(record.body).kind; // our own record: malformed is a bug and throws
  const now = ctx.now();
  return ctx.store.outboxAdd({
    id: toHex(recordId(record.body)),
    kind,
    signed: encodeSignedRecord(record),
    createdAt: now,
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    state: 'queued',
    inclusion: null,
  });
}

/** Checks an inclusion proof for `entry` against the quorum-signed header at its height. */
async function checkedInclusion(ctx: ClientContext, entry: OutboxEntry, inclusion: InclusionProof, signal?: AbortSignal): Promise<boolean> {
  const header = await fetchHeader(ctx, inclusion.height, { signal });
  return inclusionMatches(inclusion, header, decodeSignedRecord(entry.signed).body);
}

type Outcome = 'sent' | 'included' | 'failed' | 'retrying' | 'offline';

async function send(ctx: ClientContext, entry: OutboxEntry, signal?: AbortSignal): Promise<Outcome> {
  const url = `${ctx.ledgerUrl}/v1/records`;
  const attempts = entry.attempts + 1;
  const retryLater = async (error: string): Promise<Outcome> => {
    await ctx.store.outboxPut({ ...entry, attempts, lastError: error, nextAttemptAt: ctx.now() + backoffDelay(attempts, ctx.backoff, ctx.random) });
    return error === 'NETWORK' ? 'offline' : 'retrying';
  };
  let answer;
  try {
    answer = await request(ctx.http, url, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: entry.signed as Uint8Array<ArrayBuffer>, signal });
  } catch (e) {
    if (e instanceof LedgerError && e.code === 'NETWORK') return retryLater('NETWORK');
    throw e;
  }
  if (PERMANENT.has(answer.status)) {
    let reason = `HTTP_${answer.status}`;
    if (answer.status === 422) {
      try {
        const err = (parseJson(answer, url) as { error?: unknown }).error;
        if (typeof err === 'string' && /^[A-Z_]{1,64}$/.test(err)) reason = err;
      } catch {
        // An unreadable 422 body keeps the status as the reason.
      }
    }
    await ctx.store.outboxPut({ ...entry, attempts, state: 'failed', lastError: reason });
    return 'failed';
  }
  if (answer.status !== 200 && answer.status !== 202) return retryLater(`HTTP_${answer.status}`);
  // 202 pending, or 200 already in a block (its position only: the proof comes from GET, below).
  const submitted = readAnswer(readSubmit, parseJson(answer, url), url);
  const sent: OutboxEntry = { ...entry, attempts, state: 'sent', lastError: null };
  await ctx.store.outboxPut(sent);
  if (submitted.status === 'included') {
    const polled = await poll(ctx, sent, signal);
    if (polled === 'included' || polled === 'failed') return polled;
  }
  return 'sent';
}

/** Asks the ledger whether a sent record is in a block yet. */
async function poll(ctx: ClientContext, entry: OutboxEntry, signal?: AbortSignal): Promise<'included' | 'pending' | 'requeued' | 'failed'> {
  const url = `${ctx.ledgerUrl}/v1/records/${entry.id}`;
  const answer = await request(ctx.http, url, { signal, headers: { accept: 'application/json' } });
  if (answer.status === 404) {
    // The ledger lost it (e.g. restored from a backup): send it again.
    await ctx.store.outboxPut({ ...entry, state: 'queued', nextAttemptAt: ctx.now(), lastError: 'NOT_FOUND' });
    return 'requeued';
  }
  if (answer.status !== 200) throw new LedgerError('HTTP', `${url}: HTTP ${answer.status}`, { status: answer.status });
  const status = parseRecordStatus(parseJson(answer, url), url);
  if (status.status === 'pending') return 'pending';
  if (status.status === 'rejected') {
    // Accepted, then refused when its block was built (the state changed in between): final.
    await ctx.store.outboxPut({ ...entry, state: 'failed', lastError: status.reason });
    return 'failed';
  }
  if (!(await checkedInclusion(ctx, entry, status.inclusion, signal))) {
    await ctx.store.outboxPut({ ...entry, lastError: 'PROOF_INVALID' });
    return 'pending';
  }
  await ctx.store.outboxPut({ ...entry, state: 'included', lastError: null, inclusion: status.inclusion });
  return 'included';
}

export async function flushOutbox(ctx: ClientContext, opts: CallOptions = {}): Promise<FlushResult> {
  const result: FlushResult = { sent: 0, included: 0, failed: 0, retrying: 0, nextAttemptAt: null };
  const start = await ctx.store.outboxList(['queued', 'sent']);
  let offline = false;
  for (const entry of start.filter((e) => e.state === 'queued')) {
    if (offline || entry.nextAttemptAt > ctx.now()) continue;
    const outcome = await send(ctx, entry, opts.signal);
    if (outcome === 'offline') {
      offline = true; // one network failure: the rest would fail too; they keep their schedule
      result.retrying++;
    } else result[outcome]++;
  }
  for (const entry of start.filter((e) => e.state === 'sent')) {
    if (offline) break;
    try {
      const polled = await poll(ctx, entry, opts.signal);
      if (polled === 'included') result.included++;
      else if (polled === 'failed') result.failed++;
    } catch (e) {
      if (!isTransient(e)) throw e;
      offline = true;
    }
  }
  for (const e of await ctx.store.outboxList(['queued'])) {
    if (result.nextAttemptAt === null || e.nextAttemptAt < result.nextAttemptAt) result.nextAttemptAt = e.nextAttemptAt;
  }
  return result;
}

export async function waitForInclusion(ctx: ClientContext, flush: (o: CallOptions) => Promise<FlushResult>, id: string, opts: WaitOptions = {}): Promise<InclusionProof> {
  const deadline = opts.timeoutMs === undefined ? Infinity : ctx.now() + opts.timeoutMs;
  for (;;) {
    let entry = await ctx.store.outboxGet(id);
    if (!entry) throw new LedgerError('NOT_FOUND', `no outbox entry ${id}`);
    if (entry.state === 'queued' || entry.state === 'sent') {
      try {
        await flush({ signal: opts.signal });
      } catch (e) {
        if (!isTransient(e)) throw e;
      }
      entry = (await ctx.store.outboxGet(id)) ?? entry;
    }
    if (entry.state === 'included' && entry.inclusion) return entry.inclusion;
    if (entry.state === 'failed') {
      // A 422 carries the ledger's reason code; 400/413 only a status.
      const reason = entry.lastError && !entry.lastError.startsWith('HTTP_') ? (entry.lastError as LedgerReason) : undefined;
      throw new LedgerError('REJECTED', `record ${id} refused: ${entry.lastError}`, { reason });
    }
    if (ctx.now() >= deadline) throw new LedgerError('NETWORK', `record ${id} not included within ${opts.timeoutMs} ms`);
    await sleep(opts.intervalMs ?? 1000, opts.signal);
  }
}

export async function retry(ctx: ClientContext, id: string): Promise<void> {
  const entry = await ctx.store.outboxGet(id);
  if (!entry) throw new LedgerError('NOT_FOUND', `no outbox entry ${id}`);
  if (entry.state === 'failed' || entry.state === 'queued') {
    await ctx.store.outboxPut({ ...entry, state: 'queued', nextAttemptAt: ctx.now(), lastError: null });
  }
}
