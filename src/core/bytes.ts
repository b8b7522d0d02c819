// Strict binary reading and writing shared by every Sanma format (docs/FORMAT.md §2).
// Integers are unsigned LEB128 varints in their shortest form, at most 2^53-1; text is
// length-prefixed UTF-8 that must be well-formed, NFC and free of control characters;
// every length and count is checked against a declared limit before anything is allocated.
// All input to Reader is hostile.

import { fail } from './errors';

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// C0 controls, DEL and C1 controls: never meaningful in a stall name or a product.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function utf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** Checks text the way Reader.text() will, so a writer can never produce undecodable bytes. */
export function checkText(field: string, text: string, maxBytes: number): Uint8Array {
  if (CONTROL.test(text)) fail('BAD_UTF8', `${field}: control character`);
  if (text.normalize('NFC') !== text) fail('BAD_UTF8', `${field}: not NFC`);
  const bytes = utf8Encoder.encode(text);
  // Lone surrogates encode as U+FFFD and would not round-trip.
  if (utf8Decoder.decode(bytes) !== text) fail('BAD_UTF8', `${field}: lone surrogate`);
  if (bytes.length > maxBytes) fail('LIMIT_EXCEEDED', `${field}: ${bytes.length} bytes > ${maxBytes}`);
  return bytes;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/.test(hex)) fail('BAD_VALUE', 'hex: expected lower-case pairs');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export class Writer {
  private buf = new Uint8Array(256);
  private len = 0;

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  u8(value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > 255) fail('BAD_VALUE', `u8 out of range: ${value}`);
    this.ensure(1);
    this.buf[this.len++] = value;
    return this;
  }

  /** Unsigned LEB128, shortest form. */
  varint(value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) fail('BAD_VALUE', `varint out of range: ${value}`);
    let v = value;
    while (v >= 0x80) {
      this.u8((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    return this.u8(v);
  }

  raw(bytes: Uint8Array): this {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
    return this;
  }

  /** Exactly `length` bytes, no prefix (keys, hashes, signatures). */
  fixed(field: string, bytes: Uint8Array, length: number): this {
    if (bytes.length !== length) fail('BAD_VALUE', `${field}: expected ${length} bytes, got ${bytes.length}`);
    return this.raw(bytes);
  }

  /** varint length ‖ bytes. */
  bytes(field: string, bytes: Uint8Array, max: number): this {
    if (bytes.length > max) fail('LIMIT_EXCEEDED', `${field}: ${bytes.length} bytes > ${max}`);
    return this.varint(bytes.length).raw(bytes);
  }

  /** varint byte length ‖ UTF-8. */
  text(field: string, text: string, maxBytes: number): this {
    const b = checkText(field, text, maxBytes);
    return this.varint(b.length).raw(b);
  }

  count(field: string, n: number, min: number, max: number): this {
    if (n < min || n > max) fail('LIMIT_EXCEEDED', `${field}: expected ${min} <= count <= ${max}, got ${n}`);
    return this.varint(n);
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

export class Reader {
  private pos = 0;
  constructor(private readonly input: Uint8Array) {}

  get remaining(): number {
    return this.input.length - this.pos;
  }
  get offset(): number {
    return this.pos;
  }

  u8(field: string): number {
    if (this.pos >= this.input.length) fail('TRUNCATED', `${field}: input ended at byte ${this.pos}`);
    return this.input[this.pos++]!;
  }

  varint(field: string, max = Number.MAX_SAFE_INTEGER): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; ; i++) {
      if (i >= 8) fail('NON_CANONICAL', `${field}: varint longer than 8 bytes`);
      const b = this.u8(field);
      value += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) {
        if (b === 0 && i > 0) fail('NON_CANONICAL', `${field}: varint has a redundant zero byte`);
        break;
      }
      scale *= 0x80;
    }
    if (!Number.isSafeInteger(value)) fail('LIMIT_EXCEEDED', `${field}: varint above 2^53-1`);
    if (value > max) fail('LIMIT_EXCEEDED', `${field}: ${value} > ${max}`);
    return value;
  }

  fixed(field: string, length: number): Uint8Array {
    if (this.remaining < length) fail('TRUNCATED', `${field}: need ${length} bytes, ${this.remaining} left`);
    const out = this.input.slice(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  bytes(field: string, max: number): Uint8Array {
    const n = this.varint(`${field}.length`, max);
    return this.fixed(field, n);
  }

  text(field: string, maxBytes: number): string {
    const b = this.bytes(field, maxBytes);
    let text: string;
    try {
      text = utf8Decoder.decode(b);
    } catch {
      fail('BAD_UTF8', `${field}: not well-formed UTF-8`);
    }
    if (CONTROL.test(text)) fail('BAD_UTF8', `${field}: control character`);
    if (text.normalize('NFC') !== text) fail('BAD_UTF8', `${field}: not NFC`);
    return text;
  }

  count(field: string, min: number, max: number): number {
    const n = this.varint(`${field}.count`);
    if (n < min || n > max) fail('LIMIT_EXCEEDED', `${field}: expected ${min} <= count <= ${max}, got ${n}`);
    return n;
  }

  /** Everything left (used only for a final field whose length is implied). */
  rest(): Uint8Array {
    const out = this.input.slice(this.pos);
    this.pos = this.input.length;
    return out;
  }

  end(what: string): void {
    if (this.remaining !== 0) fail('TRAILING_BYTES', `${what}: ${this.remaining} bytes after the end`);
  }
}
