// Issue 3, reliability (4): malformed input at every endpoint of the sequencer and a validator.
// Only 4xx answers, the processes stay up, nothing is stored. Inputs are hostile by design:
// random bytes, truncations and bit flips of valid encodings, arbitrary JSON, wrong media types,
// oversized bodies, garbage path and query parameters, unknown routes and methods.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeSignedRecord, toHex } from '../../src/core';
import { DirectChain } from '../testing/direct-chain';
import { TestNetwork, waitFor } from '../testing/network';

const SEED = 20261123;

interface Probe {
  method: string;
  path: string;
  body?: Uint8Array | string;
  contentType?: string;
  headers?: Record<string, string>;
}

describe('fuzzing every endpoint with malformed input', () => {
  let net: TestNetwork;
  let token: string;
  let baseline: { records: number; pending: number; tip: number; lastSigned: unknown };

  const snapshot = async () => {
    const h = await net.client.health();
    const v = (await (await fetch(`${net.validatorUrls[0]}/v1/health`)).json()) as { lastSigned: unknown };
    return { records: h.records, pending: h.pending, tip: h.tip.height, lastSigned: v.lastSigned };
  };

  const send = async (base: string, p: Probe): Promise<number> => {
    const headers: Record<string, string> = { ...(p.headers ?? {}) };
    if (p.contentType !== undefined) headers['content-type'] = p.contentType;
    const res = await fetch(`${base}${p.path}`, {
      method: p.method,
      headers,
      ...(p.body !== undefined ? { body: typeof p.body === 'string' ? p.body : new Uint8Array(p.body) } : {}),
    });
    await res.arrayBuffer();
    return res.status;
  };

  const expectAll4xx = async (base: string, probes: Probe[]) => {
    const failures: string[] = [];
    // A few at a time: enough concurrency to matter, not so much that the test measures the OS.
    for (let i = 0; i < probes.length; i += 8) {
      const statuses = await Promise.all(probes.slice(i, i + 8).map((p) => send(base, p)));
      statuses.forEach((s, j) => {
        if (s < 400 || s > 499) {
          const p = probes[i + j]!;
          failures.push(`${p.method} ${p.path.slice(0, 80)} (${p.contentType ?? '-'}, ${typeof p.body === 'string' ? p.body.slice(0, 60) : p.body ? toHex(p.body.slice(0, 30)) : ''}) → ${s}`);
        }
      });
    }
    expect(failures).toEqual([]);
  };

  beforeAll(async () => {
    net = await TestNetwork.create({ blockIntervalMs: 200 });
    token = new DirectChain(net.dir, net.policy).token;
    // Something on the ledger, so lookups have data to trip over.
    for (let i = 0; i < 3; i++) expect((await net.client.submit(net.credential(i))).httpStatus).toBe(202);
    await waitFor('seed records included', async () => (await net.client.health()).pending === 0);
    baseline = await snapshot();
  });
  afterAll(async () => {
    await net?.close();
  });

  it('POST /v1/records: random, truncated, bit-flipped, oversized, mistyped and JSON garbage → 4xx', async () => {
    const valid = encodeSignedRecord(net.credential(99));
    const probes: Probe[] = [];
    const bin = (body: Uint8Array | string, contentType = 'application/octet-stream'): Probe => ({ method: 'POST', path: '/v1/records', body, contentType });
    for (const b of fc.sample(fc.uint8Array({ maxLength: 700 }), { numRuns: 120, seed: SEED })) probes.push(bin(b));
    for (let n = 0; n < valid.length; n += 5) probes.push(bin(valid.slice(0, n)));
    probes.push(bin(new Uint8Array([...valid, 0])));
    for (const [pos, bit] of fc.sample(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.nat({ max: 7 })), { numRuns: 80, seed: SEED })) {
      const flipped = valid.slice();
      flipped[pos]! ^= 1 << bit;
      probes.push(bin(flipped));
    }
    probes.push(bin(new Uint8Array(17 * 1024)), bin(new Uint8Array(1024 * 1024)));
    for (const v of fc.sample(fc.jsonValue(), { numRuns: 120, seed: SEED })) probes.push(bin(JSON.stringify(v), 'application/json'));
    const hex = toHex(valid);
    for (const body of [
      '',
      '{',
      '{"body": "zz", "signature": "00"}',
      `{"body": "${hex.toUpperCase()}", "signature": "${'AB'.repeat(64)}"}`,
      `{"body": "${hex.slice(0, 40)}", "signature": "${'ab'.repeat(64)}"}`,
      `{"body": ["${hex}"], "signature": null}`,
      '{"__proto__": {"polluted": true}, "body": "00", "signature": "00"}',
      '{"constructor": {"prototype": {"x": 1}}}',
      `{"body": "${'00'.repeat(9000)}", "signature": "${'00'.repeat(64)}"}`,
      '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
      '"\\ud800"',
      'null',
      '12345678901234567890',
    ]) {
      probes.push(bin(body, 'application/json'));
    }
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'image/png', '', 'octet-stream', 'application/octet']) {
      probes.push(bin(valid, contentType));
    }
    probes.push({ method: 'POST', path: '/v1/records', body: valid });
    await expectAll4xx(net.ledgerUrl, probes);
  });

  it('GET endpoints: garbage ids, heights, keys and queries → 4xx', async () => {
    const junk = fc.sample(
      fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom('-1', '1.5', '1e3', '0x10', '9'.repeat(30), ' 1', '%00', '..', 'latest%2F..')),
      { numRuns: 80, seed: SEED },
    ).filter((s) => !/^[0-9]{1,5}$/.test(s) && s !== 'latest' && s !== '');
    const enc = encodeURIComponent;
    const probes: Probe[] = [];
    for (const j of junk) {
      probes.push(
        { method: 'GET', path: `/v1/records/${enc(j)}` },
        { method: 'GET', path: `/v1/headers/${enc(j)}` },
        { method: 'GET', path: `/v1/blocks/${enc(j)}` },
        { method: 'GET', path: `/v1/vendors/${enc(j)}` },
        { method: 'GET', path: `/v1/headers?from=${enc(j)}&limit=10` },
        { method: 'GET', path: `/v1/headers?from=1&limit=${enc(j)}` },
        { method: 'GET', path: `/v1/revocations?since=${enc(j)}` },
      );
    }
    probes.push(
      { method: 'GET', path: `/v1/records/${'0'.repeat(64)}` },
      { method: 'GET', path: `/v1/records/${'0'.repeat(63)}` },
      { method: 'GET', path: '/v1/headers' },
      { method: 'GET', path: '/v1/headers?from=1&limit=0' },
      { method: 'GET', path: '/v1/headers?from=1&limit=10001' },
      { method: 'GET', path: '/v1/headers?from=1&from=2&limit=3' },
      { method: 'GET', path: '/v1/headers/999999' },
      { method: 'GET', path: '/v1/blocks/999999' },
      { method: 'GET', path: '/v1/records/%' },
      { method: 'GET', path: '/v1/%zz' },
      { method: 'GET', path: `/v1/records/${'a'.repeat(10_000)}` },
      { method: 'GET', path: '/v1/nothing' },
      { method: 'PUT', path: '/v1/records', body: 'x', contentType: 'application/octet-stream' },
      { method: 'DELETE', path: '/v1/headers/1' },
      { method: 'PATCH', path: '/v1/policy', body: '{}', contentType: 'application/json' },
      { method: 'POST', path: '/v1/headers/latest', body: '{}', contentType: 'application/json' },
      { method: 'POST', path: '/v1/health' },
    );
    await expectAll4xx(net.ledgerUrl, probes);
  });

  it('validator POST /v1/propose: no or wrong token, random and truncated proposals → 4xx', async () => {
    const chain = new DirectChain(net.dir, net.policy);
    const proposal = chain.proposal([net.credential(500)]).bytes;
    const auth = { authorization: `Bearer ${token}` };
    const probes: Probe[] = [
      { method: 'POST', path: '/v1/propose', body: proposal, contentType: 'application/octet-stream' },
      { method: 'POST', path: '/v1/propose', body: proposal, contentType: 'application/octet-stream', headers: { authorization: `Bearer ${'0'.repeat(64)}` } },
      { method: 'POST', path: '/v1/propose', body: proposal, contentType: 'application/octet-stream', headers: { authorization: token } },
      { method: 'POST', path: '/v1/propose', body: '{}', contentType: 'application/json', headers: auth },
      { method: 'POST', path: '/v1/propose', body: 'x', contentType: 'text/plain', headers: auth },
      { method: 'GET', path: '/v1/propose' },
      { method: 'GET', path: '/v1/blocks/1' },
    ];
    for (const b of fc.sample(fc.uint8Array({ maxLength: 2000 }), { numRuns: 100, seed: SEED })) {
      probes.push({ method: 'POST', path: '/v1/propose', body: b, contentType: 'application/octet-stream', headers: auth });
    }
    for (let n = 0; n < proposal.length; n += 11) probes.push({ method: 'POST', path: '/v1/propose', body: proposal.slice(0, n), contentType: 'application/octet-stream', headers: auth });
    probes.push({ method: 'POST', path: '/v1/propose', body: new Uint8Array([...proposal, 7]), contentType: 'application/octet-stream', headers: auth });
    await expectAll4xx(net.validatorUrls[0]!, probes);
  });

  it('every process is still up and nothing was stored', async () => {
    for (const p of [net.ledger!, ...net.validators]) expect(p!.proc.exitCode).toBeNull();
    for (const url of [net.ledgerUrl, ...net.validatorUrls]) expect((await fetch(`${url}/v1/health`)).status).toBe(200);
    expect(await snapshot()).toEqual(baseline);
    expect(net.output.filter((l) => l.includes('unexpected error'))).toEqual([]);
  });
});
