// k-of-n quorum over signed headers and policies (docs/DESIGN.md §3): k distinct known validators must
// have signed for this purpose. An adversary who controls the network can add, repeat, reorder
// or forge signatures; none of that may make fewer than k honest signatures count as k.

import { describe, expect, it } from 'vitest';
import { TestNetwork, seededKey } from '../../../test/fixtures/network';
import { flipBit } from '../../../test/fuzz/mutate';
import { signFor } from '../crypto';
import type { HeaderSignature } from '../codec/types';
import { checkHeaderQuorum, checkQuorum } from './quorum';

const net = new TestNetwork(); // 2 of 3
const block = net.seal([net.sign(net.credential(seededKey('q-vendor')), net.healthAuthority.secretKey)]);
const header = block.built.headerBytes;
const [v0, v1, v2] = [net.validators[0]!, net.validators[1]!, net.validators[2]!];
const by = (v: { publicKey: Uint8Array; secretKey: Uint8Array }, body = header, purpose: 'header' | 'policy' = 'header'): HeaderSignature => ({
  publicKey: v.publicKey,
  signature: signFor(purpose, v.secretKey, body),
});
const stranger = seededKey('stranger');

describe('checkHeaderQuorum (2 of 3)', () => {
  it('two or three validators: ok, counting each', () => {
    expect(checkHeaderQuorum(header, [by(v0), by(v1)], net.policy)).toEqual({ ok: true, signers: 2 });
    expect(checkHeaderQuorum(header, [by(v2), by(v0), by(v1)], net.policy)).toEqual({ ok: true, signers: 3 });
  });

  it('one validator, or none, is QUORUM_NOT_MET', () => {
    expect(checkHeaderQuorum(header, [by(v1)], net.policy)).toEqual({ ok: false, reason: 'QUORUM_NOT_MET', signers: 1 });
    expect(checkHeaderQuorum(header, [], net.policy)).toEqual({ ok: false, reason: 'QUORUM_NOT_MET', signers: 0 });
  });

  it('the same validator twice counts once', () => {
    const s = by(v0);
    expect(checkHeaderQuorum(header, [s, s], net.policy)).toEqual({ ok: false, reason: 'QUORUM_NOT_MET', signers: 1 });
    expect(checkHeaderQuorum(header, [s, s, s, by(v1)], net.policy)).toEqual({ ok: true, signers: 2 });
  });

  it('signatures by unknown keys are ignored, valid or not: they neither count nor reject', () => {
    const unknownValid = by(stranger);
    const unknownGarbage = { publicKey: stranger.publicKey, signature: new Uint8Array(64).fill(7) };
    expect(checkHeaderQuorum(header, [by(v0), unknownValid], net.policy)).toEqual({ ok: false, reason: 'QUORUM_NOT_MET', signers: 1 });
    expect(checkHeaderQuorum(header, [unknownGarbage, by(v0), by(v1)], net.policy)).toEqual({ ok: true, signers: 2 });
  });

  it('a known validator\'s bad signature rejects the set even when a quorum of good ones is present', () => {
    const bad = { publicKey: v2.publicKey, signature: flipBit(by(v2).signature, 5) };
    expect(checkHeaderQuorum(header, [by(v0), by(v1), bad], net.policy)).toMatchObject({ ok: false, reason: 'QUORUM_BAD_SIGNATURE' });
    expect(checkHeaderQuorum(header, [bad, by(v0), by(v1)], net.policy)).toMatchObject({ ok: false, reason: 'QUORUM_BAD_SIGNATURE' });
  });

  it('a forged signature (a stranger\'s, under a validator\'s key) is QUORUM_BAD_SIGNATURE', () => {
    const forged = { publicKey: v1.publicKey, signature: by(stranger).signature };
    expect(checkHeaderQuorum(header, [by(v0), forged], net.policy)).toMatchObject({ ok: false, reason: 'QUORUM_BAD_SIGNATURE' });
  });

  it('a validator\'s signature over another header, or for another purpose, does not transfer', () => {
    const other = net.seal([net.sign(net.credential(seededKey('q-vendor-2')), net.healthAuthority.secretKey)]).built.headerBytes;
    expect(checkHeaderQuorum(header, [by(v0), by(v1, other)], net.policy)).toMatchObject({ ok: false, reason: 'QUORUM_BAD_SIGNATURE' });
    expect(checkHeaderQuorum(header, [by(v0), by(v1, header, 'policy')], net.policy)).toMatchObject({ ok: false, reason: 'QUORUM_BAD_SIGNATURE' });
  });
});

describe('checkQuorum with other thresholds', () => {
  it('3 of 3 needs all three; 1 of 1 needs the one', () => {
    const all = new TestNetwork({ threshold: 3 });
    expect(checkQuorum('header', header, [by(v0), by(v1)], all.policy.validators, 3)).toEqual({ ok: false, reason: 'QUORUM_NOT_MET', signers: 2 });
    expect(checkQuorum('header', header, [by(v0), by(v1), by(v2)], all.policy.validators, 3)).toEqual({ ok: true, signers: 3 });
    const only = [net.policy.validators[0]!];
    expect(checkQuorum('header', header, [by(v1), by(v2)], only, 1)).toEqual({ ok: false, reason: 'QUORUM_NOT_MET', signers: 0 });
  });

  it('policy signatures are checked with the policy purpose', () => {
    const body = net.policyBytes;
    expect(checkQuorum('policy', body, [by(v0, body, 'policy'), by(v1, body, 'policy')], net.policy.validators, 2)).toEqual({ ok: true, signers: 2 });
    expect(checkQuorum('policy', body, [by(v0, body, 'header'), by(v1, body, 'policy')], net.policy.validators, 2)).toMatchObject({ ok: false, reason: 'QUORUM_BAD_SIGNATURE' });
  });
});
