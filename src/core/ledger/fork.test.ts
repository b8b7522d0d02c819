// Fork evidence (docs/DESIGN.md §3, docs/FORMAT.md §10): two different quorum-signed headers at one height
// prove that validators signed conflicting histories. The evidence names the validators who signed
// both, survives an encode/decode round trip, and anything that is not a proven fork is refused.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TestNetwork, seededKey } from '../../../test/fixtures/network';
import { fuzzRuns } from '../../../test/fuzz/arbitraries';
import { codeOf, mutated, replaceAt } from '../../../test/fuzz/mutate';
import { concatBytes } from '../bytes';
import { signFor } from '../crypto';
import { CoreError } from '../errors';
import type { Bytes, SignedHeader } from '../codec/types';
import { buildBlock } from './block';
import { decodeForkEvidence, detectFork, encodeForkEvidence } from './fork';

const net = new TestNetwork();
net.seal([net.sign(net.credential(seededKey('fork-vendor')), net.healthAuthority.secretKey)]);
const [v0, v1, v2] = [net.validators[0]!, net.validators[1]!, net.validators[2]!];
type Validator = typeof v0;

/** A block at the next height with this record, signed by `signers`: one side of a fork. */
function sideOfFork(name: string, signers: Validator[], chainId = net.chainId): SignedHeader {
  const record = net.sign(net.credential(seededKey(name)), net.healthAuthority.secretKey);
  const built = buildBlock(chainId, net.tip, [record], net.now() + 2000);
  const header = built.headerBytes;
  return { header, signatures: signers.map((v) => ({ publicKey: v.publicKey, signature: signFor('header', v.secretKey, header) })) };
}
const keysOf = (vs: Validator[]): Bytes[] => vs.map((v) => v.publicKey);

describe('detectFork', () => {
  it('two quorum-signed headers at one height are a fork; the validator who signed both is named', () => {
    const a = sideOfFork('fork-a', [v0, v1]);
    const b = sideOfFork('fork-b', [v1, v2]);
    const e = detectFork(a, b, net.policy);
    expect(e).toEqual({ chainId: net.chainId, height: 2, a, b, equivocators: keysOf([v1]) });
  });

  it('when all three signed both, all three are named', () => {
    const a = sideOfFork('fork-c', [v0, v1, v2]);
    const b = sideOfFork('fork-d', [v2, v1, v0]);
    expect(detectFork(a, b, net.policy)?.equivocators).toEqual(keysOf([v0, v1, v2]));
  });

  it('the same header twice is not a fork, whoever signed it', () => {
    const a = sideOfFork('fork-e', [v0, v1]);
    expect(detectFork(a, { ...a, signatures: [...a.signatures].reverse() }, net.policy)).toBeNull();
  });

  it('different heights are not a fork', () => {
    const next = net.blocks[0]!.signed;
    expect(detectFork(sideOfFork('fork-f', [v0, v1]), next, net.policy)).toBeNull();
  });

  it('a side without a quorum is not a fork (anyone can write an unsigned header)', () => {
    expect(detectFork(sideOfFork('fork-g', [v0, v1]), sideOfFork('fork-h', [v2]), net.policy)).toBeNull();
  });

  it('a side with a forged signature is not a fork', () => {
    const b = sideOfFork('fork-i', [v1, v2]);
    const forged = { ...b, signatures: [b.signatures[0]!, { publicKey: v2.publicKey, signature: b.signatures[0]!.signature }] };
    expect(detectFork(sideOfFork('fork-j', [v0, v1]), forged, net.policy)).toBeNull();
  });

  it('headers of another chain are not a fork of ours', () => {
    expect(detectFork(sideOfFork('fork-k', [v0, v1], 'other-market'), sideOfFork('fork-l', [v1, v2], 'other-market'), net.policy)).toBeNull();
  });
});

describe('fork evidence bytes', () => {
  const a = sideOfFork('ev-a', [v0, v1]);
  const b = sideOfFork('ev-b', [v1, v2]);
  const evidence = detectFork(a, b, net.policy)!;
  const bytes = encodeForkEvidence(evidence);

  it('round trips and is re-checked against the policy on decoding', () => {
    expect(bytes[0]).toBe(1);
    expect(decodeForkEvidence(bytes, net.policy)).toEqual(evidence);
  });

  it('evidence that is not a proven fork is BAD_VALUE', () => {
    const same = encodeForkEvidence({ ...evidence, b: a });
    expect(codeOf(() => decodeForkEvidence(same, net.policy))).toBe('BAD_VALUE');
    const weak = encodeForkEvidence({ ...evidence, b: { ...b, signatures: b.signatures.slice(0, 1) } });
    expect(codeOf(() => decodeForkEvidence(weak, net.policy))).toBe('BAD_VALUE');
    // Under a policy whose validators are different keys, the signatures do not count.
    const otherPolicy = { ...net.policy, validators: [{ publicKey: seededKey('x').publicKey, name: 'x' }], threshold: 1 };
    expect(codeOf(() => decodeForkEvidence(bytes, otherPolicy))).toBe('BAD_VALUE');
  });

  it('an unknown version, cut or extended bytes are refused with their codes', () => {
    expect(codeOf(() => decodeForkEvidence(replaceAt(bytes, 0, 1, Uint8Array.of(2)), net.policy))).toBe('BAD_VERSION');
    expect(codeOf(() => decodeForkEvidence(bytes.subarray(0, bytes.length - 1), net.policy))).toBe('TRUNCATED');
    expect(codeOf(() => decodeForkEvidence(concatBytes(bytes, Uint8Array.of(0)), net.policy))).toBe('TRAILING_BYTES');
  });
});

describe('decodeForkEvidence on hostile bytes', () => {
  it('damaged evidence gives a CoreError or evidence that re-encodes to the same bytes', () => {
    const a = sideOfFork('fz-a', [v0, v1]);
    const b = sideOfFork('fz-b', [v1, v2]);
    const bytes = encodeForkEvidence(detectFork(a, b, net.policy)!);
    fc.assert(
      fc.property(mutated(fc.constant(bytes)), (damaged) => {
        let e;
        try {
          e = decodeForkEvidence(damaged, net.policy);
        } catch (err) {
          expect(err).toBeInstanceOf(CoreError);
          return;
        }
        expect(encodeForkEvidence(e)).toEqual(damaged);
      }),
      { numRuns: fuzzRuns(200) },
    );
  });
});
