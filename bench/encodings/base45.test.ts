// RFC 9285 §4.3 examples, and the strict decoder's round trip, for the base45 that the payload-size
// comparison (bench figure 4, docs/FORMAT.md §11) charges other designs with.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase45, encodeBase45 } from './base45';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('base45 (RFC 9285)', () => {
  it('encodes the RFC examples', () => {
    expect(encodeBase45(utf8('AB'))).toBe('BB8');
    expect(encodeBase45(utf8('Hello!!'))).toBe('%69 VD92EX0');
    expect(encodeBase45(utf8('base-45'))).toBe('UJCLQE7W581');
    expect(encodeBase45(utf8('ietf!'))).toBe('QED8WEX0');
  });
  it('decodes what it encodes, and refuses what the RFC calls invalid', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        expect(decodeBase45(encodeBase45(b))).toEqual(b);
      }),
    );
    expect(() => decodeBase45('GGW')).toThrow(); // 65535 + 1: above 0xffff
    expect(() => decodeBase45('a')).toThrow();
  });
});
