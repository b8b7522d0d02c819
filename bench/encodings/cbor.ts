// Minimal deterministic CBOR encoder (RFC 8949 §4.2.1 core deterministic encoding: shortest
// argument lengths, definite lengths; map keys are written in the order given, so callers give
// them sorted), enough for the payload-size comparison of figure 4: unsigned/negative integers,
// byte and text strings, arrays, maps with integer or text keys.

export type CborValue = number | string | Uint8Array | boolean | null | CborValue[] | Map<number | string, CborValue>;

export function encodeCbor(value: CborValue): Uint8Array {
  const out: number[] = [];
  write(out, value);
  return Uint8Array.from(out);
}

function head(out: number[], major: number, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`CBOR: expected valid argument: safe non-negative integer, got ${n}`);
  const m = major << 5;
  if (n < 24) out.push(m | n);
  else if (n < 0x100) out.push(m | 24, n);
  else if (n < 0x10000) out.push(m | 25, n >> 8, n & 0xff);
  else if (n < 0x100000000) out.push(m | 26, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  else {
    const hi = Math.floor(n / 0x100000000);
    const lo = n >>> 0;
    out.push(m | 27, (hi >>> 24) & 0xff, (hi >>> 16) & 0xff, (hi >>> 8) & 0xff, hi & 0xff, (lo >>> 24) & 0xff, (lo >>> 16) & 0xff, (lo >>> 8) & 0xff, lo & 0xff);
  }
}

function write(out: number[], v: CborValue): void {
  if (v === null) out.push(0xf6);
  else if (v === false) out.push(0xf4);
  else if (v === true) out.push(0xf5);
  else if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new RangeError(`CBOR: only integers are supported, got ${v}`);
    if (v >= 0) head(out, 0, v);
    else head(out, 1, -1 - v);
  } else if (typeof v === 'string') {
    const bytes = new TextEncoder().encode(v);
    head(out, 3, bytes.length);
    for (const b of bytes) out.push(b);
  } else if (v instanceof Uint8Array) {
    head(out, 2, v.length);
    for (const b of v) out.push(b);
  } else if (Array.isArray(v)) {
    head(out, 4, v.length);
    for (const item of v) write(out, item);
  } else {
    head(out, 5, v.size);
    for (const [k, item] of v) {
      write(out, k);
      write(out, item);
    }
  }
}
