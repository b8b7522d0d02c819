// The trust policy and the signed policy (docs/FORMAT.md §5): round trips at every size the
// limits allow, and the checks that keep a policy safe to act on (strict-majority threshold,
// distinct keys, known permissions, an alphanumeric-mode URL base, positive freshness limits).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as arb from '../../../test/fuzz/arbitraries';
import { TestNetwork } from '../../../test/fixtures/network';
import { codeOf, leb128, padVarintAt, replaceAt, replaceText } from '../../../test/fuzz/mutate';
import { concatBytes, utf8 } from '../bytes';
import { LIMITS } from './limits';
import { checkCodeBaseUrl, decodePolicy, decodeSignedPolicy, encodePolicy, encodeSignedPolicy } from './policy';
import type { TrustPolicy } from './types';

const net = new TestNetwork();
const policy = net.policy;
const key = (n: number): Uint8Array => new Uint8Array(32).fill(n);
const sig = (n: number): Uint8Array => new Uint8Array(64).fill(n);

/** Every list full, every name 64 bytes, the URL base 96 characters: the largest valid policy. */
function largestPolicy(): TrustPolicy {
  const name = '市场'.repeat(10) + 'xxxx'; // 64 bytes
  return {
    sequence: Number.MAX_SAFE_INTEGER,
    chainId: 'c'.repeat(32),
    genesisHash: key(0xee),
    validators: Array.from({ length: LIMITS.validators }, (_, i) => ({ publicKey: key(i), name })),
    threshold: LIMITS.validators,
    issuers: Array.from({ length: LIMITS.issuers }, (_, i) => ({ publicKey: key(100 + i), name, permissions: 3 })),
    codeBaseUrl: 'HTTPS://' + 'A'.repeat(LIMITS.codeBaseUrlBytes - 8),
    maxHeaderAgeSeconds: Number.MAX_SAFE_INTEGER,
    maxRevocationAgeSeconds: Number.MAX_SAFE_INTEGER,
    maxCodeAgeSeconds: Number.MAX_SAFE_INTEGER,
    maxProduceAgeSeconds: Number.MAX_SAFE_INTEGER,
    maxPolicyAgeSeconds: Number.MAX_SAFE_INTEGER,
    utcOffsetMinutes: 840,
  };
}

describe('round trip', () => {
  it('decode(encode(p)) equals p for policies with Chinese names, 1-32 validators, 0-64 issuers', () => {
    fc.assert(
      fc.property(arb.policy, (p) => {
        expect(decodePolicy(encodePolicy(p))).toEqual(p);
      }),
      { numRuns: 60 },
    );
  });

  it('the test network\'s policy starts with version 2 and round trips', () => {
    expect(net.policyBytes[0]).toBe(2);
    expect(decodePolicy(net.policyBytes)).toEqual(policy);
  });

  it('the largest valid policy round trips, alone and signed by 32 validators', () => {
    const p = largestPolicy();
    const body = encodePolicy(p);
    expect(body.length).toBe(9574 + 8 + 8 + 2);
    expect(body.length).toBeLessThanOrEqual(LIMITS.policyBytes);
    expect(decodePolicy(body)).toEqual(p);
    const signatures = p.validators.map((v, i) => ({ publicKey: v.publicKey, signature: sig(i) }));
    const signed = encodeSignedPolicy({ body, signatures });
    expect(decodeSignedPolicy(signed)).toEqual({ body, signatures });
  });

  it('signed policy: varint body length ‖ body ‖ varint count ‖ (key ‖ signature)*', () => {
    fc.assert(
      fc.property(arb.policy, arb.signatures, (p, signatures) => {
        const body = encodePolicy(p);
        const bytes = encodeSignedPolicy({ body, signatures });
        const parts = signatures.flatMap((s) => [s.publicKey, s.signature]);
        expect(bytes).toEqual(concatBytes(leb128(body.length), body, leb128(signatures.length), ...parts));
        expect(decodeSignedPolicy(bytes)).toEqual({ body, signatures });
      }),
      { numRuns: 30 },
    );
  });
});

describe('what a policy must satisfy (writer and reader alike)', () => {
  const both = (p: TrustPolicy, bytes: Uint8Array): [string, string] => [codeOf(() => encodePolicy(p)), codeOf(() => decodePolicy(bytes))];
  const body = net.policyBytes;
  // Offsets in the test network's policy: version, sequence, chain id, genesis hash, validator count.
  const validatorsAt = 1 + 1 + 1 + utf8(policy.chainId).length + 32;
  const thresholdAt = validatorsAt + 1 + policy.validators.reduce((n, v) => n + 32 + 1 + utf8(v.name).length, 0);
  // The tail after the URL: maxHeader, maxRevocation, maxCode, maxProduce (3 bytes each for the
  // test network's 1 d, 1 d, 7 d, 36 h), maxPolicy (4 bytes for 30 d), utcOffset + 720 (2 bytes).
  const tail = [
    leb128(policy.maxHeaderAgeSeconds),
    leb128(policy.maxRevocationAgeSeconds),
    leb128(policy.maxCodeAgeSeconds),
    leb128(policy.maxProduceAgeSeconds),
    leb128(policy.maxPolicyAgeSeconds),
    leb128(policy.utcOffsetMinutes + 720),
  ];
  const tailAt = body.length - tail.reduce((n, t) => n + t.length, 0);
  const fieldAt = (i: number): number => tailAt + tail.slice(0, i).reduce((n, t) => n + t.length, 0);

  it('the threshold is a strict majority of the validators and at most their number', () => {
    expect(body[thresholdAt]).toBe(2);
    expect(both({ ...policy, threshold: 1 }, replaceAt(body, thresholdAt, 1, Uint8Array.of(1)))).toEqual(['BAD_VALUE', 'BAD_VALUE']);
    expect(both({ ...policy, threshold: 4 }, replaceAt(body, thresholdAt, 1, Uint8Array.of(4)))).toEqual(['BAD_VALUE', 'BAD_VALUE']);
    expect(codeOf(() => decodePolicy(replaceAt(body, thresholdAt, 1, Uint8Array.of(33))))).toBe('LIMIT_EXCEEDED');
    // 2 of 4 could sign a fork with two disjoint pairs: refused.
    const four = { ...policy, validators: [...policy.validators, { publicKey: key(7), name: '第四方' }] };
    expect(codeOf(() => encodePolicy({ ...four, threshold: 2 }))).toBe('BAD_VALUE');
    expect(codeOf(() => encodePolicy({ ...four, threshold: 3 }))).toBe('OK');
  });

  it('a key listed twice, or as validator and issuer, is BAD_VALUE', () => {
    const v0 = policy.validators[0]!;
    const twice = { ...policy, validators: [...policy.validators, { ...v0, name: '重复' }] };
    const asIssuer = { ...policy, issuers: [...policy.issuers, { publicKey: v0.publicKey, name: '兼任', permissions: 1 }] };
    expect(codeOf(() => encodePolicy(twice))).toBe('BAD_VALUE');
    expect(codeOf(() => encodePolicy(asIssuer))).toBe('BAD_VALUE');
    // The same bytes smuggled past the writer: the second validator's key replaced by the first's.
    const secondKeyAt = validatorsAt + 1 + 32 + 1 + utf8(v0.name).length;
    expect(codeOf(() => decodePolicy(replaceAt(body, secondKeyAt, 32, v0.publicKey)))).toBe('BAD_VALUE');
  });

  it('issuer permissions must be a non-empty subset of {registration, credential}', () => {
    for (const permissions of [0, 4, 255]) {
      expect(codeOf(() => encodePolicy({ ...policy, issuers: [{ ...policy.issuers[0]!, permissions }] }))).toBe('BAD_VALUE');
    }
    const lastIssuer = policy.issuers[policy.issuers.length - 1]!;
    const permAt = tailAt - (1 + policy.codeBaseUrl.length) - 1; // before the URL and the limits
    expect(body[permAt]).toBe(lastIssuer.permissions);
    expect(codeOf(() => decodePolicy(replaceAt(body, permAt, 1, Uint8Array.of(4))))).toBe('BAD_VALUE');
  });

  it('format 2 ends: URL ‖ maxHeader ‖ maxRevocation ‖ maxCode ‖ maxProduce ‖ maxPolicy ‖ varint(utcOffsetMinutes + 720)', () => {
    expect(body.subarray(tailAt)).toEqual(concatBytes(...tail));
    expect(policy.utcOffsetMinutes).toBe(480);
    expect(body.subarray(fieldAt(5))).toEqual(Uint8Array.of(0xb0, 0x09)); // 1200
  });

  it('freshness limits must be positive, the produce and policy limits included', () => {
    for (const field of ['maxHeaderAgeSeconds', 'maxRevocationAgeSeconds', 'maxCodeAgeSeconds', 'maxProduceAgeSeconds', 'maxPolicyAgeSeconds'] as const) {
      expect(codeOf(() => encodePolicy({ ...policy, [field]: 0 }))).toBe('BAD_VALUE');
    }
    for (let i = 0; i < 5; i++) expect(codeOf(() => decodePolicy(replaceAt(body, fieldAt(i), tail[i]!.length, Uint8Array.of(0))))).toBe('BAD_VALUE');
  });

  it('the UTC offset runs from −720 to +840 minutes (−12:00 to +14:00)', () => {
    for (const utcOffsetMinutes of [-720, -210, 0, 345, 480, 840]) {
      const p = { ...policy, utcOffsetMinutes };
      expect(decodePolicy(encodePolicy(p))).toEqual(p);
    }
    expect(encodePolicy({ ...policy, utcOffsetMinutes: -720 }).at(-1)).toBe(0);
    for (const utcOffsetMinutes of [-721, 841, 1.5, Number.NaN]) expect(codeOf(() => encodePolicy({ ...policy, utcOffsetMinutes }))).toBe('BAD_VALUE');
    // 841 + 720 = 1561 written by hand: the reader refuses it as over the field's range.
    expect(codeOf(() => decodePolicy(replaceAt(body, fieldAt(5), 2, leb128(1561))))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(() => decodePolicy(replaceAt(body, fieldAt(5), 2, leb128(1560))))).toBe('OK');
  });

  it('the chain id is 1-32 of [a-z0-9-], not starting with "-"', () => {
    for (const chainId of ['', 'Test-market', '-market', 'test market', '市场', 'x'.repeat(33)]) {
      expect(codeOf(() => encodePolicy({ ...policy, chainId }))).toBe('BAD_VALUE');
    }
    expect(codeOf(() => decodePolicy(replaceText(body, policy.chainId, utf8('Test-market'))))).toBe('BAD_VALUE');
    expect(codeOf(() => decodePolicy(replaceText(body, policy.chainId, utf8('x'.repeat(33)))))).toBe('LIMIT_EXCEEDED');
  });

  it.each([
    ['lower case', 'https://sanma.example'],
    ['trailing slash', 'HTTPS://SANMA.EXAMPLE/'],
    ['a query', 'HTTPS://SANMA.EXAMPLE/?A'],
    ['a fragment', 'HTTPS://SANMA.EXAMPLE#'],
    ['another scheme', 'FTP://SANMA.EXAMPLE'],
    ['a port of six digits', 'HTTPS://SANMA.EXAMPLE:443443'],
    ['97 characters', 'HTTPS://' + 'A'.repeat(89)],
  ])('a code base URL with %s is BAD_VALUE', (_, url) => {
    expect(codeOf(() => checkCodeBaseUrl(url))).toBe('BAD_VALUE');
    expect(codeOf(() => encodePolicy({ ...policy, codeBaseUrl: url }))).toBe('BAD_VALUE');
  });

  it('HTTP, ports and paths are allowed in the code base URL', () => {
    for (const url of ['HTTP://LOCALHOST:5173', 'HTTPS://SANMA.EXAMPLE/HZ/LJZ', 'HTTPS://192.168.1.10:8443']) expect(codeOf(() => checkCodeBaseUrl(url))).toBe('OK');
    expect(codeOf(() => decodePolicy(replaceText(body, policy.codeBaseUrl, utf8('https://sanma.example'))))).toBe('BAD_VALUE');
  });

  it('0 or 33 validators, 65 issuers are LIMIT_EXCEEDED', () => {
    expect(codeOf(() => encodePolicy({ ...policy, validators: [] }))).toBe('LIMIT_EXCEEDED');
    const many = largestPolicy();
    expect(codeOf(() => encodePolicy({ ...many, validators: [...many.validators, { publicKey: key(99), name: 'x' }] }))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(() => encodePolicy({ ...many, issuers: [...many.issuers, { publicKey: key(250), name: 'x', permissions: 1 }] }))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(() => decodePolicy(replaceAt(body, validatorsAt, 1, Uint8Array.of(0))))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(() => decodePolicy(replaceAt(body, validatorsAt, 1, Uint8Array.of(33))))).toBe('LIMIT_EXCEEDED');
  });

  it('unknown version, truncation, trailing bytes and padded varints are refused', () => {
    for (const v of [0, 1, 3]) expect(codeOf(() => decodePolicy(replaceAt(body, 0, 1, Uint8Array.of(v))))).toBe('BAD_VERSION');
    // A version-1 policy as it was: it ended after maxCodeAgeSeconds.
    expect(codeOf(() => decodePolicy(replaceAt(body.subarray(0, fieldAt(3)), 0, 1, Uint8Array.of(1))))).toBe('BAD_VERSION');
    for (let n = 0; n < body.length; n++) expect(codeOf(() => decodePolicy(body.subarray(0, n)))).toBe('TRUNCATED');
    expect(codeOf(() => decodePolicy(concatBytes(body, Uint8Array.of(0))))).toBe('TRAILING_BYTES');
    expect(codeOf(() => decodePolicy(padVarintAt(body, 1)))).toBe('NON_CANONICAL');
  });
});

describe('signed policy strictness', () => {
  const body = net.policyBytes;
  const one = [{ publicKey: key(1), signature: sig(1) }];

  it('a body that is not a valid policy is refused even inside a signed policy', () => {
    const bad = replaceAt(body, 0, 1, Uint8Array.of(9));
    const bytes = concatBytes(leb128(bad.length), bad, Uint8Array.of(0));
    expect(codeOf(() => decodeSignedPolicy(bytes))).toBe('BAD_VERSION');
  });

  it('33 signatures are LIMIT_EXCEEDED; a cut signature TRUNCATED; an extra byte TRAILING_BYTES', () => {
    const bytes = encodeSignedPolicy({ body, signatures: one });
    expect(codeOf(() => decodeSignedPolicy(bytes.subarray(0, bytes.length - 1)))).toBe('TRUNCATED');
    expect(codeOf(() => decodeSignedPolicy(concatBytes(bytes, Uint8Array.of(0))))).toBe('TRAILING_BYTES');
    const countAt = bytes.length - 97;
    expect(codeOf(() => decodeSignedPolicy(replaceAt(bytes, countAt, 1, Uint8Array.of(33))))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(() => encodeSignedPolicy({ body, signatures: Array(33).fill(one[0]) }))).toBe('LIMIT_EXCEEDED');
  });
});
