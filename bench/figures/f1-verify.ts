// Figure 1: verify latency, QR text → verdict with the header cached, in Chromium. 1,000 distinct
// codes of the bench block (bench/fixture/stall-codes.ts); the page decodes policy and headers
// once (the app's cache), then times the core's verifyStallCode per code. Each run gives the
// median (and p99) of 1,000 codes; the row is median/min/max over the runs.

import { decodeHeader, decodePolicy, verifyStallCode, type BlockHeader, type TrustState } from '../../src/core';
import { benchStallCodes } from '../fixture/stall-codes';
import type { Figure } from '../lib/context';
import { measuredRow, medianOf, quantile, type BenchRow } from '../lib/row';

const CODES = 1000;
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

export const verifyLatency: Figure = {
  figure: 1,
  title: 'verify latency',
  timeoutMs: 120_000,
  async run(ctx) {
    const codes = benchStallCodes(CODES);
    const page = await ctx.page('verify-decode', 'sanmaBench');
    const result = await page.evaluate((req) => window.sanmaBench.verify(req), {
      texts: codes.texts,
      policyB64: b64(codes.policyBytes),
      headersB64: codes.headerBytes.map(b64),
      now: codes.now,
      runs: ctx.runs,
    });
    const statuses = Object.entries(result.statuses)
      .map(([s, n]) => `${n} ${s}`)
      .join(', ');
    const timer = result.crossOriginIsolated ? 'µs timer (cross-origin isolated)' : 'coarse 100 µs timer (page not cross-origin isolated)';
    const rows: BenchRow[] = [
      measuredRow(1, `verify, QR text → verdict, Chromium: median of ${CODES} codes`, 'ms', result.runs.map(medianOf), {
        target: { op: '<=', value: 1, text: '≤ 1 ms' },
        note: `verdicts: ${statuses}; ${timer}`,
      }),
      measuredRow(1, `verify, Chromium: p99 of ${CODES} codes`, 'ms', result.runs.map((ms) => quantile([...ms].sort((a, b) => a - b), 0.99))),
      measuredRow(1, 'verify, Node (same code, for comparison): median', 'ms', nodeRuns(codes, ctx.runs)),
    ];
    return rows;
  },
};

function nodeRuns(codes: ReturnType<typeof benchStallCodes>, runs: number): number[] {
  const policy = decodePolicy(codes.policyBytes);
  const cache = new Map<number, BlockHeader>();
  for (const bytes of codes.headerBytes) {
    const h = decodeHeader(bytes);
    cache.set(h.height, h);
  }
  const headers = { get: (height: number) => cache.get(height) };
  const tip = decodeHeader(codes.headerBytes[codes.headerBytes.length - 1]!);
  const trust: TrustState = {
    policy,
    revoked: new Map(),
    revocationCount: tip.revocationCount,
    revocationsSyncedAt: codes.now,
    revocationsRefused: null,
    headersSyncedAt: codes.now,
    headersTip: { height: tip.height, revocationCount: tip.revocationCount },
    policyFetchedAt: codes.now,
    forkHeights: [],
  };
  for (const text of codes.texts) verifyStallCode(text, trust, headers, codes.now);
  const medians: number[] = [];
  for (let r = 0; r < runs; r++) {
    const ms: number[] = [];
    for (const text of codes.texts) {
      const t0 = performance.now();
      verifyStallCode(text, trust, headers, codes.now);
      ms.push(performance.now() - t0);
    }
    medians.push(medianOf(ms));
  }
  return medians;
}
