// verifyStallCode is called with whatever a camera decodes, so it must never throw: random text,
// text that looks like an EMV payment code, a Sanma URL with a random fragment, random base32, and
// damaged copies of a genuine code all give a verdict. A few thousand cases in `npm test`;
// SANMA_FUZZ_RUNS=100000 for a slow run.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns } from '../../../test/fuzz/arbitraries';
import { mutated } from '../../../test/fuzz/mutate';
import { typicalNetwork } from '../../../test/fixtures/network';
import { encodeBase32 } from '../base32';
import { stallCodeText } from '../codec/qrtext';
import { verifyStallCode } from './verify';

const { net, block, index } = typicalNetwork(4);
const { text, payload } = net.codeText(block, index);
const headers = { get: (h: number) => net.headers.get(h) };
const STATUSES = ['verified', 'warning', 'invalid', 'unknown-market', 'not-sanma'];

function neverThrows(input: fc.Arbitrary<string>, runs = fuzzRuns(1000)): void {
  fc.assert(
    fc.property(input, fc.integer({ min: 0, max: 4e12 }), (s, now) => {
      const v = verifyStallCode(s, net.trust(now), headers, now);
      expect(STATUSES).toContain(v.status);
      if (v.status === 'not-sanma') expect(v.checks).toEqual([]);
      // A code of another chain claims nothing about its content.
      if (v.status === 'unknown-market') expect([v.code, v.ref, v.anchor, typeof v.chainId]).toEqual([undefined, undefined, undefined, 'string']);
    }),
    { numRuns: runs },
  );
}

describe('verifyStallCode never throws', () => {
  it('on random text, short and long, of any code points', () => {
    // Long texts around the 4400-character limit, built by repetition (generating each is slow).
    const long = fc.tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }), fc.integer({ min: 4000, max: 4600 })).map(([s, n]) => s.repeat(n).slice(0, n));
    neverThrows(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), long));
  });

  it('on text that starts like an EMV payment code', () => {
    neverThrows(fc.string({ unit: 'binary' }).map((s) => '000201' + s));
  });

  it('on a Sanma URL or a bare text with a random fragment', () => {
    const fragment = fc.oneof(fc.stringMatching(/^[A-Z2-7]{0,200}$/), fc.string());
    neverThrows(fc.oneof(fragment.map((f) => `${net.policy.codeBaseUrl}/C#${f}`), fragment.map((f) => f.padEnd(16, 'A'))));
  });

  it('on damaged copies of a genuine code: payload bytes, and the text itself', () => {
    neverThrows(mutated(fc.constant(payload)).map((p) => stallCodeText(net.policy.codeBaseUrl, p)));
    neverThrows(mutated(fc.constant(payload)).map(encodeBase32));
    const edits = fc.tuple(fc.nat(text.length), fc.string({ maxLength: 6 }), fc.nat(6));
    neverThrows(edits.map(([at, insert, cut]) => text.slice(0, at) + insert + text.slice(at + cut)));
  });
});
