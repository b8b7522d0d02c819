// Issue 3, reliability (1): kill -9 the sequencer while records are being submitted, at several
// points. After each restart no record that got a 202 is lost, the chain continues from its tip,
// and every block still verifies (header chain + quorum, with the core).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestNetwork, waitFor } from '../testing/network';
import { headerHash, toHex } from '../../src/core';
import { recordIdHex } from '../records';

describe('sequencer killed with SIGKILL during submissions', () => {
  let net: TestNetwork;

  beforeAll(async () => {
    net = await TestNetwork.create({ blockIntervalMs: 200 });
  });
  afterAll(async () => {
    await net?.close();
  });

  it('keeps every accepted record, continues the chain from its tip, and every block verifies', async () => {
    const N = 160;
    const records = Array.from({ length: N }, (_, i) => net.credential(i));
    const accepted = new Set<string>();
    let cursor = 0;

    // Six concurrent submitters; a record is retried until the ledger answers 202 or 200 (while
    // the sequencer is down the connection is refused).
    const submitter = async () => {
      for (;;) {
        const i = cursor++;
        if (i >= N) return;
        for (;;) {
          try {
            const a = await net.client.submit(records[i]!);
            if (a.httpStatus === 202 || a.httpStatus === 200) {
              accepted.add(a.id!);
              break;
            }
            throw new Error(`unexpected answer ${a.httpStatus} ${a.error}`);
          } catch (e) {
            if ((e as Error).message.startsWith('unexpected')) throw e;
            await new Promise((r) => setTimeout(r, 30));
          }
        }
      }
    };

    const kills: { at: number; tipBefore: number; tipAfter: number }[] = [];
    const killer = async () => {
      for (const at of [25, 75, 125]) {
        await waitFor(`${at} accepted records`, async () => accepted.size >= at, 60_000, 5);
        const tipBefore = (await net.client.health()).tip.height;
        await net.killLedger();
        await net.startLedger();
        const tipAfter = (await net.client.health()).tip.height;
        kills.push({ at, tipBefore, tipAfter });
      }
    };

    await Promise.all([...Array.from({ length: 6 }, submitter), killer()]);
    expect(kills).toHaveLength(3);
    for (const k of kills) expect(k.tipAfter, `chain continues from its tip after the kill at ${k.at}`).toBeGreaterThanOrEqual(k.tipBefore);
    expect(accepted.size).toBe(N);

    await waitFor('every accepted record in a block', async () => (await net.client.health()).pending === 0, 60_000, 100);
    const { tip, ids } = await net.verifyChain();
    for (const id of accepted) expect(ids.has(id), `accepted record ${id} is in a block`).toBe(true);
    for (const r of records) expect(ids.has(recordIdHex(r))).toBe(true);
    expect(ids.size).toBe(N);
    expect(tip).toBeGreaterThan(kills[kills.length - 1]!.tipBefore);
  }, 120_000);

  it('re-proposes the persisted header after a crash between a validator signing and finalisation', async () => {
    // Only validator 1 is up: it signs the proposal, no quorum is possible, the sequencer dies.
    await net.stopValidator(2);
    await net.stopValidator(3);
    const tip = (await net.client.health()).tip.height;
    const records = Array.from({ length: 5 }, (_, i) => net.credential(1000 + i));
    // Submitted together, so they are normally queued before the first block is cut; one that
    // arrives after the cut waits for the next block (the proposal is already persisted).
    for (const a of await Promise.all(records.map((r) => net.client.submit(r)))) expect(a.httpStatus).toBe(202);
    const v1 = async () => (await fetch(`${net.validatorUrls[0]}/v1/health`)).json() as Promise<{ lastSigned: { height: number; hash: string } | null }>;
    const signed = await waitFor('validator 1 to sign the proposal', async () => {
      const h = await v1();
      return h.lastSigned && h.lastSigned.height === tip + 1 ? h.lastSigned : null;
    });
    await net.killLedger();

    // Back with a quorum: the same header must be proposed again, or validator 1 would refuse it
    // (it never signs two headers at one height) and the block would need the other two alone.
    await Promise.all([net.startValidator(2), net.startValidator(3)]);
    await net.startLedger();
    await waitFor('the block to be finalised', async () => (await net.client.health()).pending === 0);
    const header = await net.client.header(tip + 1);
    expect(toHex(headerHash(header.header))).toBe(signed.hash);
    expect(header.signatures.length).toBeGreaterThanOrEqual(2);
    const { ids } = await net.verifyChain();
    for (const r of records) expect([tip + 1, tip + 2]).toContain(ids.get(recordIdHex(r)));
    expect(records.some((r) => ids.get(recordIdHex(r)) === tip + 1)).toBe(true);
    expect(net.output.join('\n')).not.toContain('DOUBLE_SIGN_REFUSED');
  }, 60_000);
});
