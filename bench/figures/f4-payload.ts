// Figure 4: payload size and QR version of the typical stall code (test/fixtures/network.ts
// typicalNetwork: 2 payment channels, a health credential, 3 batches with Chinese names, in a
// block of 1,000 records), compared with the same content as JSON (hashes base64url, byte mode)
// and as CBOR + base45 (alphanumeric mode). Versions are what the `qrcode` package picks at
// level M with the segments each text allows. Sizes are deterministic: one "run".

import { decodePayload, encodePayload, qrSegments, stallCodeText, type StallCode, type StallCodePayload } from '../../src/core';
import { typicalNetwork } from '../../test/fixtures/network';
import { encodeBase45 } from '../encodings/base45';
import { encodeCbor, type CborValue } from '../encodings/cbor';
import type { Figure } from '../lib/context';
import { qrSymbol, type TextSegment } from '../lib/qr';
import { exactRow, type BenchRow } from '../lib/row';

function qrVersion(segments: TextSegment[]): number {
  return qrSymbol(segments).version;
}

const b64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

/** The payload's content as a straightforward JSON document (field names as in the core types). */
export function payloadJson(p: StallCodePayload): Uint8Array {
  const c: StallCode = p.record as StallCode;
  const doc = {
    v: 1,
    chainId: p.chainId,
    height: p.height,
    index: p.index,
    proof: p.proof.map(b64url),
    record: {
      kind: c.kind,
      issuedAt: c.issuedAt,
      stallNo: c.stallNo,
      stallName: c.stallName,
      health: c.health,
      channels: c.channels,
      batches: c.batches,
    },
  };
  return new TextEncoder().encode(JSON.stringify(doc));
}

/** The same content as CBOR with small integer keys (the CWT/EU-DCC style), hashes as bstr. */
export function payloadCbor(p: StallCodePayload): Uint8Array {
  const c = p.record as StallCode;
  const m = (...entries: [number, CborValue][]): Map<number, CborValue> => new Map(entries);
  return encodeCbor(
    m(
      [1, 1],
      [2, p.chainId],
      [3, p.height],
      [4, p.index],
      [5, p.proof],
      [
        6,
        m(
          [1, c.issuedAt],
          [2, c.stallNo],
          [3, c.stallName],
          [4, [c.health.height, c.health.index, c.health.validUntil]],
          [5, c.channels.map((ch) => [ch.type === 'emv' ? 1 : 2, ch.label, ch.value])],
          [6, c.batches.map((b) => [b.product, b.origin, b.supplier, b.amount, ['g', 'kg', 'jin', 'piece'].indexOf(b.unit) + 1, b.day, ['none', 'pass', 'fail'].indexOf(b.test)])],
        ),
      ],
    ),
  );
}

interface Encoding {
  name: string;
  payloadBytes: number;
  text: string;
  segments: TextSegment[];
  note: string;
}

function encodings(payload: Uint8Array, qrText: string, base: string): Encoding[] {
  const p = decodePayload(payload);
  const json = payloadJson(p);
  const cbor = payloadCbor(p);
  const lowerBase = base.toLowerCase();
  const jsonUrl = `${lowerBase}/c#${b64url(json)}`;
  const b64Url = `${lowerBase}/c#${b64url(payload)}`;
  const cborUrl = `${base}/C#${encodeBase45(cbor)}`;
  const rawJson = new TextDecoder().decode(json);
  return [
    { name: 'ours: binary + base32 (alphanumeric)', payloadBytes: payload.length, text: qrText, segments: qrSegments(qrText), note: 'URL form; what the app prints' },
    { name: 'binary + base64url (byte mode)', payloadBytes: payload.length, text: b64Url, segments: [{ data: b64Url, mode: 'byte' }], note: 'same bytes, lower-case URL' },
    { name: 'JSON (hashes base64url) + base64url (byte mode)', payloadBytes: json.length, text: jsonUrl, segments: [{ data: jsonUrl, mode: 'byte' }], note: 'JSON with the core field names, in the URL fragment' },
    { name: 'JSON as bare QR text (byte mode)', payloadBytes: json.length, text: rawJson, segments: [{ data: rawJson, mode: 'byte' }], note: 'no URL: a phone camera cannot open it' },
    {
      name: 'CBOR (integer keys) + base45 (alphanumeric)',
      payloadBytes: cbor.length,
      text: cborUrl,
      segments: qrSegments(cborUrl),
      note: "base45 puts ' ', '%', '+' in the fragment: not valid URL syntax for camera apps",
    },
  ];
}

export const payloadSize: Figure = {
  figure: 4,
  title: 'payload size',
  timeoutMs: 60_000,
  run() {
    const { net, block, index } = typicalNetwork();
    const typical = net.codeText(block, index);
    const base = net.policy.codeBaseUrl;
    const rows: BenchRow[] = [];
    for (const e of encodings(typical.payload, typical.text, base)) {
      const ours = e.name.startsWith('ours');
      const version = qrVersion(e.segments);
      rows.push(
        exactRow(4, `typical code, ${e.name}: payload`, 'B', e.payloadBytes, ours ? { target: { op: '<=', value: 700, text: '≤ 700 B' }, note: e.note } : { note: e.note }),
        exactRow(4, `typical code, ${e.name}: QR text`, 'chars', e.text.length),
        exactRow(4, `typical code, ${e.name}: QR version at M`, 'version', version, ours ? { target: { op: '<=', value: 23, text: '≤ v23' } } : {}),
      );
    }
    // The fixture's typical code sits at the last leaf, whose proof (8 hashes) is shorter than
    // most: 3 of 4 leaves of a 1,000-record block need 10. The same code at such a leaf:
    const tree = block.built.tree;
    let deepest = 0;
    for (let i = 0; i < block.records.length; i++) if (tree.inclusionProof(i).length > tree.inclusionProof(deepest).length) deepest = i;
    const worstPayload = encodePayload({ chainId: net.chainId, height: block.built.header.height, index: deepest, proof: tree.inclusionProof(deepest), body: block.records[index]!.body });
    const worst = { text: stallCodeText(base, worstPayload), payload: worstPayload };
    rows.push(
      exactRow(4, 'typical code at a deepest leaf of its 1,000-record block, ours: payload', 'B', worst.payload.length, {
        target: { op: '<=', value: 700, text: '≤ 700 B' },
        note: `${decodePayload(worst.payload).proof.length}-hash proof at leaf ${deepest} (the fixture's code, leaf ${index}: ${decodePayload(typical.payload).proof.length})`,
      }),
      exactRow(4, 'typical code at a deepest leaf of its 1,000-record block, ours: QR version at M', 'version', qrVersion(qrSegments(worst.text)), { target: { op: '<=', value: 23, text: '≤ v23' } }),
    );
    return Promise.resolve(rows);
  },
};
