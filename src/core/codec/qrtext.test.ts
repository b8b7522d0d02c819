// The text inside the QR code (docs/FORMAT.md §8): `<BASE>/C#<BASE32>`, the bare payload, and
// what any other scanned text is classified as. Also the QR segments: everything but '#' in
// alphanumeric mode, which is what keeps the typical code (629 bytes, docs/FORMAT.md §11) at QR version 22.

import fc from 'fast-check';
import QRCode, { type QRCodeSegment } from 'qrcode';
import { describe, expect, it } from 'vitest';
import * as arb from '../../../test/fuzz/arbitraries';
import { codeOf } from '../../../test/fuzz/mutate';
import { encodeBase32 } from '../base32';
import { LIMITS } from './limits';
import { parseQrText, qrSegments, stallCodeText } from './qrtext';

const BASE = 'HTTPS://SANMA.EXAMPLE';
const payload = Uint8Array.from({ length: 40 }, (_, i) => (i * 37) & 0xff);
const b32 = encodeBase32(payload);

describe('stall code text', () => {
  it('is <BASE>/C#<RFC 4648 base32, upper case, unpadded>', () => {
    expect(stallCodeText(BASE, payload)).toBe(`${BASE}/C#${b32}`);
    expect(b32).toMatch(/^[A-Z2-7]+$/);
  });

  it('parses back to the same base and payload for any base URL and payload', () => {
    fc.assert(
      fc.property(arb.codeBaseUrl, fc.uint8Array({ maxLength: LIMITS.payloadBytes }), (base, bytes) => {
        expect(parseQrText(stallCodeText(base, bytes))).toEqual({ kind: 'sanma', base, payload: bytes });
      }),
      { numRuns: 200 },
    );
  });

  it('accepts lower case (scanners that fold case) and surrounding whitespace', () => {
    const text = `${BASE}/C#${b32}`;
    expect(parseQrText(text.toLowerCase())).toEqual({ kind: 'sanma', base: BASE, payload });
    expect(parseQrText(` \n${text}\r\n`)).toEqual({ kind: 'sanma', base: BASE, payload });
  });

  it('accepts the bare payload, in either case, with no base', () => {
    expect(parseQrText(b32)).toEqual({ kind: 'sanma', base: null, payload });
    expect(parseQrText(b32.toLowerCase())).toEqual({ kind: 'sanma', base: null, payload });
  });

  it('refuses a base URL that would leave alphanumeric mode', () => {
    expect(codeOf(() => stallCodeText('https://sanma.example', payload))).toBe('BAD_VALUE');
  });
});

describe('damaged or forged Sanma texts', () => {
  it.each([
    ['padding', `${BASE}/C#${b32}====`],
    ['an impossible length', `${BASE}/C#${b32}A`],
    ['a character outside A-Z2-7', `${BASE}/C#${b32.slice(0, -1)}1`],
    ['non-zero unused bits in the last character', `${BASE}/C#${encodeBase32(Uint8Array.of(1)).slice(0, 1)}B`],
    ['an empty-looking fragment with spaces', `${BASE}/C#AB CD`],
  ])('a URL with %s is sanma-malformed, keeping its base', (_, text) => {
    const r = parseQrText(text);
    expect(r.kind).toBe('sanma-malformed');
    expect(r.kind === 'sanma-malformed' && r.base).toBe(BASE);
  });

  it.each([
    ['I', 'ı'],
    ['S', 'ſ'],
    ['FF', 'ﬀ'],
  ])('a look-alike of %s (%s, which upper-cases to it) is not folded into a genuine payload', (letters, lookalike) => {
    const genuine = 'SIKFFAAASIKFFAAA'; // 10 bytes, every bit used
    expect(parseQrText(`${BASE}/C#${genuine}`).kind).toBe('sanma');
    expect(lookalike.toUpperCase()).toBe(letters);
    const forged = genuine.replace(letters, lookalike);
    expect(parseQrText(`${BASE}/C#${forged}`).kind).toBe('sanma-malformed');
    expect(parseQrText(forged).kind).toBe('text');
  });

  it('a payload that would decode to more than 2048 bytes is refused before decoding', () => {
    const r = parseQrText(`${BASE}/C#${'A'.repeat(3280)}`);
    expect(r.kind).toBe('sanma-malformed');
  });

  it('text longer than 4400 characters is LIMIT_EXCEEDED', () => {
    expect(codeOf(() => parseQrText('A'.repeat(LIMITS.qrTextChars + 1)))).toBe('LIMIT_EXCEEDED');
  });
});

describe('other texts', () => {
  it.each([
    ['https://weixin.qq.com/r/abc', 'url'],
    ['HTTPS://QR.ALIPAY.COM/FKX12345', 'url'],
    ['https://sanma.example/c', 'url'],
    ['https://sanma.example/x#AEBAGBAF', 'url'],
    ['mailto:stall@example.com', 'url'],
    ['张三蔬菜 A012', 'text'],
    ['', 'text'],
    ['AEBAGBAFAYDQQCI', 'text'], // 15 characters: too short to be a bare payload
    ['AEBAGBAFAYDQQCIKA', 'text'], // 17: not a whole number of bytes
    ['00020101021229300012D156000000000510A93FO3230Q3128', 'text'],
  ])('%j is %s', (text, kind) => {
    expect(parseQrText(text).kind).toBe(kind);
  });

  it('classifies any string without throwing (below the length limit)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom(`${BASE}/C#`).chain((p) => fc.string().map((s) => p + s))), (s) => {
        expect(['sanma', 'sanma-malformed', 'url', 'text']).toContain(parseQrText(s).kind);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('QR segments', () => {
  it('put everything but "#" in alphanumeric mode', () => {
    expect(qrSegments(`${BASE}/C#${b32}`)).toEqual([
      { data: `${BASE}/C`, mode: 'alphanumeric' },
      { data: '#', mode: 'byte' },
      { data: b32, mode: 'alphanumeric' },
    ]);
  });

  it('fall back to byte mode for lower case', () => {
    expect(qrSegments('https://x/c#abc').map((s) => s.mode)).toEqual(['byte', 'byte', 'byte']);
  });

  it('make a smaller symbol than byte mode for the same text', () => {
    const text = stallCodeText(BASE, new Uint8Array(600).fill(0x5a));
    const segments = qrSegments(text).map((s) => ({ data: s.data, mode: s.mode }) as QRCodeSegment);
    const segmented = QRCode.create(segments, { errorCorrectionLevel: 'M' }).version;
    const bytes = QRCode.create([{ data: new TextEncoder().encode(text), mode: 'byte' }], { errorCorrectionLevel: 'M' }).version;
    expect(segmented).toBe(21);
    expect(bytes).toBeGreaterThan(segmented);
  });
});
