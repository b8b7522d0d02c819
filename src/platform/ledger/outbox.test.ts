// The outbox: stored first, sent when online, retried with backoff, refused for good on 4xx,
// polled until included, the proof checked; then the printed code verifies green offline.

import { describe, expect, it, vi } from 'vitest';
import { recordId, toHex, verifyStallCode } from '../../core';
import { CERTIFICATE } from '../../../test/fixtures/network';
import { backoffDelay } from './outbox';
import { enrolVendor, ledgerFixture } from './fixture.testing';
import { loadVerificationContext } from './verification-context';
import { stallCodeFromInclusion } from './stall-code';

async function vendorSetup(opts: Parameters<typeof ledgerFixture>[0] = {}) {
  const f = ledgerFixture(opts);
  const v = enrolVendor(f);
  await f.client.syncPolicy();
  return { f, ...v };
}

describe('outbox', () => {
  it('stores a record while offline and sends nothing', async () => {
    const { f, stallCode } = await vendorSetup();
    f.connectivity.online = false;
    const record = stallCode();
    const entry = await f.client.submit(record);
    expect(entry).toMatchObject({ id: toHex(recordId(record.body)), kind: 'stall-code', state: 'queued', attempts: 0 });
    expect(f.fake.requests.filter((r) => r.startsWith('POST'))).toEqual([]);
    // Submitting the same record again keeps one entry.
    await f.client.submit(record);
    expect(await f.store.outboxList()).toHaveLength(1);
  });

  it('publishes: sent, sealed, included with a checked proof, and the code verifies green offline', async () => {
    const { f, stallCode } = await vendorSetup();
    f.connectivity.online = false;
    const { id } = await f.client.submit(stallCode());
    f.connectivity.online = true;
    expect(await f.client.flushOutbox()).toMatchObject({ sent: 1, included: 0, failed: 0, retrying: 0 });
    expect((await f.store.outboxGet(id))?.state).toBe('sent');
    const block = f.sealPending();
    const inclusion = await f.client.waitForInclusion(id, { intervalMs: 1 });
    expect(inclusion).toMatchObject({ height: block.built.header.height, index: 0, recordCount: 1 });
    expect((await f.store.outboxGet(id))?.state).toBe('included');

    const { text } = stallCodeFromInclusion(await f.client.policy(), inclusion);
    await f.client.syncHeaders();
    await f.client.syncRevocations();
    const ctx = await loadVerificationContext(f.store, text);
    expect(ctx.height).toBe(block.built.header.height);
    const verdict = verifyStallCode(text, ctx.trust, ctx.headers, f.clock.now);
    expect(verdict.status).toBe('verified');
  });

  it('answers an already included record with its proof on submit (idempotent POST)', async () => {
    const { f, stallCode } = await vendorSetup();
    const record = stallCode();
    f.seal([record]);
    const { id } = await f.client.submit(record);
    await vi.waitFor(async () => expect((await f.store.outboxGet(id))?.state).toBe('included'));
  });

  it('fails for good on 422 and keeps the reason code', async () => {
    const { f, stallCode } = await vendorSetup({ validate: () => 'PAYMENT_NOT_REGISTERED' });
    f.connectivity.online = false;
    const { id } = await f.client.submit(stallCode());
    expect(await f.client.flushOutbox()).toMatchObject({ failed: 1 });
    expect(await f.store.outboxGet(id)).toMatchObject({ state: 'failed', lastError: 'PAYMENT_NOT_REGISTERED', attempts: 1 });
    await expect(f.client.waitForInclusion(id)).rejects.toMatchObject({ code: 'REJECTED', reason: 'PAYMENT_NOT_REGISTERED' });
    // Not retried by itself:
    f.fake.requests.length = 0;
    await f.client.flushOutbox();
    expect(f.fake.requests).toEqual([]);
  });

  it('retries network errors and 5xx with exponential backoff and jitter', async () => {
    const { f, stallCode } = await vendorSetup();
    f.connectivity.online = false;
    const { id } = await f.client.submit(stallCode());
    f.fake.fail(/\/v1\/records$/, 503);
    const t0 = f.clock.now;
    expect(await f.client.flushOutbox()).toMatchObject({ retrying: 1, nextAttemptAt: t0 + backoffDelay(1, { baseMs: 20, maxMs: 1_000 }, () => 0.5) });
    expect(await f.store.outboxGet(id)).toMatchObject({ state: 'queued', attempts: 1, lastError: 'HTTP_503' });

    // Not due yet: nothing is sent.
    f.fake.requests.length = 0;
    await f.client.flushOutbox();
    expect(f.fake.requests).toEqual([]);

    f.clock.now += 1_000;
    f.fake.fail(/\/v1\/records$/, 'network');
    await f.client.flushOutbox();
    expect(await f.store.outboxGet(id)).toMatchObject({ state: 'queued', attempts: 2, lastError: 'NETWORK' });

    f.clock.now += 1_000;
    expect(await f.client.flushOutbox()).toMatchObject({ sent: 1 });
  });

  it('never marks a record included on a forged proof', async () => {
    const { f, stallCode } = await vendorSetup();
    const { createLedgerClient } = await import('./client');
    const forging: typeof fetch = async (input, init) => {
      const res = await f.fake.fetch(input, init);
      if (!/\/v1\/records\/[0-9a-f]{64}$/.test(String(input))) return res;
      const body = (await res.json()) as { status: string; proof?: string[] };
      if (body.proof?.[0]) body.proof[0] = (body.proof[0][0] === '0' ? '1' : '0') + body.proof[0].slice(1);
      return new Response(JSON.stringify(body), { status: res.status });
    };
    const client = createLedgerClient({ ledgerUrl: 'http://ledger.invalid', store: f.store, fetch: forging, now: () => f.clock.now, isOnline: () => false });
    const record = stallCode();
    const { id } = await client.submit(record);
    await client.flushOutbox();
    f.seal([...f.fake.takePending(), f.net.sign(f.net.credential(f.net.validators[0]!, undefined, { ...CERTIFICATE, name: '李四', number: 'other' }), f.net.healthAuthority.secretKey)]);
    await client.flushOutbox();
    expect(await f.store.outboxGet(id)).toMatchObject({ state: 'sent', lastError: 'PROOF_INVALID' });
  });

  it('backoff doubles, is capped and jittered', () => {
    const b = { baseMs: 1_000, maxMs: 8_000 };
    expect([1, 2, 3, 4, 5, 9].map((n) => backoffDelay(n, b, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    expect(backoffDelay(3, b, () => 0)).toBe(2_000);
  });

  it('re-queues a sent record the ledger has forgotten (404)', async () => {
    const { f, stallCode } = await vendorSetup();
    const { id } = await f.client.submit(stallCode());
    await vi.waitFor(async () => expect((await f.store.outboxGet(id))?.state).toBe('sent'));
    f.fake.pending.clear();
    await f.client.flushOutbox();
    expect(await f.store.outboxGet(id)).toMatchObject({ state: 'queued', lastError: 'NOT_FOUND' });
  });

  it('flushes when the browser comes back online', async () => {
    const { f, stallCode } = await vendorSetup();
    const events = new EventTarget();
    f.connectivity.online = false;
    const { id } = await f.client.submit(stallCode());
    const stop = f.client.watchConnectivity(events);
    f.connectivity.online = true;
    events.dispatchEvent(new Event('online'));
    await vi.waitFor(async () => expect((await f.store.outboxGet(id))?.state).toBe('sent'));
    stop();
  });

  it('retry() puts a failed entry back in the queue', async () => {
    const { f, stallCode } = await vendorSetup({ validate: () => 'STALL_NOT_REGISTERED' });
    f.connectivity.online = false;
    const { id } = await f.client.submit(stallCode());
    await f.client.flushOutbox();
    await f.client.retry(id);
    expect(await f.store.outboxGet(id)).toMatchObject({ state: 'queued', lastError: null });
  });

  it('waitForInclusion stops on abort and on an unknown id', async () => {
    const { f, stallCode } = await vendorSetup();
    const { id } = await f.client.submit(stallCode());
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 20);
    await expect(f.client.waitForInclusion(id, { intervalMs: 5, signal: ctrl.signal })).rejects.toMatchObject({ code: 'ABORTED' });
    await expect(f.client.waitForInclusion('00'.repeat(32))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
