// Issue 3, reliability (2), n = 3, k = 2: one validator down → blocks keep coming; two down → no
// new blocks, but submissions are still accepted and kept; blocks resume when one returns; a
// validator that missed blocks catches up (verifying each block's quorum) and signs again.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordIdHex } from '../records';
import { TestNetwork, waitFor } from '../testing/network';

describe('validators going down and coming back (n = 3, k = 2)', () => {
  let net: TestNetwork;
  let serial = 0;

  const submitBatch = async (n: number) => {
    const records = Array.from({ length: n }, () => net.credential(serial++));
    for (const r of records) expect((await net.client.submit(r)).httpStatus).toBe(202);
    return records;
  };
  const health = () => net.client.health();

  beforeAll(async () => {
    net = await TestNetwork.create({ blockIntervalMs: 200 });
  });
  afterAll(async () => {
    await net?.close();
  });

  it('keeps producing blocks with one validator down', async () => {
    await net.stopValidator(3);
    const before = (await health()).tip.height;
    const records = await submitBatch(10);
    await waitFor('records included', async () => (await health()).pending === 0);
    expect((await health()).tip.height).toBeGreaterThan(before);
    for (const r of records) expect((await net.client.record(recordIdHex(r))).status).toBe('included');
  });

  it('with two down: no new blocks, submissions still accepted and kept; blocks resume when one returns', async () => {
    await net.stopValidator(2);
    const tip = (await health()).tip.height;
    const records = await submitBatch(10);
    await new Promise((r) => setTimeout(r, 1500)); // 7 block intervals
    const stalled = await health();
    expect(stalled.tip.height).toBe(tip);
    expect(stalled.pending).toBe(10);
    for (const r of records) expect((await net.client.record(recordIdHex(r))).status).toBe('pending');
    expect(stalled.validators.filter((v) => v.reachable)).toHaveLength(1);

    await net.startValidator(2);
    await waitFor('blocks to resume', async () => (await health()).pending === 0);
    expect((await health()).tip.height).toBeGreaterThan(tip);
    for (const r of records) expect((await net.client.record(recordIdHex(r))).status).toBe('included');
  });

  it('a validator that missed blocks catches up and then signs new ones', async () => {
    await net.startValidator(3);
    const ledgerTip = (await health()).tip;
    await waitFor('validator 3 to catch up', async () => {
      const h = (await (await fetch(`${net.validatorUrls[2]}/v1/health`)).json()) as { tip: { height: number; hash: string } };
      return h.tip.height >= ledgerTip.height && h.tip.hash === ledgerTip.hash;
    });
    // Validator 1 down: every new block now needs validator 3's signature.
    await net.stopValidator(1);
    const records = await submitBatch(3);
    await waitFor('records included with validators 2 and 3', async () => (await health()).pending === 0);
    const { ids } = await net.verifyChain();
    for (const r of records) expect(ids.has(recordIdHex(r))).toBe(true);
    expect(ids.size).toBe(serial);
  });
});
