// Figure 7: ledger reads at 100 concurrent connections, autocannon against the real processes
// (`sanma start`: sequencer + 3 validators + the app origin, demo market seeded): GET proof
// (/v1/records/:id of an included demo stall code) and GET headers (/v1/headers?from=1&limit=…,
// the light client's sync page). Requests/s and latency p99 per run. autocannon runs in this
// process, on the same machine as the service: on a small machine it competes for the CPU.

import autocannon from 'autocannon';
import type { Figure } from '../lib/context';
import { measuredRow, notMeasuredRow, type BenchRow } from '../lib/row';
import { runningSystem, systemMissing } from '../lib/system';

const CONNECTIONS = 100;
const WARM_UP_S = 2;
const RUN_S = 3;
const TARGET = 'p99 ≤ 20 ms';

async function measure(url: string, runs: number): Promise<{ rps: number[]; p99: number[]; p50: number[]; failures: number }> {
  await autocannon({ url, connections: CONNECTIONS, duration: WARM_UP_S });
  const out = { rps: [] as number[], p99: [] as number[], p50: [] as number[], failures: 0 };
  for (let r = 0; r < runs; r++) {
    const res = await autocannon({ url, connections: CONNECTIONS, duration: RUN_S });
    out.rps.push(res.requests.average);
    out.p99.push(res.latency.p99);
    out.p50.push(res.latency.p50);
    out.failures += res.errors + res.timeouts + res.non2xx;
  }
  return out;
}

export const ledgerReads: Figure = {
  figure: 7,
  title: 'ledger reads',
  timeoutMs: 240_000,
  async run(ctx) {
    const missing = systemMissing(ctx.root);
    if (missing) {
      return [notMeasuredRow(7, `GET proof, ${CONNECTIONS} connections`, missing, TARGET), notMeasuredRow(7, `GET headers, ${CONNECTIONS} connections`, missing, TARGET)];
    }
    const system = await runningSystem(ctx);
    const code = system.codes.find((c) => c.id);
    const health = (await (await fetch(`${system.ledgerUrl}/v1/health`)).json()) as { tip?: number | { height?: number } };
    const tip = typeof health.tip === 'number' ? health.tip : (health.tip?.height ?? 0);
    const rows: BenchRow[] = [];
    const targets = [
      code
        ? { name: 'GET proof (/v1/records/:id)', url: `${system.ledgerUrl}/v1/records/${code.id}`, note: `an included demo stall code (block ${code.height})` }
        : { name: 'GET proof (/v1/records/:id)', url: null, note: 'no demo code with a record id in demo/codes.json' },
      tip > 0
        ? { name: 'GET headers (/v1/headers?from=1)', url: `${system.ledgerUrl}/v1/headers?from=1&limit=${Math.min(tip, 5000)}`, note: `${Math.min(tip, 5000)} headers per page (the demo ledger's tip is ${tip})` }
        : { name: 'GET headers (/v1/headers?from=1)', url: null, note: 'the ledger has no blocks (/v1/health tip)' },
    ];
    for (const t of targets) {
      if (!t.url) {
        rows.push(notMeasuredRow(7, `${t.name}, ${CONNECTIONS} connections`, t.note, TARGET));
        continue;
      }
      const probe = await fetch(t.url);
      if (!probe.ok) {
        rows.push(notMeasuredRow(7, `${t.name}, ${CONNECTIONS} connections`, `${t.url} answered HTTP ${probe.status}`, TARGET));
        continue;
      }
      const m = await measure(t.url, ctx.runs);
      const failures = m.failures ? `; ${m.failures} failed/non-2xx responses` : '';
      rows.push(
        measuredRow(7, `${t.name}, ${CONNECTIONS} connections: throughput`, 'req/s', m.rps, { note: `${t.note}; ${RUN_S} s per run${failures}` }),
        measuredRow(7, `${t.name}, ${CONNECTIONS} connections: latency p50`, 'ms', m.p50),
        measuredRow(7, `${t.name}, ${CONNECTIONS} connections: latency p99`, 'ms', m.p99, { target: { op: '<=', value: 20, text: '≤ 20 ms' } }),
      );
    }
    return rows;
  },
};
