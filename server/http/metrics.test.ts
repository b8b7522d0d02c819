// GET /metrics on the real sequencer and validators: Prometheus text that parses, and counts
// that follow what was submitted (accepted, refused by reason, committed in a block, signed).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestNetwork, waitFor } from '../testing/network';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The Prometheus text exposition format (version 0.0.4), strictly: a line that is not a sample or a comment fails. */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$/.exec(line);
    if (!m) throw new Error(`not a Prometheus sample: ${JSON.stringify(line)}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

async function metrics(url: string): Promise<Sample[]> {
  const res = await fetch(`${url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await res.text());
}

function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

describe('GET /metrics', () => {
  let net: TestNetwork;
  beforeAll(async () => {
    net = await TestNetwork.create({ blockIntervalMs: 200 });
  });
  afterAll(async () => {
    await net?.close();
  });

  it('counts a submitted record from acceptance to its block, and a refused one by reason', async () => {
    const before = await metrics(net.ledgerUrl);
    expect(value(before, 'sanma_records_accepted_total')).toBe(0);
    expect(value(before, 'sanma_block_height')).toBe(0);

    expect((await net.client.submit(net.credential(1))).httpStatus).toBe(202);
    const bad = await fetch(`${net.ledgerUrl}/v1/records`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([1, 2, 3]) });
    expect(bad.status).toBe(400);
    await waitFor('the block', async () => (await net.client.health()).pending === 0);

    const after = await metrics(net.ledgerUrl);
    expect(value(after, 'sanma_records_accepted_total', { role: 'ledger' })).toBe(1);
    expect(value(after, 'sanma_records_refused_total', { reason: 'MALFORMED' })).toBe(1);
    expect(value(after, 'sanma_http_errors_total', { route: '/v1/records', status: '400', error: 'MALFORMED' })).toBe(1);
    expect(value(after, 'sanma_blocks_committed_total')).toBe(1);
    expect(value(after, 'sanma_block_height')).toBe(1);
    expect(value(after, 'sanma_records_pending')).toBe(0);
    expect(after.filter((s) => s.name === 'sanma_validator_up').map((s) => s.value)).toEqual([1, 1, 1]);
    expect(value(after, 'process_cpu_seconds_total')).toBeGreaterThan(0);

    const signed = await Promise.all(net.validatorUrls.map(async (u) => value(await metrics(u), 'sanma_proposals_answered_total', { role: 'validator', result: 'signed' }) ?? 0));
    expect(signed.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);
  });
});
