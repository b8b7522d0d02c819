// Accepting a changed trust policy (docs/DESIGN.md §3): the app precaches a policy and replaces it only
// with a newer one for the same chain that a quorum of the CURRENT validators signed. Validator
// rotation works step by step; a policy signed only by the validators it introduces does not.

import { describe, expect, it } from 'vitest';
import { TestNetwork, seededKey, type KeyPair } from '../../../test/fixtures/network';
import { signFor } from '../crypto';
import { encodePolicy } from '../codec/policy';
import type { SignedPolicy, TrustPolicy } from '../codec/types';
import { acceptPolicyUpdate } from './policy-update';

const net = new TestNetwork();
const current = net.policy;
const [v0, v1, v2] = [net.validators[0]!, net.validators[1]!, net.validators[2]!];

function signedBy(policy: TrustPolicy, signers: KeyPair[], purpose: 'policy' | 'header' = 'policy'): SignedPolicy {
  const body = encodePolicy(policy);
  return { body, signatures: signers.map((s) => ({ publicKey: s.publicKey, signature: signFor(purpose, s.secretKey, body) })) };
}
const newOffice = seededKey('second-market-office');
const next: TrustPolicy = {
  ...current,
  sequence: 2,
  issuers: [...current.issuers, { publicKey: newOffice.publicKey, name: '第二农贸市场管理处', permissions: 1 }],
};

describe('acceptPolicyUpdate', () => {
  it('accepts a newer policy signed by a quorum of the current validators and returns it decoded', () => {
    expect(acceptPolicyUpdate(current, signedBy(next, [v0, v2]))).toEqual({ ok: true, policy: next });
  });

  it('one current validator is not enough: QUORUM_NOT_MET', () => {
    expect(acceptPolicyUpdate(current, signedBy(next, [v1]))).toEqual({ ok: false, reason: 'QUORUM_NOT_MET' });
  });

  it('a policy that replaces the validators, signed only by the new ones, is QUORUM_NOT_MET', () => {
    const usurpers = [seededKey('usurper-1'), seededKey('usurper-2'), seededKey('usurper-3')];
    const takeover = { ...next, validators: usurpers.map((u, i) => ({ publicKey: u.publicKey, name: `u${i}` })) };
    expect(acceptPolicyUpdate(current, signedBy(takeover, usurpers))).toEqual({ ok: false, reason: 'QUORUM_NOT_MET' });
  });

  it('rotation: the old quorum installs new validators, who then sign the next change', () => {
    const w = [v0, v1, seededKey('new-validator')];
    const rotated: TrustPolicy = { ...next, validators: w.map((k, i) => ({ publicKey: k.publicKey, name: `v${i}` })) };
    const step1 = acceptPolicyUpdate(current, signedBy(rotated, [v1, v2]));
    expect(step1.ok).toBe(true);
    const third = { ...rotated, sequence: 3, maxCodeAgeSeconds: 86_400 };
    expect(acceptPolicyUpdate(rotated, signedBy(third, [w[2]!, v0])).ok).toBe(true);
    // The retired validator v2 no longer counts.
    expect(acceptPolicyUpdate(rotated, signedBy(third, [v2, v0]))).toEqual({ ok: false, reason: 'QUORUM_NOT_MET' });
  });

  it('another chain is POLICY_WRONG_CHAIN', () => {
    expect(acceptPolicyUpdate(current, signedBy({ ...next, chainId: 'other-market' }, [v0, v1]))).toEqual({ ok: false, reason: 'POLICY_WRONG_CHAIN' });
  });

  it('the same or a lower sequence is POLICY_NOT_NEWER (no rollback to an older policy)', () => {
    expect(acceptPolicyUpdate(current, signedBy({ ...next, sequence: 1 }, [v0, v1]))).toEqual({ ok: false, reason: 'POLICY_NOT_NEWER' });
    expect(acceptPolicyUpdate(next, signedBy(current, [v0, v1]))).toEqual({ ok: false, reason: 'POLICY_NOT_NEWER' });
  });

  it('a body that is not a policy is POLICY_MALFORMED', () => {
    const good = signedBy(next, [v0, v1]);
    expect(acceptPolicyUpdate(current, { ...good, body: good.body.subarray(0, 20) })).toEqual({ ok: false, reason: 'POLICY_MALFORMED' });
    expect(acceptPolicyUpdate(current, { ...good, body: new Uint8Array(0) })).toEqual({ ok: false, reason: 'POLICY_MALFORMED' });
  });

  it('header signatures over the policy bytes, or a tampered body, are QUORUM_BAD_SIGNATURE', () => {
    expect(acceptPolicyUpdate(current, signedBy(next, [v0, v1], 'header'))).toEqual({ ok: false, reason: 'QUORUM_BAD_SIGNATURE' });
    const good = signedBy(next, [v0, v1]);
    const tampered = { ...good, body: encodePolicy({ ...next, maxHeaderAgeSeconds: 10 * 365 * 86_400 }) };
    expect(acceptPolicyUpdate(current, tampered)).toEqual({ ok: false, reason: 'QUORUM_BAD_SIGNATURE' });
  });
});
