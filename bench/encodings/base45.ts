// Base45 (RFC 9285): two bytes → three characters of the QR alphanumeric alphabet, as used by
// the EU Digital COVID Certificate (CBOR + base45). Only for the payload-size comparison
// (figure 4); Sanma itself uses base32 (RFC 4648), which stays inside URL syntax.

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

export function encodeBase45(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const n = bytes[i]! * 256 + bytes[i + 1]!;
    out += ALPHABET[n % 45]! + ALPHABET[Math.floor(n / 45) % 45]! + ALPHABET[Math.floor(n / 2025)]!;
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1]!;
    out += ALPHABET[n % 45]! + ALPHABET[Math.floor(n / 45)]!;
  }
  return out;
}

/** Inverse of encodeBase45, strict (RFC 9285 §4: invalid characters or values are errors). */
export function decodeBase45(text: string): Uint8Array {
  const values = [...text].map((c) => {
    const v = ALPHABET.indexOf(c);
    if (v < 0) throw new TypeError(`base45: invalid character ${JSON.stringify(c)}`);
    return v;
  });
  if (values.length % 3 === 1) throw new RangeError('base45: invalid length');
  const out: number[] = [];
  for (let i = 0; i < values.length; i += 3) {
    if (i + 2 < values.length) {
      const n = values[i]! + values[i + 1]! * 45 + values[i + 2]! * 2025;
      if (n > 0xffff) throw new RangeError('base45: triple out of range');
      out.push(n >> 8, n & 0xff);
    } else {
      const n = values[i]! + values[i + 1]! * 45;
      if (n > 0xff) throw new RangeError('base45: pair out of range');
      out.push(n);
    }
  }
  return Uint8Array.from(out);
}
