// createLedgerClient: the fetch-based LedgerClient (contract.ts), composed of one module per job.
// It owns the single-flight outbox flush and the connectivity watcher: a flush on every `online`
// event, and a timer for the next due retry or inclusion poll while there is work.

import type { SignedRecord } from '../../core';
import type { CallOptions, FlushResult, LedgerClient, LedgerClientOptions } from './contract';
import { policyFromStore, type ClientContext } from './context';
import { fetchHeader, syncHeaders } from './header-sync';
import { flushOutbox, retry, submit, waitForInclusion } from './outbox';
import { syncPolicy } from './policy-sync';
import { syncRevocations } from './revocation-sync';
import { vendorStatus } from './vendor-status';

/** How often sent records are polled for inclusion while watching connectivity. */
const POLL_SENT_MS = 3_000;

export function createLedgerClient(opts: LedgerClientOptions): LedgerClient {
  const ctx: ClientContext = {
    http: { fetch: opts.fetch ?? globalThis.fetch.bind(globalThis), timeoutMs: opts.timeoutMs ?? 15_000 },
    ledgerUrl: opts.ledgerUrl.replace(/\/+$/, ''),
    policyUrl: opts.policyUrl ?? '/policy.bin',
    store: opts.store,
    now: opts.now ?? Date.now,
    random: opts.random ?? Math.random,
    isOnline: opts.isOnline ?? (() => (typeof navigator === 'undefined' ? true : navigator.onLine !== false)),
    backoff: opts.backoff ?? { baseMs: 2_000, maxMs: 300_000 },
    policy: policyFromStore(opts.store),
  };

  let flushing: Promise<FlushResult> | null = null;
  const flush = (o: CallOptions = {}): Promise<FlushResult> => {
    flushing ??= flushOutbox(ctx, o).finally(() => (flushing = null));
    return flushing;
  };
  const afterFlush = new Set<() => void>();
  const backgroundFlush = () => {
    if (!ctx.isOnline()) return;
    flush()
      .catch(() => undefined) // the entries keep their state; the next trigger retries
      .finally(() => afterFlush.forEach((f) => f()));
  };

  return {
    ledgerUrl: ctx.ledgerUrl,
    syncPolicy: (o) => syncPolicy(ctx, o),
    policy: () => ctx.policy(),
    syncHeaders: (o) => syncHeaders(ctx, o),
    fetchHeader: (height, o) => fetchHeader(ctx, height, o),
    syncRevocations: (o) => syncRevocations(ctx, o),
    async submit(record: SignedRecord) {
      const entry = await submit(ctx, record);
      backgroundFlush();
      return entry;
    },
    flushOutbox: flush,
    waitForInclusion: (id, o) => waitForInclusion(ctx, flush, id, o),
    retry: async (id) => {
      await retry(ctx, id);
      backgroundFlush();
    },
    vendorStatus: (key, o) => vendorStatus(ctx, key, o),

    watchConnectivity(target: EventTarget = globalThis) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let stopped = false;
      const schedule = async () => {
        clearTimeout(timer);
        if (stopped || !ctx.isOnline()) return;
        const pending = await ctx.store.outboxList(['queued', 'sent']).catch(() => []);
        if (stopped || pending.length === 0) return;
        const now = ctx.now();
        const due = Math.min(...pending.map((e) => (e.state === 'sent' ? now + POLL_SENT_MS : e.nextAttemptAt)));
        timer = setTimeout(backgroundFlush, Math.max(0, due - now));
      };
      const onOnline = () => backgroundFlush();
      const onOffline = () => clearTimeout(timer);
      const onFlushed = () => void schedule();
      target.addEventListener('online', onOnline);
      target.addEventListener('offline', onOffline);
      afterFlush.add(onFlushed);
      backgroundFlush();
      return () => {
        stopped = true;
        clearTimeout(timer);
        target.removeEventListener('online', onOnline);
        target.removeEventListener('offline', onOffline);
        afterFlush.delete(onFlushed);
      };
    },
  };
}
