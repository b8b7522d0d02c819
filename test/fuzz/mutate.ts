// Byte-level tampering for the strictness, mutation and fuzz tests: what an attacker or a damaged
// print does to a valid encoding. Written independently of src/core/bytes.ts except for the
// helpers that only join or print bytes.

import fc from 'fast-check';
import { concatBytes, utf8 } from '../../src/core/bytes';
import { CoreError, type CoreErrorCode } from '../../src/core/errors';

/** The CoreError code `f` throws, 'OK' if it returns; anything else is rethrown (a crash, a bug). */
export function codeOf(f: () => unknown): CoreErrorCode | 'OK' {
  try {
    f();
    return 'OK';
  } catch (e) {
    if (e instanceof CoreError) return e.code;
    throw e;
  }
}

export function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice();
  out[bit >> 3]! ^= 0x80 >> (bit & 7);
  return out;
}

/** Unsigned LEB128, shortest form (a second implementation, for building hostile bytes). */
export function leb128(n: number): Uint8Array {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return Uint8Array.from(out);
}

/** The varint starting at `offset`, rewritten one byte longer (a redundant zero group). */
export function padVarintAt(bytes: Uint8Array, offset: number): Uint8Array {
  let end = offset;
  while (bytes[end]! & 0x80) end++;
  const padded = concatBytes(bytes.subarray(offset, end), Uint8Array.of(bytes[end]! | 0x80, 0x00));
  return concatBytes(bytes.subarray(0, offset), padded, bytes.subarray(end + 1));
}

export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let i = from; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * Replaces the first length-prefixed occurrence of `text` (varint length ‖ UTF-8) with
 * `replacement` raw bytes under a fresh length prefix: how tests smuggle bytes the writer refuses.
 */
export function replaceText(bytes: Uint8Array, text: string, replacement: Uint8Array): Uint8Array {
  const old = concatBytes(leb128(utf8(text).length), utf8(text));
  const at = indexOfBytes(bytes, old);
  if (at < 0) throw new Error(`text ${JSON.stringify(text)} not found in the encoding`);
  return concatBytes(bytes.subarray(0, at), leb128(replacement.length), replacement, bytes.subarray(at + old.length));
}

export function replaceAt(bytes: Uint8Array, offset: number, length: number, replacement: Uint8Array): Uint8Array {
  return concatBytes(bytes.subarray(0, offset), replacement, bytes.subarray(offset + length));
}

/** Arbitrary damage to a valid encoding: bit flips, byte edits, cuts, insertions, splices. */
export function mutated(valid: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  const edit = fc.record({
    op: fc.constantFrom('flip', 'set', 'cut', 'insert', 'delete', 'append', 'duplicate'),
    at: fc.nat(),
    value: fc.integer({ min: 0, max: 255 }),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  });
  return fc.tuple(valid, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([bytes, edits]) => {
    let b = bytes;
    for (const e of edits) {
      const at = b.length === 0 ? 0 : e.at % b.length;
      switch (e.op) {
        case 'flip':
          if (b.length > 0) b = flipBit(b, at * 8 + (e.value & 7));
          break;
        case 'set':
          if (b.length > 0) b = replaceAt(b, at, 1, Uint8Array.of(e.value));
          break;
        case 'cut':
          b = b.subarray(0, at);
          break;
        case 'insert':
          b = replaceAt(b, at, 0, e.bytes);
          break;
        case 'delete':
          b = replaceAt(b, at, Math.min(e.bytes.length, b.length - at), new Uint8Array(0));
          break;
        case 'append':
          b = concatBytes(b, e.bytes);
          break;
        case 'duplicate':
          b = replaceAt(b, at, 0, b.subarray(at, at + e.bytes.length));
          break;
      }
    }
    return b;
  });
}
