// Block headers, signed headers and header pages (docs/FORMAT.md §6): round trips, the header
// hash (domain-separated, so never equal to a Merkle leaf or node hash), and strict decoding.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as arb from '../../../test/fuzz/arbitraries';
import { codeOf, leb128, padVarintAt, replaceAt, replaceText } from '../../../test/fuzz/mutate';
import { concatBytes, toHex, utf8 } from '../bytes';
import { sha256, signingMessage } from '../crypto';
import {
  HEADER_PAGE_MAX,
  decodeHeader,
  decodeHeaderPage,
  decodeSignedHeader,
  encodeHeader,
  encodeHeaderPage,
  encodeSignedHeader,
  headerHash,
} from './header';
import type { BlockHeader } from './types';

const header: BlockHeader = {
  chainId: 'test-market',
  height: 7,
  prevHash: new Uint8Array(32).fill(0xaa),
  time: 1_795_000_000_000,
  recordCount: 1000,
  recordsRoot: new Uint8Array(32).fill(0xbb),
  revocationCount: 3,
  revocationsHash: new Uint8Array(32).fill(0xcc),
};
const sig = (n: number) => ({ publicKey: new Uint8Array(32).fill(n), signature: new Uint8Array(64).fill(n) });

describe('header', () => {
  it('decode(encode(h)) equals h', () => {
    fc.assert(
      fc.property(arb.blockHeader, (h) => {
        expect(decodeHeader(encodeHeader(h))).toEqual(h);
      }),
      { numRuns: 300 },
    );
  });

  it('layout: version 02 ‖ chain id ‖ height ‖ prevHash ‖ time ‖ recordCount ‖ recordsRoot ‖ revocationCount ‖ revocationsHash', () => {
    const expected = concatBytes(
      Uint8Array.of(2),
      leb128(11),
      utf8('test-market'),
      leb128(7),
      header.prevHash,
      leb128(header.time),
      leb128(1000),
      header.recordsRoot,
      leb128(3),
      header.revocationsHash,
    );
    expect(toHex(encodeHeader(header))).toBe(toHex(expected));
  });

  it('the hash is SHA-256 of the message the validators sign: "sanma/v1/header" ‖ 0x00 ‖ header', () => {
    const bytes = encodeHeader(header);
    expect(headerHash(bytes)).toEqual(sha256(concatBytes(utf8('sanma/v1/header'), Uint8Array.of(0), bytes)));
    expect(headerHash(bytes)).toEqual(sha256(signingMessage('header', bytes)));
  });

  it('only the genesis header (height 0) may hold no records', () => {
    const genesis = { ...header, height: 0, recordCount: 0 };
    expect(decodeHeader(encodeHeader(genesis))).toEqual(genesis);
    expect(codeOf(() => encodeHeader({ ...header, recordCount: 0 }))).toBe('BAD_VALUE');
    const bytes = encodeHeader({ ...header, recordCount: 1 });
    const countAt = bytes.length - 32 - 1 - 32 - 1; // recordCount ‖ recordsRoot ‖ revocationCount 3 ‖ revocationsHash
    expect(codeOf(() => decodeHeader(replaceAt(bytes, countAt, 1, Uint8Array.of(0))))).toBe('BAD_VALUE');
  });

  it('refuses an unknown version, a bad chain id, truncation, trailing bytes and padded varints', () => {
    const bytes = encodeHeader(header);
    // Version 1 (no revocation commitment) is no longer read.
    for (const v of [0, 1, 3]) expect(codeOf(() => decodeHeader(replaceAt(bytes, 0, 1, Uint8Array.of(v))))).toBe('BAD_VERSION');
    // A version-1 header, exactly as it was: no revocation commitment at the end.
    expect(codeOf(() => decodeHeader(replaceAt(bytes.subarray(0, bytes.length - 33), 0, 1, Uint8Array.of(1))))).toBe('BAD_VERSION');
    expect(codeOf(() => decodeHeader(replaceText(bytes, 'test-market', utf8('Test-Market'))))).toBe('BAD_VALUE');
    expect(codeOf(() => encodeHeader({ ...header, chainId: '' }))).toBe('BAD_VALUE');
    for (let n = 0; n < bytes.length; n++) expect(codeOf(() => decodeHeader(bytes.subarray(0, n)))).toBe('TRUNCATED');
    expect(codeOf(() => decodeHeader(concatBytes(bytes, Uint8Array.of(0))))).toBe('TRAILING_BYTES');
    expect(codeOf(() => decodeHeader(padVarintAt(bytes, 1 + 1 + 11)))).toBe('NON_CANONICAL'); // height
    expect(codeOf(() => decodeHeader(padVarintAt(bytes, bytes.length - 33)))).toBe('NON_CANONICAL'); // revocationCount
  });
});

describe('signed header', () => {
  it('decode(encode(s)) equals s, 0 to 32 signatures', () => {
    fc.assert(
      fc.property(arb.signedHeader(encodeHeader), (s) => {
        expect(decodeSignedHeader(encodeSignedHeader(s))).toEqual(s);
      }),
      { numRuns: 100 },
    );
  });

  it('layout: varint header length ‖ header ‖ varint count ‖ (key 32 ‖ signature 64)*', () => {
    const h = encodeHeader(header);
    const bytes = encodeSignedHeader({ header: h, signatures: [sig(1), sig(2)] });
    const s1 = sig(1);
    const s2 = sig(2);
    expect(bytes).toEqual(concatBytes(leb128(h.length), h, leb128(2), s1.publicKey, s1.signature, s2.publicKey, s2.signature));
  });

  it('a malformed header inside is refused; 33 signatures LIMIT_EXCEEDED; cut TRUNCATED; extra TRAILING_BYTES', () => {
    const h = encodeHeader(header);
    const bytes = encodeSignedHeader({ header: h, signatures: [sig(1)] });
    expect(codeOf(() => decodeSignedHeader(replaceAt(bytes, 1, 1, Uint8Array.of(9))))).toBe('BAD_VERSION');
    expect(codeOf(() => decodeSignedHeader(replaceAt(bytes, 1 + h.length, 1, Uint8Array.of(33))))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(() => encodeSignedHeader({ header: h, signatures: Array(33).fill(sig(1)) }))).toBe('LIMIT_EXCEEDED');
    for (let n = 0; n < bytes.length; n++) expect(codeOf(() => decodeSignedHeader(bytes.subarray(0, n)))).toBe('TRUNCATED');
    expect(codeOf(() => decodeSignedHeader(concatBytes(bytes, Uint8Array.of(0))))).toBe('TRAILING_BYTES');
  });

  it('a header over 256 bytes is LIMIT_EXCEEDED without reading it', () => {
    const bytes = concatBytes(leb128(257), new Uint8Array(257), Uint8Array.of(0));
    expect(codeOf(() => decodeSignedHeader(bytes))).toBe('LIMIT_EXCEEDED');
  });
});

describe('header page (light-client sync)', () => {
  it('decode(encode(p)) equals p, including the empty page', () => {
    fc.assert(
      fc.property(arb.headerPage, (p) => {
        expect(decodeHeaderPage(encodeHeaderPage(p))).toEqual(p);
      }),
      { numRuns: 100 },
    );
    expect(toHex(encodeHeaderPage({ headers: [], lastSignatures: [] }))).toBe('0000');
  });

  it('more than 10,000 headers are LIMIT_EXCEEDED, decided from the count alone', () => {
    expect(codeOf(() => decodeHeaderPage(leb128(HEADER_PAGE_MAX + 1)))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(() => encodeHeaderPage({ headers: Array(HEADER_PAGE_MAX + 1).fill(new Uint8Array(1)), lastSignatures: [] }))).toBe('LIMIT_EXCEEDED');
  });

  it('a cut page is TRUNCATED and an extra byte TRAILING_BYTES', () => {
    const h = encodeHeader(header);
    const bytes = encodeHeaderPage({ headers: [h, h], lastSignatures: [sig(3)] });
    for (let n = 0; n < bytes.length; n++) expect(codeOf(() => decodeHeaderPage(bytes.subarray(0, n)))).toBe('TRUNCATED');
    expect(codeOf(() => decodeHeaderPage(concatBytes(bytes, Uint8Array.of(0))))).toBe('TRAILING_BYTES');
  });
});
