import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase32, encodeBase32 } from './base32';
import { CoreError, type CoreErrorCode } from './errors';
import { utf8 } from './bytes';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

const vectorFile = JSON.parse(
  readFileSync(new URL('../../test/vectors/base32-rfc4648.json', import.meta.url), 'utf8'),
) as { source: string; vectors: [string, string][] };

function codeOf(f: () => unknown): CoreErrorCode | 'OK' {
  try {
    f();
    return 'OK';
  } catch (e) {
    if (e instanceof CoreError) return e.code;
    throw e;
  }
}

describe('base32 RFC 4648 vectors (padding stripped)', () => {
  it('has vectors', () => expect(vectorFile.vectors.length).toBeGreaterThan(0));
  for (const [plain, padded] of vectorFile.vectors) {
    const text = padded.replace(/=+$/, '');
    it(`${JSON.stringify(plain)} ↔ ${text}`, () => {
      expect(encodeBase32(utf8(plain))).toBe(text);
      expect(decodeBase32(text)).toEqual(utf8(plain));
      if (padded !== text) expect(codeOf(() => decodeBase32(padded))).toBe('BAD_BASE32');
    });
  }
});

describe('base32 properties', () => {
  it('decode(encode(x)) == x and the length is ceil(8n/5)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1200 }), (x) => {
        const text = encodeBase32(x);
        expect(text.length).toBe(Math.ceil((x.length * 8) / 5));
        expect(decodeBase32(text)).toEqual(x);
        expect(decodeBase32(text, x.length)).toEqual(x);
      }),
      { numRuns: 500 },
    );
  });

  it('encoded text is in the QR alphanumeric set', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (x) => {
        expect(encodeBase32(x)).toMatch(/^[0-9A-Z $%*+\-./:]*$/);
      }),
    );
  });

  it('maxBytes is checked before decoding', () => {
    expect(codeOf(() => decodeBase32('MZXW6', 2))).toBe('LIMIT_EXCEEDED');
    expect(decodeBase32('MZXW6', 3)).toEqual(utf8('foo'));
    // Garbage longer than the limit is a limit error, not a character error: nothing was read.
    expect(codeOf(() => decodeBase32('!'.repeat(10_000), 100))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(() => decodeBase32('', -1))).toBe('BAD_VALUE');
  });

  it('rejects non-zero unused trailing bits (canonical form only)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }), (x) => {
        const text = encodeBase32(x);
        const unused = (text.length * 5) % 8; // low bits of the last character not part of a byte
        if (unused === 0) return;
        const last = ALPHABET.indexOf(text[text.length - 1]!);
        expect(last & ((1 << unused) - 1)).toBe(0);
        for (let k = 1; k < 1 << unused; k++) {
          const variant = text.slice(0, -1) + ALPHABET[last | k];
          expect(codeOf(() => decodeBase32(variant))).toBe('BAD_BASE32');
        }
      }),
    );
  });

  it('rejects impossible lengths (1, 3 or 6 mod 8)', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 20 }),
        fc.constantFrom(1, 3, 6),
        fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 8, maxLength: 8 }),
        (groups, rem, filler) => {
          const text = 'A'.repeat(8 * groups) + filler.slice(0, rem);
          expect(codeOf(() => decodeBase32(text))).toBe('BAD_BASE32');
        },
      ),
    );
  });

  it('rejects lower case, padding and characters outside A-Z2-7', () => {
    const bad = ['0', '1', '8', '9', '=', ' ', '\n', '\t', '-', '_', '+', '/', 'é', 'Ａ', '\u0000', '张', '😀'];
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.nat(), fc.constantFrom(...bad), (x, at, ch) => {
        const text = encodeBase32(x);
        if (/[A-Z]/.test(text)) expect(codeOf(() => decodeBase32(text.toLowerCase()))).toBe('BAD_BASE32');
        const padded = text + '='.repeat((8 - (text.length % 8)) % 8 || 8);
        expect(codeOf(() => decodeBase32(padded))).toBe('BAD_BASE32');
        const i = at % text.length;
        expect(codeOf(() => decodeBase32(text.slice(0, i) + ch + text.slice(i + 1)))).toBe('BAD_BASE32');
        expect(codeOf(() => decodeBase32(text.slice(0, i) + ch + text.slice(i)))).toBe('BAD_BASE32');
      }),
    );
  });

  it('fuzz: any string either decodes to bytes that re-encode to it, or throws BAD_BASE32', () => {
    const anyString = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: fc.constantFrom(...ALPHABET, 'a', '=', '0', ' '), maxLength: 40 }),
      fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 40 }),
    );
    fc.assert(
      fc.property(anyString, (s) => {
        let bytes: Uint8Array;
        try {
          bytes = decodeBase32(s);
        } catch (e) {
          expect(e).toBeInstanceOf(CoreError);
          expect((e as CoreError).code).toBe('BAD_BASE32');
          return;
        }
        expect(encodeBase32(bytes)).toBe(s);
      }),
      { numRuns: 5000 },
    );
  });
});
