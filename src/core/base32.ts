// Base32 for the text of the code on the poster: RFC 4648 §6, upper-case alphabet A-Z2-7,
// without the '=' padding. Every character is in the QR alphanumeric set, so the payload packs
// at 5.5 bits per character instead of 8 (docs/DESIGN.md §4).
// Decoding is strict and canonical: exactly one text per byte string. Lower case, padding,
// whitespace, impossible lengths and non-zero unused trailing bits are all BAD_BASE32, so a
// scanned text either is the encoding of its bytes or is rejected.

import { fail } from './errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

// char code → 5-bit value, -1 outside the alphabet. Built once; one lookup per character.
const DECODE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

// Characters in the last 8-character group that an unpadded text may end with:
// 2 → 1 byte, 4 → 2, 5 → 3, 7 → 4. 1, 3 and 6 characters cannot come from whole bytes.
const VALID_REMAINDER = [true, false, true, false, true, true, false, true];

export function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < bytes.length; i++) {
    acc = ((acc << 8) | bytes[i]!) & 0xfff; // at most 4 pending + 8 new bits
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(acc >>> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(acc << (5 - bits)) & 31];
  return out;
}

/** Number of bytes an unpadded base32 text of `length` characters decodes to. */
function decodedLength(length: number): number {
  return Math.floor((length * 5) / 8);
}

export function decodeBase32(text: string, maxBytes?: number): Uint8Array {
  if (maxBytes !== undefined) {
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) fail('BAD_VALUE', `base32 maxBytes: ${maxBytes}`);
    // Before looking at a single character: hostile input must not cost more than its length.
    const n = decodedLength(text.length);
    if (n > maxBytes) fail('LIMIT_EXCEEDED', `base32: ${text.length} characters decode to ${n} bytes > ${maxBytes}`);
  }
  if (!VALID_REMAINDER[text.length % 8]) {
    fail('BAD_BASE32', `length ${text.length} (${text.length % 8} mod 8) is not a whole number of bytes`);
  }
  const out = new Uint8Array(decodedLength(text.length));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? DECODE[c]! : -1;
    if (v < 0) fail('BAD_BASE32', `character ${JSON.stringify(text[i])} at ${i} is not in A-Z2-7`);
    acc = ((acc << 5) | v) & 0xfff; // at most 7 pending + 5 new bits
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  // The unused low bits of the last character must be zero, or several texts would decode to
  // the same bytes.
  if ((acc & ((1 << bits) - 1)) !== 0) fail('BAD_BASE32', `non-zero unused bits in the last character`);
  return out;
}
