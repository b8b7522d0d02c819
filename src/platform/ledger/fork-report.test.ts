// The fork report a phone hands the market office: the JSON carries every byte needed to re-check
// the fork with nothing but the policy, and the QR text carries the evidence itself (or, without
// both quorums, the two header hashes).

import { describe, expect, it } from 'vitest';
import { decodeBase32, decodeForkEvidence, fromHex, toHex } from '../../core';
import type { StoredForkEvidence } from '../store/contract';
import { ledgerFixture } from './fixture.testing';
import { forkReportJson, forkReportQrText, forkSides } from './fork-report';
import { syntheticHeaders } from './synthetic-chain';

/** A real fork found by header sync: blocks 8–10 replaced by another quorum-signed history. */
async function detectedFork() {
  const f = ledgerFixture();
  const chain = syntheticHeaders(f.net.chainId, f.net.tip, 10, { seed: 'a' });
  f.fake.pushSynthetic(chain);
  await f.client.syncPolicy();
  await f.client.syncHeaders();
  const other = syntheticHeaders(f.net.chainId, { height: 7, hash: chain[6]!.hash, time: chain[6]!.header.time }, 3, { seed: 'b', blockMs: 3000 });
  f.fake.truncate(7);
  f.fake.pushSynthetic(other);
  await expect(f.client.syncHeaders()).rejects.toMatchObject({ code: 'FORK_DETECTED', height: 10 });
  const [evidence] = await f.store.listForkEvidence();
  return { f, evidence: evidence!, ours: chain[9]!, theirs: other[2]!, policy: await f.client.policy() };
}

/** The characters of the QR alphanumeric mode: the denser mode, as for stall codes. */
const QR_ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]+$/;

describe('fork report', () => {
  it('names both sides by hash, time and record count', async () => {
    const { evidence, ours, theirs } = await detectedFork();
    expect(forkSides(evidence)).toEqual({
      ours: { hash: toHex(ours.hash), time: ours.header.time, recordCount: ours.header.recordCount },
      theirs: { hash: toHex(theirs.hash), time: theirs.header.time, recordCount: theirs.header.recordCount },
    });
    expect(forkSides(evidence).ours.hash).not.toBe(forkSides(evidence).theirs.hash);
  });

  it('JSON: both hashes and every byte as hex, enough to re-check the fork with the policy alone', async () => {
    const { evidence, ours, theirs, policy } = await detectedFork();
    const report = JSON.parse(forkReportJson(evidence)) as Record<string, unknown> & { ours: { hash: string }; theirs: { hash: string } };
    expect(report).toMatchObject({
      sanmaForkReport: 1,
      chainId: 'test-market',
      height: 10,
      detectedAt: new Date(evidence.detectedAt).toISOString(),
      source: 'http://ledger.invalid',
      oursHeader: toHex(ours.bytes),
      theirsHeader: toHex(theirs.bytes),
    });
    expect(report.ours.hash).toBe(toHex(ours.hash));
    expect(report.theirs.hash).toBe(toHex(theirs.hash));
    for (const field of ['evidence', 'oursHeader', 'theirsHeader', 'theirsSignedBy'] as const) expect(report[field], field).toMatch(/^([0-9a-f]{2})+$/);
    expect(report.evidence).toBe(toHex(evidence.evidence!));
    expect(report.theirsSignedBy).toBe(toHex(evidence.theirsSignedBy));
    expect(report.oursSignedBy).toBe(evidence.oursSignedBy ? toHex(evidence.oursSignedBy) : null);
    // Whoever receives the file re-checks it: both headers signed by a quorum of the policy's validators.
    const proven = decodeForkEvidence(fromHex(report.evidence as string), policy);
    expect(proven.height).toBe(10);
    expect(proven.equivocators).toHaveLength(3);
  });

  it('QR text: "SANMA-FORK:" and the evidence bytes in base32, in QR alphanumeric characters', async () => {
    const { evidence, policy } = await detectedFork();
    const text = forkReportQrText(evidence);
    expect(text.startsWith('SANMA-FORK:')).toBe(true);
    expect(text).toMatch(QR_ALPHANUMERIC);
    const bytes = decodeBase32(text.slice('SANMA-FORK:'.length));
    expect(bytes).toEqual(evidence.evidence);
    expect(decodeForkEvidence(bytes, policy).height).toBe(10);
  });

  it('without both quorums: the JSON says so with nulls, the QR text names the height and both hashes', async () => {
    const { evidence, ours, theirs } = await detectedFork();
    const partial: StoredForkEvidence = { ...evidence, evidence: null, oursSignedBy: null };
    const report = JSON.parse(forkReportJson(partial)) as Record<string, unknown>;
    expect(report).toMatchObject({ evidence: null, oursSignedBy: null, oursHeader: toHex(ours.bytes), theirsHeader: toHex(theirs.bytes) });
    const text = forkReportQrText(partial);
    expect(text).toBe(`SANMA-FORK-HASHES:10:${toHex(ours.hash).toUpperCase()}:${toHex(theirs.hash).toUpperCase()}`);
    expect(text).toMatch(QR_ALPHANUMERIC);
  });
});
