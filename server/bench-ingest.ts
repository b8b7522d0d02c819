// Ingest benchmark (docs/SCALING.md): a real network on loopback — the sequencer and 3 validator
// processes (2 of 3 sign), each with its own SQLite file — and N pre-signed health credentials
// submitted over HTTP. Measures records/s from the first submission to the last inclusion, the
// 202 rate, and submit → included latency (submission start → the block holding the record is
// seen by a client polling the tip every 10 ms, so latencies include up to ~10 ms of polling).
//
//   node --import tsx server/bench-ingest.ts [--records N] [--concurrency C] [--interval MS] [--rate R]
//
// --rate paces submissions (open loop) to measure latency at a given load; without it the
// submitters go as fast as the ledger answers (closed loop), which measures the maximum rate.

import { cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { recordId, signFor, encodeRecord, sha256, toHex, utf8, type HealthCredential, type SignedRecord } from '../src/core';
import { TestNetwork } from './testing/network';

export interface IngestBenchOptions {
  records?: number;
  concurrency?: number;
  blockIntervalMs?: number;
  /** Submissions per second (open loop); omit for as fast as possible. */
  ratePerSecond?: number;
  log?: (line: string) => void;
}

export interface IngestBenchResult {
  records: number;
  validators: number;
  threshold: number;
  blockIntervalMs: number;
  concurrency: number;
  ratePerSecond: number | null;
  /** Records per second, first submission → last record included in a quorum-signed block. */
  recordsPerSecond: number;
  /** 202s per second while submitting. */
  acceptedPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  blocks: number;
  meanRecordsPerBlock: number;
  seconds: number;
  machine: { cpus: number; model: string; node: string };
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export async function runIngestBench(opts: IngestBenchOptions = {}): Promise<IngestBenchResult> {
  const n = opts.records ?? 2000;
  const concurrency = opts.concurrency ?? 32;
  const blockIntervalMs = opts.blockIntervalMs ?? 200;
  const log = opts.log ?? (() => undefined);
  const net = await TestNetwork.create({ blockIntervalMs });
  try {
    log(`network up: sequencer + 3 validators, block interval ${blockIntervalMs} ms; signing ${n} records`);
    const health = net.healthAuthority;
    const now = Date.now();
    const records: SignedRecord[] = [];
    for (let i = 0; i < n; i++) {
      const c: HealthCredential = {
        kind: 'health-credential',
        issuer: health.publicKey,
        issuedAt: now,
        vendorKey: sha256(utf8(`bench-vendor/${i}`)), // any 32 bytes: the rules do not decode it
        holder: sha256(utf8(`bench-holder/${i}`)),
        validFrom: now - 86_400_000,
        validUntil: now + 365 * 86_400_000,
      };
      const body = encodeRecord(c);
      records.push({ body, signature: signFor('record/health-credential', health.secretKey, body) });
    }
    const ids = records.map((r) => toHex(recordId(r.body)));
    const submittedAt = new Map<string, number>();
    const includedAt = new Map<string, number>();
    let lastAccepted = 0;

    // Observer: the tip, polled; each new block's records marked included when it is seen.
    let observing = true;
    let seenHeight = (await net.client.health()).tip.height;
    const startHeight = seenHeight;
    const observer = (async () => {
      while (observing) {
        try {
          const res = await fetch(`${net.ledgerUrl}/v1/headers/latest`, { headers: { accept: 'application/json' } });
          const tip = ((await res.json()) as { height: number }).height;
          const t = performance.now();
          for (let h = seenHeight + 1; h <= tip; h++) {
            const block = await net.client.block(h);
            for (const r of block.records) includedAt.set(toHex(recordId(r.body)), t);
          }
          seenHeight = tip;
        } catch {
          // keep polling
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    })();

    log(`submitting (${opts.ratePerSecond ? `${opts.ratePerSecond}/s` : `closed loop, ${concurrency} concurrent`})`);
    const t0 = performance.now();
    let cursor = 0;
    const worker = async () => {
      for (;;) {
        const i = cursor++;
        if (i >= n) return;
        if (opts.ratePerSecond) {
          const due = t0 + (i * 1000) / opts.ratePerSecond;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        }
        submittedAt.set(ids[i]!, performance.now());
        const a = await net.client.submit(records[i]!);
        if (a.httpStatus !== 202 && a.httpStatus !== 200) throw new Error(`record ${i}: HTTP ${a.httpStatus} ${a.error}`);
        lastAccepted = performance.now();
      }
    };
    await Promise.all(Array.from({ length: opts.ratePerSecond ? Math.max(concurrency, 64) : concurrency }, worker));
    const deadline = Date.now() + 300_000;
    while (includedAt.size < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    observing = false;
    await observer;
    if (includedAt.size < n) throw new Error(`only ${includedAt.size} of ${n} records were included`);

    const latencies = ids.map((id) => includedAt.get(id)! - submittedAt.get(id)!).sort((a, b) => a - b);
    const end = Math.max(...includedAt.values());
    const blocks = seenHeight - startHeight;
    const cpu = cpus();
    const seconds = (end - t0) / 1000;
    return {
      records: n,
      validators: net.policy.validators.length,
      threshold: net.policy.threshold,
      blockIntervalMs,
      concurrency,
      ratePerSecond: opts.ratePerSecond ?? null,
      recordsPerSecond: Math.round(n / seconds),
      acceptedPerSecond: Math.round(n / ((lastAccepted - t0) / 1000)),
      p50Ms: Math.round(quantile(latencies, 0.5)),
      p99Ms: Math.round(quantile(latencies, 0.99)),
      maxMs: Math.round(latencies[latencies.length - 1]!),
      blocks,
      meanRecordsPerBlock: Math.round(n / Math.max(1, blocks)),
      seconds: Math.round(seconds * 10) / 10,
      machine: { cpus: cpu.length, model: cpu[0]?.model ?? 'unknown', node: process.version },
    };
  } finally {
    await net.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { records: { type: 'string' }, concurrency: { type: 'string' }, interval: { type: 'string' }, rate: { type: 'string' } },
  });
  const result = await runIngestBench({
    records: values.records ? Number(values.records) : undefined,
    concurrency: values.concurrency ? Number(values.concurrency) : undefined,
    blockIntervalMs: values.interval ? Number(values.interval) : undefined,
    ratePerSecond: values.rate ? Number(values.rate) : undefined,
    log: (l) => console.error(l),
  });
  console.log(JSON.stringify(result, null, 2));
}
