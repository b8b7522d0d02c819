import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8 } from './bytes';
import {
  buildEmv,
  crc16ccitt,
  describeEmv,
  looksLikeEmv,
  parseEmv,
  tryParseEmv,
  type EmvField,
  type EmvPayload,
} from './emv';
import { CoreError, type CoreErrorCode } from './errors';

// ---- helpers written independently of emv.ts, so the tests do not reuse its logic ----

/** id ‖ length in code points ‖ value. */
function tlv(id: string, value: string): string {
  return id + String(Array.from(value).length).padStart(2, '0') + value;
}
function crcHex(s: string): string {
  return crc16ccitt(utf8(s)).toString(16).toUpperCase().padStart(4, '0');
}
function withCrc(body: string): string {
  return body + '6304' + crcHex(body + '6304');
}
function codeOf(f: () => unknown): CoreErrorCode | 'OK' {
  try {
    f();
    return 'OK';
  } catch (e) {
    if (e instanceof CoreError) return e.code;
    throw e;
  }
}
/** Parse, then write the fields back: a valid payload is its own canonical form (CRC upper-cased). */
function rebuild(p: EmvPayload): string {
  return buildEmv(p.fields.filter((f) => f.id !== '63'));
}

// ---- vectors ----

interface Vector {
  payload: string;
  valid: boolean;
  crc?: string;
  code?: string;
  warnings?: string[];
  fields?: EmvField[];
  source?: string;
  note?: string;
}
const KNOWN_KEYS = new Set(['payload', 'valid', 'crc', 'code', 'warnings', 'fields', 'source', 'note']);
// Codes an invalid vector may expect; anything else is a typo in the vector file.
const EXPECTABLE = [
  'EMV_BAD_TLV',
  'EMV_BAD_LENGTH',
  'EMV_BAD_CRC',
  'EMV_BAD_ORDER',
  'EMV_NO_MERCHANT_ACCOUNT',
  'LIMIT_EXCEEDED',
  'BAD_UTF8',
] as const satisfies readonly CoreErrorCode[];

function loadVectors(name: string): Vector[] {
  return JSON.parse(readFileSync(new URL(`../../test/vectors/emv/${name}`, import.meta.url), 'utf8')) as Vector[];
}
const files = {
  'public-examples.json': loadVectors('public-examples.json'),
  'sanma-examples.json': loadVectors('sanma-examples.json'),
};
const validPayloads = Object.values(files)
  .flat()
  .filter((v) => v.valid === true)
  .map((v) => v.payload);

function runVector(v: Vector): void {
  const unknown = Object.keys(v).filter((k) => !KNOWN_KEYS.has(k));
  if (unknown.length > 0) throw new Error(`vector has unknown keys ${unknown.join(', ')}`);
  if (typeof v.payload !== 'string') throw new Error('vector without a string payload');
  const result = tryParseEmv(v.payload);
  if (v.valid === true) {
    if (v.code !== undefined) throw new Error('a valid vector must not name an error code');
    if (typeof v.crc !== 'string' || !/^[0-9A-F]{4}$/.test(v.crc)) throw new Error(`valid vector needs an upper-case crc`);
    if (!result.ok) throw new Error(`expected valid, got ${result.message}`);
    expect(result.value.crc).toBe(v.crc);
    expect(rebuild(result.value)).toBe(v.payload.slice(0, -4) + v.crc);
    if (v.warnings !== undefined) expect(result.value.warnings).toEqual(v.warnings);
    if (v.fields !== undefined) expect(buildEmv(v.fields)).toBe(v.payload);
  } else if (v.valid === false) {
    if (!(EXPECTABLE as readonly string[]).includes(v.code ?? '')) throw new Error(`unknown expected code ${v.code}`);
    if (v.crc !== undefined || v.warnings !== undefined || v.fields !== undefined) {
      throw new Error('an invalid vector has only payload, code and notes');
    }
    expect(result.ok ? 'OK' : result.code).toBe(v.code);
  } else {
    throw new Error(`vector with valid = ${JSON.stringify(v.valid)}`);
  }
}

for (const [name, vectors] of Object.entries(files)) {
  describe(`EMV vectors: ${name}`, () => {
    it('has vectors', () => expect(vectors.length).toBeGreaterThan(0));
    vectors.forEach((v, i) => {
      it(`#${i} ${v.valid ? 'valid' : v.code}: ${(v.note ?? v.source ?? '').slice(0, 80)}`, () => runVector(v));
    });
  });
}

describe('EMV vector runner', () => {
  it('fails on vectors it does not understand', () => {
    const good = validPayloads[0]!;
    expect(() => runVector({ payload: good, valid: 'yes' } as unknown as Vector)).toThrow();
    expect(() => runVector({ payload: good, valid: true })).toThrow(); // no crc
    expect(() => runVector({ payload: good, valid: false, code: 'EMV_BAD_CRCC' })).toThrow();
    expect(() => runVector({ payload: good, valid: false })).toThrow();
    expect(() => runVector({ payload: good, valid: true, crc: 'A13A', expected: 'x' } as unknown as Vector)).toThrow();
  });
});

// ---- the parts of a parsed payload ----

describe('parseEmv', () => {
  const emvco = files['public-examples.json'][0]!.payload;

  it('parses the EMVCo example, templates included, counting characters not bytes', () => {
    const p = parseEmv(emvco);
    expect(p.merchantName).toBe('BEST TRANSPORT');
    expect(p.merchantCity).toBe('BEIJING');
    expect(p.countryCode).toBe('CN');
    expect(p.currency).toBe('156');
    expect(p.amount).toBe('23.72');
    expect(p.crc).toBe('A13A');
    expect(p.warnings).toEqual([]);
    expect(p.alternateLanguage).toEqual({ language: 'ZH', name: '最佳运输', city: '北京' });
    expect(p.merchantAccounts.map((f) => f.id)).toEqual(['29', '31']);
    expect(p.merchantAccounts[0]!.subfields).toEqual([
      { id: '00', value: 'D15600000000' },
      { id: '05', value: 'A93FO3230Q' },
    ]);
    const byId = new Map(p.fields.map((f) => [f.id, f]));
    expect(byId.get('62')!.subfields!.map((f) => f.id)).toEqual(['03', '06', '07', '09']);
    expect(byId.get('91')!.subfields).toEqual([
      { id: '00', value: 'A011223344998877' },
      { id: '07', value: '12345678' },
    ]);
    expect(byId.get('55')).toEqual({ id: '55', value: '01' }); // primitive: no subfields key
    expect(p.fields[0]!.id).toBe('00');
    expect(p.fields[p.fields.length - 1]).toEqual({ id: '63', value: 'A13A' });
  });

  it('warns, never fails, on missing or unusual optional fields (PromptPay has no 52/59/60)', () => {
    const p = parseEmv(files['public-examples.json'][2]!.payload);
    expect(p.warnings).toEqual(['MISSING_MCC', 'MISSING_MERCHANT_NAME', 'MISSING_MERCHANT_CITY']);
    const odd = parseEmv(
      withCrc(tlv('00', '02') + tlv('01', '13') + tlv('02', '4000123412341234') + tlv('64', tlv('01', '张三'))),
    );
    expect(odd.warnings).toEqual([
      'UNKNOWN_FORMAT_INDICATOR',
      'UNKNOWN_POINT_OF_INITIATION',
      'MISSING_MCC',
      'MISSING_CURRENCY',
      'MISSING_COUNTRY',
      'MISSING_MERCHANT_NAME',
      'MISSING_MERCHANT_CITY',
      'MISSING_LANGUAGE_PREFERENCE',
    ]);
    expect(odd.alternateLanguage).toEqual({ language: '', name: '张三' });
    expect(odd.merchantAccounts).toEqual([{ id: '02', value: '4000123412341234' }]);
  });

  it('names the field in its errors', () => {
    const body = tlv('00', '01') + tlv('26', tlv('00', 'A000000333') + '0116123456789012345');
    expect(() => parseEmv(withCrc(body))).toThrow(/field 26\.01 declares 16 characters, 15 present/);
    expect(() => parseEmv(tlv('00', '01') + '5913BEST')).toThrow(/EMV_BAD_TLV: field 59 declares 13 characters, 4 present/);
  });

  it('limits the input to 512 characters (code points) before parsing', () => {
    const head = tlv('00', '01') + tlv('02', '4000123412341234');
    const fill = (n: number, ch: string) => ch.repeat(n);
    // 26 + 4×103 + (4+62) + 8 = 512
    const fields = (ch: string, last: number): EmvField[] => [
      { id: '00', value: '01' },
      { id: '02', value: '4000123412341234' },
      ...['70', '71', '72', '73'].map((id) => ({ id, value: fill(99, ch) })),
      { id: '74', value: fill(last, ch) },
    ];
    expect(head.length).toBe(26);
    const max = buildEmv(fields('X', 62));
    expect(max.length).toBe(512);
    expect(parseEmv(max).warnings.length).toBeGreaterThan(0);
    expect(codeOf(() => buildEmv(fields('X', 63)))).toBe('LIMIT_EXCEEDED');
    // Astral characters are one character each, even though they take two UTF-16 units.
    const astral = buildEmv(fields('😀', 62));
    expect(Array.from(astral).length).toBe(512);
    expect(codeOf(() => parseEmv(astral))).toBe('OK');
    expect(codeOf(() => parseEmv('0'.repeat(100_000)))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(() => parseEmv(max + '0'))).toBe('LIMIT_EXCEEDED');
  });

  it('rejects a lone surrogate (it has no UTF-8 form for the CRC to cover)', () => {
    expect(codeOf(() => parseEmv(withCrc(tlv('00', '01') + tlv('02', '4000') + tlv('59', 'A\ud800B'))))).toBe('BAD_UTF8');
  });

  it('accepts a lower-case CRC and reports it upper-case; any other CRC change is EMV_BAD_CRC', () => {
    for (const payload of validPayloads) {
      const chars = Array.from(payload);
      const crcAt = chars.length - 4;
      for (let i = crcAt; i < chars.length; i++) {
        for (const h of '0123456789ABCDEFabcdef') {
          const mutated = [...chars];
          mutated[i] = h;
          const text = mutated.join('');
          const r = tryParseEmv(text);
          if (h.toUpperCase() === chars[i]!.toUpperCase()) {
            expect(r.ok && r.value.crc).toBe(payload.slice(-4).toUpperCase());
          } else {
            expect(r.ok ? 'OK' : r.code).toBe('EMV_BAD_CRC');
          }
        }
      }
    }
  });
});

describe('crc16ccitt', () => {
  it('is CRC-16/CCITT-FALSE (check value 29B1)', () => {
    expect(crc16ccitt(utf8('123456789'))).toBe(0x29b1);
    expect(crc16ccitt(new Uint8Array(0))).toBe(0xffff);
  });
});

describe('looksLikeEmv', () => {
  it('sniffs the payload format indicator', () => {
    for (const p of validPayloads) expect(looksLikeEmv(p)).toBe(true);
    expect(looksLikeEmv('https://example.org/c#MZXW6')).toBe(false);
    expect(looksLikeEmv('000202')).toBe(false);
    expect(looksLikeEmv('')).toBe(false);
  });
});

describe('describeEmv', () => {
  it('prefers 59/60 and falls back to template 64', () => {
    const emvco = parseEmv(files['public-examples.json'][0]!.payload);
    expect(describeEmv(emvco)).toEqual({ payee: 'BEST TRANSPORT', city: 'BEIJING' });
    // A blank 59 counts as missing.
    const language = tlv('64', tlv('00', 'ZH') + tlv('01', '张三蔬菜') + tlv('02', '杭州'));
    const chineseOnly = parseEmv(withCrc(tlv('00', '01') + tlv('02', '4000') + tlv('59', ' ') + language));
    expect(describeEmv(chineseOnly)).toEqual({ payee: '张三蔬菜', city: '杭州' });
    expect(describeEmv(parseEmv(files['public-examples.json'][2]!.payload))).toEqual({});
  });
});

describe('buildEmv', () => {
  const account: EmvField = { id: '26', value: '', subfields: [{ id: '00', value: 'A000000333' }] };
  it('rejects what it cannot write or what would not parse back', () => {
    expect(codeOf(() => buildEmv([{ id: '00', value: '01' }, account, { id: '6', value: 'x' }]))).toBe('EMV_BAD_TLV');
    expect(codeOf(() => buildEmv([{ id: '00', value: '01' }, account, { id: '٥٩', value: 'x' }]))).toBe('EMV_BAD_TLV');
    const tooLong = { id: '59', value: 'x'.repeat(100) };
    expect(codeOf(() => buildEmv([{ id: '00', value: '01' }, account, tooLong]))).toBe('EMV_BAD_LENGTH');
    expect(codeOf(() => buildEmv([{ id: '00', value: '01' }, account, { id: '59', value: '张'.repeat(99) }]))).toBe('OK');
    expect(codeOf(() => buildEmv([{ id: '00', value: '01' }, account, { id: '63', value: '0000' }]))).toBe('EMV_BAD_ORDER');
    expect(codeOf(() => buildEmv([account, { id: '00', value: '01' }]))).toBe('EMV_BAD_ORDER');
    expect(codeOf(() => buildEmv([{ id: '00', value: '01' }, account, account]))).toBe('EMV_BAD_TLV');
    expect(codeOf(() => buildEmv([{ id: '00', value: '01' }, { id: '59', value: 'X' }]))).toBe('EMV_NO_MERCHANT_ACCOUNT');
    expect(codeOf(() => buildEmv([{ id: '00', value: '01' }, { ...account, value: '0003XYZ' }]))).toBe('BAD_VALUE');
    expect(codeOf(() => buildEmv([{ id: '00', value: '01' }, { id: '26', value: 'not tlv' }]))).toBe('EMV_BAD_TLV');
    expect(codeOf(() => buildEmv([{ id: '00', value: '01' }, account, { id: '59', value: '\udc00' }]))).toBe('BAD_UTF8');
  });
});

// ---- properties ----

const HAN = Array.from('张三李四王五蔬菜水果肉鱼杭州北京最佳运输市场摊位𠀀𪚥');
const ans = (min: number, max: number) =>
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: min, maxLength: max });
const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const han = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...HAN), minLength: min, maxLength: max });
const ids = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(2, '0'));

function template(id: string, subfields: EmvField[]): EmvField {
  return { id, value: subfields.map((f) => tlv(f.id, f.value)).join(''), subfields };
}
function subfieldsArb(subIds: string[], value: fc.Arbitrary<string>, max: number) {
  return fc.uniqueArray(fc.record({ id: fc.constantFrom(...subIds), value }), { selector: (f) => f.id, maxLength: max });
}

const accountArb: fc.Arbitrary<EmvField> = fc.oneof(
  fc.record({ id: fc.constantFrom(...ids(2, 25)), value: digits(1, 19) }),
  fc
    .tuple(fc.constantFrom(...ids(26, 51)), ans(1, 32), subfieldsArb(ids(1, 99), ans(0, 18), 3))
    .map(([id, gui, rest]) => template(id, [{ id: '00', value: gui }, ...rest.filter((f) => f.id !== '00')])),
);
const otherArbs: fc.Arbitrary<EmvField>[] = [
  fc.constantFrom('11', '12').map((value) => ({ id: '01', value })),
  digits(4, 4).map((value) => ({ id: '52', value })),
  digits(3, 3).map((value) => ({ id: '53', value })),
  digits(1, 10).map((value) => ({ id: '54', value })),
  fc.constantFrom('CN', 'TH', 'BR').map((value) => ({ id: '58', value })),
  ans(0, 25).map((value) => ({ id: '59', value })),
  ans(1, 15).map((value) => ({ id: '60', value })),
  subfieldsArb(ids(1, 9), ans(1, 18), 4).map((s) => template('62', s)),
  fc
    .tuple(fc.constantFrom('ZH', 'zh'), fc.option(han(1, 25), { nil: undefined }), fc.option(han(1, 15), { nil: undefined }))
    .map(([language, name, city]) =>
      template('64', [
        { id: '00', value: language },
        ...(name === undefined ? [] : [{ id: '01', value: name }]),
        ...(city === undefined ? [] : [{ id: '02', value: city }]),
      ]),
    ),
  fc
    .tuple(fc.constantFrom(...ids(80, 99)), subfieldsArb(ids(0, 99), fc.oneof(ans(1, 18), han(1, 18)), 4))
    .map(([id, s]) => template(id, s)),
];
/** 00 first, then merchant accounts and other fields in any order, at most 512 characters in all. */
const fieldsArb: fc.Arbitrary<EmvField[]> = fc
  .tuple(
    fc.uniqueArray(accountArb, { selector: (f) => f.id, minLength: 1, maxLength: 3 }),
    fc.tuple(...otherArbs).chain((others) => fc.shuffledSubarray(others)),
  )
  .chain(([accounts, others]) => fc.shuffledSubarray([...accounts, ...others], { minLength: [...accounts, ...others].length }))
  .map((rest) => [{ id: '00', value: '01' }, ...rest])
  .filter((fs) => Array.from(fs.map((f) => tlv(f.id, f.value)).join('')).length <= 504);

describe('EMV properties', () => {
  it('parseEmv(buildEmv(fields)) gives the fields back, and building again gives the same text', () => {
    fc.assert(
      fc.property(fieldsArb, (fields) => {
        const text = buildEmv(fields);
        expect(text).toBe(withCrc(fields.map((f) => tlv(f.id, f.value)).join('')));
        const p = parseEmv(text);
        expect(p.fields.slice(0, -1)).toEqual(fields);
        expect(rebuild(p)).toBe(text);
        const get = (id: string) => fields.find((f) => f.id === id);
        expect(p.merchantName).toBe(get('59')?.value);
        expect(p.merchantAccounts.map((f) => f.id)).toEqual(fields.filter((f) => f.id >= '02' && f.id <= '51').map((f) => f.id));
        const lang = get('64')?.subfields;
        expect(p.alternateLanguage?.name).toBe(lang?.find((f) => f.id === '01')?.value);
        expect(p.alternateLanguage?.city).toBe(lang?.find((f) => f.id === '02')?.value);
      }),
      { numRuns: 500 },
    );
  });

  it('every single-character change before the CRC value of a vector is rejected', () => {
    const pool = Array.from(
      '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz .-*/:张杭最北😀',
    );
    let tried = 0;
    for (const payload of validPayloads) {
      const chars = Array.from(payload);
      for (let i = 0; i < chars.length - 4; i++) {
        for (const ch of pool) {
          if (ch === chars[i]) continue;
          const mutated = [...chars];
          mutated[i] = ch;
          const r = tryParseEmv(mutated.join(''));
          if (r.ok) throw new Error(`change at ${i} to ${ch} accepted: ${mutated.join('')}`);
          tried++;
        }
      }
    }
    expect(tried).toBeGreaterThan(10_000);
  });

  it('every single ASCII change before the CRC value of a generated payload is rejected', () => {
    // One byte changed in UTF-8 is a burst of at most 8 bits: CRC-16 always detects it.
    fc.assert(
      fc.property(fieldsArb, fc.nat(), fc.integer({ min: 0x20, max: 0x7e }), (fields, at, code) => {
        const chars = Array.from(buildEmv(fields));
        const i = at % (chars.length - 4);
        const ch = String.fromCharCode(code);
        fc.pre(chars[i]!.length === 1 && chars[i]!.charCodeAt(0) < 0x80 && chars[i] !== ch);
        chars[i] = ch;
        expect(tryParseEmv(chars.join('')).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('fuzz: random and mutated input gives a payload or a CoreError, nothing else', () => {
    const unit = fc.oneof(
      fc.constantFrom(...'0123456789'),
      fc.constantFrom(...'ABCDEFabcdef ', '张', '😀', '\ud800', '\u0000', '\n'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    );
    const edit = fc.record({ kind: fc.constantFrom('insert', 'delete', 'replace', 'cut'), at: fc.nat(), ch: unit });
    const mutate = (text: string, edits: { kind: string; at: number; ch: string }[]) => {
      let chars = Array.from(text);
      for (const e of edits) {
        const i = e.at % (chars.length + 1);
        if (e.kind === 'insert') chars.splice(i, 0, e.ch);
        else if (e.kind === 'delete') chars.splice(i, 1);
        else if (e.kind === 'replace') chars[i] = e.ch;
        else chars = chars.slice(0, i);
      }
      return chars.join('');
    };
    const base = fc.oneof(fc.constantFrom(...validPayloads), fieldsArb.map(buildEmv));
    const input = fc.oneof(
      fc.string({ unit, maxLength: 120 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.tuple(base, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([t, es]) => mutate(t, es)),
      // Mutate, then repair the CRC, so that the checks after the CRC are reached too.
      fc.tuple(base, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([t, es]) => withCrc(mutate(t.slice(0, -8), es))),
      fc.tuple(base, fc.string({ unit, maxLength: 4 })).map(([t, s]) => withCrc(t.slice(0, -8) + s)),
    );
    let accepted = 0;
    fc.assert(
      fc.property(input, (text) => {
        const r = tryParseEmv(text); // rethrows anything that is not a CoreError
        if (r.ok) {
          accepted++;
          expect(rebuild(r.value)).toBe(text.slice(0, -4) + text.slice(-4).toUpperCase());
          describeEmv(r.value);
        } else {
          expect(r.message.startsWith(`${r.code}: `)).toBe(true);
        }
      }),
      { numRuns: 4000 },
    );
    expect(accepted).toBeGreaterThan(0);
  });
});
