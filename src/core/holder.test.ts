// The holder commitment of a health credential (src/core/holder.ts, docs/FORMAT.md §4.2), told as
// the inspector meets it: the ledger shows a credential with no name on it, the vendor shows a
// paper certificate with a name, a number and a printed salt, and the inspector's phone decides
// whether the two belong together. Properties cover the commitment; the salt's printed form is
// checked for round trips and for every way a hand-typed salt can be wrong.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CERTIFICATE, TestNetwork, seededKey } from '../../test/fixtures/network';
import { codeOf } from '../../test/fuzz/mutate';
import { encodeBase32 } from './base32';
import { concatBytes, toHex, utf8 } from './bytes';
import { sha256 } from './crypto';
import { decodeRecord } from './codec/records';
import type { HealthCredential } from './codec/types';
import { HOLDER_SALT_BYTES, formatHolderSalt, holderCommitment, holderMatches, parseHolderSalt } from './holder';

const salt16 = fc.uint8Array({ minLength: HOLDER_SALT_BYTES, maxLength: HOLDER_SALT_BYTES });
const name = fc.string({ minLength: 1, maxLength: 12 }).map((s) => s.normalize('NFC').trim().replace(/\s+/g, ' ')).filter((s) => s.length > 0);
const number = fc.stringMatching(/^[A-Z0-9][A-Z0-9-]{0,20}$/);
const leb = (n: number): Uint8Array => Uint8Array.of(n); // lengths below 128 in these tests

describe('an inspector matches a paper certificate to a credential', () => {
  // The health authority issued the credential on the test network; the vendor keeps the paper.
  const net = new TestNetwork();
  const vendor = seededKey('vendor-A012');
  const sealed = net.seal([net.sign(net.credential(vendor), net.healthAuthority.secretKey)]);
  const onLedger = decodeRecord(sealed.records[0]!.body) as HealthCredential;
  const printedSalt = formatHolderSalt(CERTIFICATE.salt);

  it('the credential on the ledger carries neither the name nor the number, only 32 bytes of commitment', () => {
    const body = toHex(sealed.records[0]!.body);
    expect(body).not.toContain(toHex(utf8(CERTIFICATE.name)));
    expect(body).not.toContain(toHex(utf8(CERTIFICATE.number)));
    expect(onLedger.holder).toHaveLength(32);
  });

  it('types in the salt, name and number printed on the certificate: they match', () => {
    expect(holderMatches(onLedger, parseHolderSalt(printedSalt), CERTIFICATE.name, CERTIFICATE.number)).toBe(true);
  });

  it('typing them the way people do (salt in lower case without spaces, extra spaces, number in lower case) still matches', () => {
    const typed = printedSalt.replace(/ /g, '').toLowerCase();
    expect(holderMatches(onLedger, parseHolderSalt(typed), `  ${CERTIFICATE.name} `, CERTIFICATE.number.toLowerCase())).toBe(true);
  });

  it('another person\'s name or another certificate number does not match', () => {
    const salt = parseHolderSalt(printedSalt);
    expect(holderMatches(onLedger, salt, '李四', CERTIFICATE.number)).toBe(false);
    expect(holderMatches(onLedger, salt, CERTIFICATE.name, '浙健证330106-2026-0013')).toBe(false);
  });

  it('a certificate with another salt (a forged paper with the right name and number) does not match', () => {
    const other = Uint8Array.from(CERTIFICATE.salt, (b, i) => (i === 0 ? b ^ 1 : b));
    expect(holderMatches(onLedger, other, CERTIFICATE.name, CERTIFICATE.number)).toBe(false);
  });
});

describe('holderCommitment', () => {
  it('is SHA-256("sanma/v1/holder" ‖ 00 ‖ salt ‖ varint len ‖ NFC-trimmed name ‖ varint len ‖ upper-cased number)', () => {
    const salt = new Uint8Array(16).fill(7);
    const expected = sha256(concatBytes(utf8('sanma/v1/holder'), Uint8Array.of(0), salt, leb(6), utf8('张三'), leb(6), utf8('AB-12X')));
    expect(holderCommitment(salt, ' 张三\u3000', 'ab-12x ')).toEqual(expected);
  });

  it('normalises to NFC: a decomposed é is the same holder as the composed one', () => {
    const salt = new Uint8Array(16);
    expect(holderCommitment(salt, 'Rene\u0301', 'X1')).toEqual(holderCommitment(salt, 'Ren\u00e9', 'X1'));
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(salt16, name, number, (s, n, c) => {
        expect(holderCommitment(s, n, c)).toEqual(holderCommitment(s.slice(), n, c));
      }),
      { numRuns: 100 },
    );
  });

  it('differs when any one field differs: salt, name or number', () => {
    fc.assert(
      fc.property(salt16, name, number, fc.nat({ max: 16 * 8 - 1 }), name, number, (s, n, c, bit, n2, c2) => {
        const base = toHex(holderCommitment(s, n, c));
        const flipped = s.slice();
        flipped[bit >> 3]! ^= 1 << (bit & 7);
        expect(toHex(holderCommitment(flipped, n, c))).not.toBe(base);
        if (n2 !== n) expect(toHex(holderCommitment(s, n2, c))).not.toBe(base);
        if (c2 !== c) expect(toHex(holderCommitment(s, n, c2))).not.toBe(base);
      }),
      { numRuns: 100 },
    );
  });

  it('name and number are length-prefixed: moving characters from one to the other changes the commitment', () => {
    const salt = new Uint8Array(16);
    expect(toHex(holderCommitment(salt, '张三A', 'B1'))).not.toBe(toHex(holderCommitment(salt, '张三', 'AB1')));
  });

  it('a salt that is not 16 bytes, or a name or number over its limit, is BAD_VALUE / LIMIT_EXCEEDED', () => {
    for (const n of [0, 15, 17, 32]) expect(codeOf(() => holderCommitment(new Uint8Array(n), '张三', 'X'))).toBe('BAD_VALUE');
    expect(codeOf(() => holderCommitment(new Uint8Array(16), '张'.repeat(100), 'X'))).toBe('LIMIT_EXCEEDED');
  });
});

describe('the printed salt', () => {
  it('is 26 base32 characters in groups of 4 separated by spaces', () => {
    const printed = formatHolderSalt(CERTIFICATE.salt);
    expect(printed).toMatch(/^([A-Z2-7]{4} ){6}[A-Z2-7]{2}$/);
    expect(printed.replace(/ /g, '')).toBe(encodeBase32(CERTIFICATE.salt));
  });

  it('parse(format(salt)) is the salt, in any case and with any spacing', () => {
    fc.assert(
      fc.property(salt16, fc.boolean(), (s, lower) => {
        const printed = formatHolderSalt(s);
        expect(printed).toHaveLength(26 + 6);
        expect(parseHolderSalt(printed)).toEqual(s);
        const typed = lower ? printed.toLowerCase().replace(/ /g, '') : printed.replace(/ /g, '  ');
        expect(parseHolderSalt(typed)).toEqual(s);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['empty', ''],
    ['25 characters', 'A'.repeat(25)],
    ['27 characters', 'A'.repeat(27)],
    ['a character outside base32 (0, 1, 8, 9)', '0' + 'A'.repeat(25)],
    ['punctuation', 'AAAA.AAAA AAAA AAAA AAAA AAAA AA'],
    ['non-ASCII', 'ÀAAA AAAA AAAA AAAA AAAA AAAA AA'],
  ])('%s is BAD_VALUE', (_, text) => {
    expect(codeOf(() => parseHolderSalt(text))).toBe('BAD_VALUE');
  });

  it('formatting a salt that is not 16 bytes is BAD_VALUE', () => {
    expect(codeOf(() => formatHolderSalt(new Uint8Array(15)))).toBe('BAD_VALUE');
  });

  it('26 characters whose last bits are not zero (not the encoding of any 16 bytes) are refused', () => {
    // 26 × 5 = 130 bits hold 128: the last character carries 2 padding bits that must be 0. The
    // base32 decoder refuses them with its own code (BAD_BASE32), not BAD_VALUE like the rest.
    const printed = formatHolderSalt(new Uint8Array(16)).replace(/ /g, '');
    expect(printed.endsWith('AA')).toBe(true);
    expect(codeOf(() => parseHolderSalt(printed.slice(0, -1) + 'B'))).toBe('BAD_BASE32');
  });
});
