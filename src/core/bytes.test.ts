// The primitives every Sanma format is built from (docs/FORMAT.md §2): shortest-form LEB128
// varints up to 2^53-1, length-prefixed NFC UTF-8 text without control characters, fixed-length
// fields, counts within limits, and no trailing bytes. Hostile input must give the right
// CoreError code; whatever the Writer produces, the Reader must read back unchanged.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { text as textArb } from '../../test/fuzz/arbitraries';
import { Reader, Writer, checkText, concatBytes, equalBytes, fromHex, toHex, utf8 } from './bytes';
import { CoreError, type CoreErrorCode } from './errors';

function codeOf(f: () => unknown): CoreErrorCode | 'OK' {
  try {
    f();
    return 'OK';
  } catch (e) {
    if (e instanceof CoreError) return e.code;
    throw e;
  }
}
const varintBytes = (n: number): Uint8Array => new Writer().varint(n).finish();
const readVarint = (hex: string, max?: number): number => {
  const r = new Reader(fromHex(hex));
  const v = r.varint('v', max);
  r.end('v');
  return v;
};

describe('varint (unsigned LEB128, shortest form, at most 2^53-1)', () => {
  it.each([
    [0, '00'],
    [1, '01'],
    [127, '7f'],
    [128, '8001'],
    [300, 'ac02'],
    [16383, 'ff7f'],
    [16384, '808001'],
    [2 ** 32, '8080808010'],
    [Number.MAX_SAFE_INTEGER, 'ffffffffffffff0f'],
  ])('%d is %s', (n, hex) => {
    expect(toHex(varintBytes(n))).toBe(hex);
    expect(readVarint(hex)).toBe(n);
  });

  it('round trips every safe integer in the fewest bytes (ceil(bits / 7))', () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat(1000), fc.maxSafeNat()), (n) => {
        const b = varintBytes(n);
        expect(b.length).toBe(Math.max(1, Math.ceil(n.toString(2).length / 7)));
        expect(readVarint(toHex(b))).toBe(n);
      }),
    );
  });

  it.each([
    ['8000', 'zero written in two bytes'],
    ['ff00', '127 with a redundant zero byte'],
    ['ac8200', '300 padded to three bytes'],
    ['8080808080808080', 'eight continuation bytes'],
    ['808080808080808001', 'nine bytes'],
  ])('%s (%s) is NON_CANONICAL', (hex) => {
    expect(codeOf(() => readVarint(hex))).toBe('NON_CANONICAL');
  });

  it('2^53 and above are LIMIT_EXCEEDED, as is a value above the field maximum', () => {
    expect(codeOf(() => readVarint('8080808080808010'))).toBe('LIMIT_EXCEEDED'); // 2^53
    expect(codeOf(() => readVarint('ffffffffffffff7f'))).toBe('LIMIT_EXCEEDED'); // 2^56-1
    expect(readVarint('20', 32)).toBe(32);
    expect(codeOf(() => readVarint('21', 32))).toBe('LIMIT_EXCEEDED');
  });

  it('ending inside a varint is TRUNCATED', () => {
    expect(codeOf(() => readVarint(''))).toBe('TRUNCATED');
    expect(codeOf(() => readVarint('80'))).toBe('TRUNCATED');
    expect(codeOf(() => readVarint('ffffff'))).toBe('TRUNCATED');
  });

  it('the writer refuses negative, fractional, unsafe and non-numeric values', () => {
    for (const v of [-1, 0.5, 2 ** 53, Number.NaN, Infinity]) expect(codeOf(() => varintBytes(v))).toBe('BAD_VALUE');
  });

  it('every byte string the reader accepts as a varint is the writer\'s encoding of its value', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 10 }), (bytes) => {
        const r = new Reader(bytes);
        let v: number;
        try {
          v = r.varint('v');
        } catch (e) {
          expect(e).toBeInstanceOf(CoreError);
          return;
        }
        expect(toHex(varintBytes(v))).toBe(toHex(bytes.subarray(0, r.offset)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('text (varint byte length ‖ NFC UTF-8, no control characters)', () => {
  const write = (s: string, max = 64): Uint8Array => new Writer().text('t', s, max).finish();
  const read = (bytes: Uint8Array, max = 64): string => {
    const r = new Reader(bytes);
    const s = r.text('t', max);
    r.end('t');
    return s;
  };
  const raw = (hex: string): Uint8Array => concatBytes(varintBytes(hex.length / 2), fromHex(hex));

  it('writes the UTF-8 byte length, not the character count: 张三蔬菜 is 12 bytes', () => {
    expect(toHex(write('张三蔬菜'))).toBe('0c' + toHex(utf8('张三蔬菜')));
    expect(read(write('张三蔬菜'))).toBe('张三蔬菜');
  });

  it('round trips Chinese, ASCII and astral text up to the byte limit', () => {
    fc.assert(
      fc.property(textArb(48), (s) => {
        expect(read(write(s, 48), 48)).toBe(s);
      }),
    );
  });

  it('keeps a byte-order mark as a character (not stripped, so the bytes round trip)', () => {
    expect(read(write('\ufeff青菜'))).toBe('\ufeff青菜');
  });

  it('limits count bytes: 16 bytes pass, 6 Chinese characters (18 bytes) do not', () => {
    expect(read(write('青菜青菜青x', 16), 16)).toBe('青菜青菜青x');
    expect(codeOf(() => write('青菜青菜青菜', 16))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(() => read(raw(toHex(utf8('青菜青菜青菜'))), 16))).toBe('LIMIT_EXCEEDED');
  });

  it.each([
    ['NUL', '\u0000'],
    ['line feed', 'a\nb'],
    ['tab', '\t'],
    ['DEL', '\u007f'],
    ['C1 NEL', '\u0085'],
    ['C1 CSI', '\u009b'],
  ])('a control character (%s) is BAD_UTF8 for writer and reader', (_, s) => {
    expect(codeOf(() => write(s))).toBe('BAD_UTF8');
    expect(codeOf(() => read(raw(toHex(utf8(s)))))).toBe('BAD_UTF8');
  });

  it.each([
    ['e + combining acute', 'e\u0301'],
    ['decomposed Hangul', '\u1100\u1161'],
    ['CJK compatibility ideograph', '\uf900'],
    ['Angstrom sign', '\u212b'],
  ])('text that is not NFC (%s) is BAD_UTF8 for writer and reader', (_, s) => {
    expect(s.normalize('NFC')).not.toBe(s);
    expect(codeOf(() => write(s))).toBe('BAD_UTF8');
    expect(codeOf(() => read(raw(toHex(utf8(s)))))).toBe('BAD_UTF8');
  });

  it.each([
    ['overlong NUL', 'c080'],
    ['overlong slash', 'e080af'],
    ['UTF-16 surrogate', 'eda080'],
    ['above U+10FFFF', 'f4908080'],
    ['stray continuation byte', '80'],
    ['0xFF', 'ff'],
    ['cut inside 中', 'e4b8'],
  ])('malformed UTF-8 (%s) is BAD_UTF8', (_, hex) => {
    expect(codeOf(() => read(raw(hex)))).toBe('BAD_UTF8');
  });

  it('a lone surrogate cannot be written (it would come back as U+FFFD)', () => {
    expect(codeOf(() => write('\ud800'))).toBe('BAD_UTF8');
    expect(codeOf(() => checkText('t', 'a\udc00', 10))).toBe('BAD_UTF8');
  });

  it('a length prefix past the end is TRUNCATED, above the limit LIMIT_EXCEEDED before reading on', () => {
    expect(codeOf(() => read(fromHex('05e4b8ad')))).toBe('TRUNCATED');
    // 2^53-1 bytes declared, 3 present: refused by the limit, nothing allocated.
    expect(codeOf(() => read(fromHex('ffffffffffffff0f414141')))).toBe('LIMIT_EXCEEDED');
  });
});

describe('fixed fields, counts and the end of input', () => {
  it('a fixed field must have exactly its length', () => {
    expect(codeOf(() => new Writer().fixed('key', new Uint8Array(31), 32))).toBe('BAD_VALUE');
    expect(codeOf(() => new Reader(new Uint8Array(31)).fixed('key', 32))).toBe('TRUNCATED');
    expect(new Reader(new Uint8Array(32).fill(7)).fixed('key', 32)).toEqual(new Uint8Array(32).fill(7));
  });

  it('counts outside [min, max] are LIMIT_EXCEEDED on both sides', () => {
    expect(codeOf(() => new Writer().count('channels', 0, 1, 4))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(() => new Writer().count('channels', 5, 1, 4))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(() => new Reader(fromHex('00')).count('channels', 1, 4))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(() => new Reader(fromHex('05')).count('channels', 1, 4))).toBe('LIMIT_EXCEEDED');
    expect(new Reader(fromHex('04')).count('channels', 1, 4)).toBe(4);
  });

  it('bytes after a complete value are TRAILING_BYTES', () => {
    const r = new Reader(fromHex('0100'));
    r.u8('x');
    expect(codeOf(() => r.end('x'))).toBe('TRAILING_BYTES');
  });

  it('the writer grows past its first buffer without losing bytes', () => {
    const big = new Uint8Array(10_000).map((_, i) => i % 251);
    const out = new Writer().u8(1).bytes('b', big, 10_000).finish();
    const r = new Reader(out);
    expect(r.u8('v')).toBe(1);
    expect(r.bytes('b', 10_000)).toEqual(big);
    r.end('b');
  });

  it('u8 takes 0..255 only', () => {
    expect(codeOf(() => new Writer().u8(256))).toBe('BAD_VALUE');
    expect(codeOf(() => new Writer().u8(-1))).toBe('BAD_VALUE');
    expect(toHex(new Writer().u8(255).finish())).toBe('ff');
  });
});

describe('hex and byte helpers', () => {
  it('hex round trips; upper case and odd lengths are refused', () => {
    fc.assert(
      fc.property(fc.uint8Array(), (b) => {
        expect(fromHex(toHex(b))).toEqual(b);
      }),
    );
    expect(codeOf(() => fromHex('AB'))).toBe('BAD_VALUE');
    expect(codeOf(() => fromHex('abc'))).toBe('BAD_VALUE');
    expect(codeOf(() => fromHex('zz'))).toBe('BAD_VALUE');
  });

  it('equalBytes compares content and length', () => {
    expect(equalBytes(fromHex('0102'), fromHex('0102'))).toBe(true);
    expect(equalBytes(fromHex('0102'), fromHex('0103'))).toBe(false);
    expect(equalBytes(fromHex('01'), fromHex('0100'))).toBe(false);
  });
});
