// What the typical stall code would cost in other encodings (docs/FORMAT.md §11): the same content
// as JSON + base64url, as CBOR + base45 (RFC 9285, the EU digital COVID certificate's choice), and
// our binary payload under other text encodings, each measured as the QR version at level M with
// the qrcode package. No CBOR library is installed, so CBOR is hand-encoded here (RFC 8949 §3,
// preferred serialisation: shortest heads, definite lengths).

import QRCode, { type QRCodeSegment } from 'qrcode';
import { encodeBase32 } from '../../../src/core/base32';
import { qrSegments } from '../../../src/core/codec/qrtext';
import type { StallCodePayload } from '../../../src/core/codec/types';
import { encodeBase45 as base45 } from '../../../bench/encodings/base45';

export function base64url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// ---- a minimal CBOR encoder: unsigned integers, byte strings, text, arrays, maps ----

type Cbor = number | string | Uint8Array | Cbor[] | Map<string | number, Cbor>;

function head(major: number, n: number): number[] {
  const m = major << 5;
  if (n < 24) return [m | n];
  if (n < 0x100) return [m | 24, n];
  if (n < 0x10000) return [m | 25, n >> 8, n & 0xff];
  if (n < 0x100000000) return [m | 26, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
  const big = BigInt(n);
  return [m | 27, ...Array.from({ length: 8 }, (_, i) => Number((big >> BigInt(56 - 8 * i)) & 0xffn))];
}

export function cbor(value: Cbor): Uint8Array {
  const out: number[] = [];
  const put = (v: Cbor): void => {
    if (typeof v === 'number') out.push(...head(0, v));
    else if (typeof v === 'string') {
      const b = new TextEncoder().encode(v);
      out.push(...head(3, b.length), ...b);
    } else if (v instanceof Uint8Array) out.push(...head(2, v.length), ...v);
    else if (Array.isArray(v)) {
      out.push(...head(4, v.length));
      v.forEach(put);
    } else {
      out.push(...head(5, v.size));
      for (const [k, x] of v) {
        put(k);
        put(x);
      }
    }
  };
  put(value);
  return Uint8Array.from(out);
}

// ---- the typical code's content in each representation ----

/** The payload as a JSON document with the codec's field names; hashes in base64url. */
export function asJson(p: StallCodePayload): string {
  return JSON.stringify({
    version: 1,
    chainId: p.chainId,
    height: p.height,
    index: p.index,
    proof: p.proof.map(base64url),
    record: p.record,
  });
}

/** The same content as CBOR, with the JSON's string keys or with small integer keys. */
export function asCbor(p: StallCodePayload, keys: 'strings' | 'integers'): Uint8Array {
  let next = 0;
  const ids = new Map<string, number>();
  const key = (k: string): string | number => {
    if (keys === 'strings') return k;
    if (!ids.has(k)) ids.set(k, next++);
    return ids.get(k)!;
  };
  const obj = (o: Record<string, Cbor>): Map<string | number, Cbor> => new Map(Object.entries(o).map(([k, v]) => [key(k), v]));
  const r = p.record;
  return cbor(
    obj({
      version: 1,
      chainId: p.chainId,
      height: p.height,
      index: p.index,
      proof: p.proof,
      record: obj({
        kind: r.kind,
        issuedAt: r.issuedAt,
        stallNo: r.stallNo,
        stallName: r.stallName,
        registration: obj({ height: r.registration.height, index: r.registration.index }),
        health: obj({ height: r.health.height, index: r.health.index, validUntil: r.health.validUntil }),
        channels: r.channels.map((c) => obj({ type: c.type, label: c.label, value: c.value })),
        batches: r.batches.map((b) => obj({ ...b })),
      }),
    }),
  );
}

export function qrVersion(text: string): number {
  // @types/qrcode types byte segments as binary data only; the encoder takes strings (UTF-8).
  const segments = qrSegments(text).map((s) => ({ data: s.data, mode: s.mode }) as QRCodeSegment);
  return QRCode.create(segments, { errorCorrectionLevel: 'M' }).version;
}

export interface Encoding {
  name: string;
  /** Bytes before the text encoding. */
  bytes: number;
  /** Characters of the whole QR text, URL included. */
  chars: number;
  modes: string;
  version: number;
  note: string;
}

/** Every representation of one payload, as rows of the FORMAT.md comparison table. */
export function compareEncodings(payloadBytes: Uint8Array, p: StallCodePayload, urlBase: string): Encoding[] {
  const url = `${urlBase}/C#`;
  const row = (name: string, bytes: number, text: string, note: string): Encoding => ({
    name,
    bytes,
    chars: text.length,
    modes: [...new Set(qrSegments(text).map((s) => s.mode))].join(' + '),
    version: qrVersion(text),
    note,
  });
  const json = new TextEncoder().encode(asJson(p));
  const cborStrings = asCbor(p, 'strings');
  const cborIntegers = asCbor(p, 'integers');
  return [
    row('Sanma binary + base32 (ours)', payloadBytes.length, url + encodeBase32(payloadBytes), 'URL-safe; everything but "#" alphanumeric'),
    row('Sanma binary + base64url', payloadBytes.length, url.toLowerCase() + base64url(payloadBytes), 'lower case forces byte mode'),
    row('Sanma binary + base45', payloadBytes.length, url + base45(payloadBytes), 'denser, but space, "%" and "+" are not URL-safe'),
    row('JSON + base64url', json.length, url.toLowerCase() + base64url(json), 'field names as in types.ts, hashes base64url'),
    row('CBOR (string keys) + base45', cborStrings.length, url + base45(cborStrings), 'same keys as the JSON'),
    row('CBOR (integer keys) + base45', cborIntegers.length, url + base45(cborIntegers), 'keys 0, 1, 2, … instead of names'),
  ];
}
