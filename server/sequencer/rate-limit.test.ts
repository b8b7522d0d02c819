// Rate limits on POST /v1/records against a real sequencer with low limits: an issuer over its
// allowance gets 429 with Retry-After and gets in after waiting it; another key is not held up;
// records forged in an issuer's name use up the sender's address, never the issuer's allowance.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeSignedRecord, publicKeyFromSecret, sha256, utf8, type SignedRecord } from '../../src/core';
import { signRecord } from '../records';
import { TestNetwork } from '../testing/network';
import { parseRateLimits } from './rate-limit';

describe('POST /v1/records rate limits (key=1/3, ip=1/4)', () => {
  let net: TestNetwork;
  let serial = 0;
  beforeAll(async () => {
    net = await TestNetwork.create({ blockIntervalMs: 200, ledgerArgs: ['--rate-limit', 'key=1/3,ip=1/4'] });
  });
  afterAll(async () => {
    await net?.close();
  });

  const post = (record: SignedRecord, from?: string) =>
    fetch(`${net.ledgerUrl}/v1/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', ...(from ? { 'x-forwarded-for': from } : {}) },
      body: new Uint8Array(encodeSignedRecord(record)),
    });

  const registration = (n: number) => {
    const office = net.dir.marketOfficeKey();
    return signRecord(
      {
        kind: 'stall-registration',
        issuer: office.publicKey,
        issuedAt: Date.now(),
        stallNo: `R-${n}`,
        stallName: `限流测试${n}`,
        vendorKey: publicKeyFromSecret(sha256(utf8(`rate-vendor/${n}`))),
        supersedes: null,
        channels: [{ type: 'url', label: '聚合支付', value: `https://pay.example.invalid/s/${n}` }],
      },
      office.secretKey,
    );
  };

  it('answers 429 with Retry-After once an issuer used its burst, lets it in after the wait, and does not hold up another key', async () => {
    for (let i = 0; i < 3; i++) expect((await post(net.credential(serial++), '10.0.0.1')).status).toBe(202);
    const limited = await post(net.credential(serial++), '10.0.0.1');
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: 'RATE_LIMITED' });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);

    expect((await post(registration(1), '10.0.0.1')).status).toBe(202);

    await new Promise((r) => setTimeout(r, retryAfter * 1000));
    expect((await post(net.credential(serial++), '10.0.0.1')).status).toBe(202);
  });

  it('charges forged records to the sender’s address, not to the issuer they name', async () => {
    await new Promise((r) => setTimeout(r, 3000)); // the issuer's bucket refills
    const forged = (n: number) => ({ ...net.credential(1000 + n), signature: new Uint8Array(64).fill(7) });
    for (let i = 0; i < 4; i++) expect((await post(forged(i), '10.0.0.66')).status).toBe(422);
    const blocked = await post(net.credential(serial++), '10.0.0.66');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    // The health authority, from its own address, still has its whole allowance.
    for (let i = 0; i < 3; i++) expect((await post(net.credential(serial++), '10.0.0.2')).status).toBe(202);
  });
});

describe('parseRateLimits', () => {
  it('reads key=RATE/BURST,ip=RATE/BURST, keeps defaults for a part left out, and names a wrong part', () => {
    expect(parseRateLimits('key=5/20,ip=0.5/10')).toEqual({ key: { ratePerSecond: 5, burst: 20 }, address: { ratePerSecond: 0.5, burst: 10 } });
    expect(parseRateLimits('ip=1/2').key).toEqual({ ratePerSecond: 200, burst: 5000 });
    expect(() => parseRateLimits('key=5')).toThrow(/key=5/);
    expect(() => parseRateLimits('key=0/5')).toThrow(RangeError);
  });
});
