// Vendor status, app config and the verification context: hostile JSON is refused with
// BAD_RESPONSE; the context loads exactly what verifyStallCode needs.

import { describe, expect, it } from 'vitest';
import { toHex, verifyStallCode } from '../../core';
import { parseConfig, loadConfig } from './config';
import type { VendorStatus } from './contract';
import { enrolVendor, ledgerFixture } from './fixture.testing';
import { claimedHeight, loadVerificationContext } from './verification-context';
import { stallCodeFromInclusion } from './stall-code';

/** A record id as the ledger answers it (64 hex); which one does not matter here. */
const RECORD_ID = 'ab'.repeat(32);

describe('vendorStatus', () => {
  it('reads the ledger answer and refuses a wrong shape', async () => {
    const f = ledgerFixture();
    const key = toHex(new Uint8Array(32).fill(7));
    const status: VendorStatus = {
      stalls: [{ id: RECORD_ID, stallNo: 'A012', stallName: '张三蔬菜', channels: [{ type: 'url', label: '聚合支付', value: 'https://pay.example/x' }], height: 1, index: 0, revoked: false, current: true }],
      credentials: [{ id: RECORD_ID, height: 2, index: 0, validFrom: 1, validUntil: 2, revoked: false }],
    };
    f.fake.vendors.set(key, status);
    expect(await f.client.vendorStatus(key)).toEqual(status);
    f.fake.vendors.set(key, { ...status, stalls: [{ ...status.stalls[0]!, height: '1' }] } as never);
    await expect(f.client.vendorStatus(key)).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    // An answer of the previous format (no `current`) is refused, not read as "current".
    const oldStall: Record<string, unknown> = { ...status.stalls[0]! };
    delete oldStall.current;
    f.fake.vendors.set(key, { ...status, stalls: [oldStall] } as never);
    await expect(f.client.vendorStatus(key)).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    await expect(f.client.vendorStatus('XYZ')).rejects.toBeInstanceOf(TypeError);
  });
});

describe('config', () => {
  it('reads /sanma-config.json', async () => {
    const f = ledgerFixture();
    expect(await loadConfig({ fetch: f.fake.fetch })).toEqual({ ledgerUrl: 'http://ledger.invalid', demoVendors: false });
    expect(parseConfig({ ledgerUrl: 'http://127.0.0.1:8787/', demoVendors: true })).toEqual({ ledgerUrl: 'http://127.0.0.1:8787', demoVendors: true });
    expect(() => parseConfig({ ledgerUrl: 'javascript:alert(1)' })).toThrow(/BAD_RESPONSE/);
  });
});

describe('loadVerificationContext', () => {
  async function publishedCode() {
    const f = ledgerFixture();
    const { stallCode } = enrolVendor(f);
    const block = f.seal([stallCode()]);
    await f.client.syncPolicy();
    const inclusion = { height: block.built.header.height, index: 0, recordCount: 1, proof: block.built.tree.inclusionProof(0), body: block.records[0]!.body };
    const { text } = stallCodeFromInclusion(await f.client.policy(), inclusion);
    return { f, text, height: block.built.header.height };
  }

  it('needs a policy', async () => {
    const f = ledgerFixture();
    await expect(loadVerificationContext(f.store, 'x')).rejects.toMatchObject({ code: 'NO_POLICY' });
  });

  it('offline and not cached: the anchor is missing, the verdict amber', async () => {
    const { f, text, height } = await publishedCode();
    expect(claimedHeight(text)).toBe(height);
    const ctx = await loadVerificationContext(f.store, text);
    expect(ctx.headers.has(height)).toBe(false);
    expect(verifyStallCode(text, ctx.trust, ctx.headers, f.clock.now).status).toBe('warning');
  });

  it('online: fetches the missing header alone and checks it', async () => {
    const { f, text, height } = await publishedCode();
    const ctx = await loadVerificationContext(f.store, text, { client: f.client });
    expect(ctx.headers.has(height)).toBe(true);
    const verdict = verifyStallCode(text, ctx.trust, ctx.headers, f.clock.now);
    expect(verdict.checks.find((c) => c.id === 'inclusion')?.status).toBe('pass');
  });

  it('a failed fetch is reported, not thrown', async () => {
    const { f, text } = await publishedCode();
    f.fake.fail(/headers/, 'network', 5);
    const ctx = await loadVerificationContext(f.store, text, { client: f.client });
    expect(ctx.headerFetchFailed).toBe(true);
  });

  it('any other text loads no headers', async () => {
    const { f } = await publishedCode();
    const ctx = await loadVerificationContext(f.store, 'https://example.com/x');
    expect(ctx.height).toBeNull();
  });
});
