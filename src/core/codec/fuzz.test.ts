// Fuzzing every decoder with random bytes and with damaged valid encodings (flips, cuts,
// insertions, splices): a decoder either throws a CoreError or returns a value, and a value it
// returns re-encodes to exactly the input (one encoding per value, FORMAT.md §1). A few thousand
// cases per decoder in `npm test`; SANMA_FUZZ_RUNS=100000 npx vitest run src/core/codec/fuzz.test.ts
// for a slow run.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as arb from '../../../test/fuzz/arbitraries';
import { mutated } from '../../../test/fuzz/mutate';
import { TestNetwork, typicalNetwork } from '../../../test/fixtures/network';
import { toHex } from '../bytes';
import { CoreError } from '../errors';
import { decodeHeader, decodeHeaderPage, decodeSignedHeader, encodeHeader, encodeHeaderPage, encodeSignedHeader } from './header';
import { decodePayload, encodePayload } from './payload';
import { decodePolicy, decodeSignedPolicy, encodePolicy, encodeSignedPolicy } from './policy';
import { parseQrText } from './qrtext';
import { decodeRecord, decodeSignedRecord, encodeRecord, encodeSignedRecord } from './records';

const RUNS = arb.fuzzRuns(2000);

// Real encodings from the fixtures, damaged alongside the generated ones.
const small = typicalNetwork(4);
const fixture = {
  policy: new TestNetwork().policyBytes,
  payload: small.net.codeText(small.block, small.index).payload,
  header: small.block.built.headerBytes,
  signedHeader: encodeSignedHeader(small.block.signed),
  bodies: small.net.blocks.flatMap((b) => b.records.map((r) => r.body)),
  signedRecords: small.net.blocks.flatMap((b) => b.records.map(encodeSignedRecord)),
};

/**
 * Feeds random and damaged inputs to `decode`: only CoreError may escape, and whatever decodes
 * must re-encode to the same bytes.
 */
function fuzz<T>(valid: fc.Arbitrary<Uint8Array>, decode: (b: Uint8Array) => T, encode: (x: T) => Uint8Array, runs = RUNS): void {
  let accepted = 0;
  fc.assert(
    fc.property(fc.oneof({ weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) }, { weight: 4, arbitrary: mutated(valid) }), (bytes) => {
      let value: T;
      try {
        value = decode(bytes);
      } catch (e) {
        if (!(e instanceof CoreError)) throw e;
        return;
      }
      accepted++;
      expect(toHex(encode(value))).toBe(toHex(bytes));
    }),
    { numRuns: runs },
  );
  // The damage must not be so heavy that nothing ever decodes: then the converse is not tested.
  expect(accepted).toBeGreaterThan(0);
}

const oneOfFixtures = (xs: Uint8Array[]): fc.Arbitrary<Uint8Array> => fc.constantFrom(...xs);

describe('decoders take any bytes: CoreError or a canonical value', () => {
  it('decodeRecord', () => {
    fuzz(fc.oneof(arb.ledgerRecord.map(encodeRecord), oneOfFixtures(fixture.bodies)), decodeRecord, encodeRecord);
  });

  it('decodeSignedRecord', () => {
    const generated = fc.tuple(arb.ledgerRecord, arb.signature64).map(([r, signature]) => encodeSignedRecord({ body: encodeRecord(r), signature }));
    fuzz(fc.oneof(generated, oneOfFixtures(fixture.signedRecords)), decodeSignedRecord, encodeSignedRecord);
  });

  it('decodePolicy', () => {
    fuzz(fc.oneof(arb.policy.map(encodePolicy), fc.constant(fixture.policy)), decodePolicy, encodePolicy, Math.ceil(RUNS / 2));
  });

  it('decodeSignedPolicy', () => {
    const generated = fc.tuple(arb.policy, arb.signatures).map(([p, signatures]) => encodeSignedPolicy({ body: encodePolicy(p), signatures }));
    const real = fc.constant(encodeSignedPolicy({ body: fixture.policy, signatures: [] }));
    fuzz(fc.oneof(generated, real), decodeSignedPolicy, encodeSignedPolicy, Math.ceil(RUNS / 2));
  });

  it('decodeHeader', () => {
    fuzz(fc.oneof(arb.blockHeader.map(encodeHeader), fc.constant(fixture.header)), decodeHeader, encodeHeader);
  });

  it('decodeSignedHeader', () => {
    fuzz(fc.oneof(arb.signedHeader(encodeHeader).map(encodeSignedHeader), fc.constant(fixture.signedHeader)), decodeSignedHeader, encodeSignedHeader);
  });

  it('decodeHeaderPage', () => {
    fuzz(arb.headerPage.map(encodeHeaderPage), decodeHeaderPage, encodeHeaderPage);
  });

  it('decodePayload', () => {
    const generated = fc
      .tuple(arb.chainId, fc.integer({ min: 1, max: 2 ** 40 }), arb.uint, fc.array(arb.hash32, { maxLength: 12 }), arb.stallCode)
      .map(([chainId, height, index, proof, record]) => {
        try {
          return encodePayload({ chainId, height, index, proof, body: encodeRecord(record) });
        } catch {
          return fixture.payload; // over 2048 bytes
        }
      });
    fuzz(fc.oneof(generated, fc.constant(fixture.payload)), decodePayload, ({ record: _record, ...p }) => encodePayload(p));
  });
});

describe('parseQrText takes any string', () => {
  it('classifies it or throws LIMIT_EXCEEDED (over 4400 characters), nothing else', () => {
    const text = small.net.codeText(small.block, small.index).text;
    const damaged = fc.tuple(fc.nat(text.length), fc.string({ maxLength: 8 }), fc.nat(8)).map(([at, insert, cut]) => text.slice(0, at) + insert + text.slice(at + cut));
    // Long texts either side of the 4400-character limit, built by repetition (cheaper to generate).
    const long = fc.tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }), fc.integer({ min: 4000, max: 4800 })).map(([s, n]) => s.repeat(n).slice(0, n));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), long, damaged), (s) => {
        try {
          expect(['sanma', 'sanma-malformed', 'url', 'text']).toContain(parseQrText(s).kind);
        } catch (e) {
          expect(e).toBeInstanceOf(CoreError);
          expect((e as CoreError).code).toBe('LIMIT_EXCEEDED');
        }
      }),
      { numRuns: RUNS },
    );
  });
});
