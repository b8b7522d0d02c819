// Derives, deterministically from the test fixtures (seeded keys, fixed clock, RFC 8032's
// deterministic signatures), everything docs/FORMAT.md and test/vectors/sanma/ show: the worked
// examples, the typical stall code vector and the size tables. generate.ts writes them out;
// src/core/codec/format-doc.test.ts derives them again and compares byte for byte.

import { readFileSync } from 'node:fs';
import { encodeBase32 } from '../../../src/core/base32';
import { concatBytes, fromHex, toHex, utf8 } from '../../../src/core/bytes';
import { decodePayload, encodePayload } from '../../../src/core/codec/payload';
import { encodeSignedHeader } from '../../../src/core/codec/header';
import { qrSegments } from '../../../src/core/codec/qrtext';
import { encodeSignedRecord } from '../../../src/core/codec/records';
import type { Revocation } from '../../../src/core/codec/types';
import { recordId } from '../../../src/core/ledger/rules';
import { leafHash, nodeHash } from '../../../src/core/merkle';
import { typicalNetwork } from '../../fixtures/network';
import { flipBit, padVarintAt, replaceAt, replaceText } from '../../fuzz/mutate';
import {
  Walk,
  annotate,
  fieldLength,
  render,
  walkHeader,
  walkPayload,
  walkPolicy,
  walkRecord,
  walkSignedHeader,
  walkSignedRecord,
} from './annotate';
import { compareEncodings, qrVersion } from './size-comparison';

export interface Example {
  /** The name in the info string: ```hex example=<name> */
  name: string;
  lang: 'hex' | 'text';
  /** What goes between the fences. */
  block: string;
  /** The exact value the block must spell: hex for `hex` blocks, the text itself otherwise. */
  value: string;
}

/** The examples of FORMAT.md: the test network's policy and a 4-record block holding a stall code. */
export function deriveExamples(): Example[] {
  const { net, block, index } = typicalNetwork(4);
  const registration = net.blocks[0]!.records[0]!;
  const credential = net.blocks[1]!;
  const code = block.records[index]!;
  const revocation: Revocation = {
    kind: 'revocation',
    issuer: net.healthAuthority.publicKey,
    issuedAt: net.now(),
    target: credential.stored[0]!.ref,
    targetId: recordId(credential.records[0]!.body),
    reason: 'health',
  };
  const signedRevocation = net.sign(revocation, net.healthAuthority.secretKey);
  const { payload, text } = net.codeText(block, index);

  const hexExample = (name: string, bytes: Uint8Array, layout: (w: Walk) => void): Example => ({
    name,
    lang: 'hex',
    block: annotate(bytes, layout),
    value: toHex(bytes),
  });

  // The inclusion proof of leaf 3 of 4, step by step (RFC 9162 §2.1.3.2): both proof hashes are
  // left siblings, so each step is SHA-256(0x01 ‖ sibling ‖ running hash).
  const proof = block.built.tree.inclusionProof(index);
  const leaf = leafHash(code.body);
  const node = nodeHash(proof[0]!, leaf);
  const root = nodeHash(proof[1]!, node);
  if (toHex(root) !== toHex(block.built.header.recordsRoot)) throw new Error('the worked inclusion proof does not reach the root');
  const steps = [
    { group: '', label: 'leaf = SHA-256(00 ‖ stall-code body)', parts: [leaf] },
    { group: '', label: 'proof hash 1 (leaf 2)', parts: [proof[0]!] },
    { group: '', label: 'SHA-256(01 ‖ proof hash 1 ‖ leaf): node over leaves 2-3', parts: [node] },
    { group: '', label: 'proof hash 2 (node over leaves 0-1)', parts: [proof[1]!] },
    { group: '', label: 'SHA-256(01 ‖ proof hash 2 ‖ node) = recordsRoot of the header', parts: [root] },
  ];

  return [
    hexExample('policy', net.policyBytes, walkPolicy),
    hexExample('stall-registration', registration.body, walkRecord),
    hexExample('health-credential', credential.records[0]!.body, walkRecord),
    hexExample('revocation', signedRevocation.body, walkRecord),
    hexExample('signed-record', encodeSignedRecord(signedRevocation), walkSignedRecord),
    hexExample('stall-code', code.body, walkRecord),
    hexExample('header', block.built.headerBytes, walkHeader),
    hexExample('signed-header', encodeSignedHeader(block.signed), walkSignedHeader),
    { name: 'inclusion-proof', lang: 'hex', block: render(steps), value: steps.map((s) => toHex(s.parts[0]!)).join('') },
    hexExample('payload', payload, walkPayload),
    { name: 'qr-text', lang: 'text', block: text, value: text },
  ];
}

/** test/vectors/sanma/typical-stall-code.json: the typical code and what verifies it. */
export interface TypicalVector {
  description: string;
  policy: string;
  header: string;
  signedHeader: string;
  payload: string;
  text: string;
  /** Verify at this time (ms) with headers and revocations synced at the same time. */
  now: number;
  expected: 'verified';
  payloadBytes: number;
  qrVersionM: number;
}

export interface TypicalDerivation {
  vector: TypicalVector;
  /** The markdown between the size-table markers of FORMAT.md. */
  sizeTable: string;
  /** The markdown between the comparison markers of FORMAT.md. */
  comparisonTable: string;
}

export function deriveTypical(): TypicalDerivation {
  const { net, block, index } = typicalNetwork(1000);
  const { payload, text } = net.codeText(block, index);
  const vector: TypicalVector = {
    description:
      'The typical stall code (test/fixtures/network.ts typicalNetwork(1000)): 2 payment channels, a health credential reference, ' +
      '3 batches with Chinese names, the last of 1000 records in block 3 (a 10-hash proof). Verified at `now` with the policy, ' +
      'the header of block 3 in the cache, and headers and revocations synced at `now`. Generated by test/vectors/sanma/generate.ts.',
    policy: toHex(net.policyBytes),
    header: toHex(block.built.headerBytes),
    signedHeader: toHex(encodeSignedHeader(block.signed)),
    payload: toHex(payload),
    text,
    now: net.now(),
    expected: 'verified',
    payloadBytes: payload.length,
    qrVersionM: qrVersion(text),
  };
  // The same body at leaf 511, which has the longest proof in a 1000-record block (10 hashes).
  const longest = encodePayload({ chainId: net.chainId, height: block.built.header.height, index: 511, proof: block.built.tree.inclusionProof(511), body: block.records[index]!.body });
  return { vector, sizeTable: sizeTable(payload, text, longest), comparisonTable: comparisonTable(payload, net.policy.codeBaseUrl) };
}

function sizeTable(payload: Uint8Array, text: string, longest: Uint8Array): string {
  const w = new Walk(payload);
  walkPayload(w);
  w.end();
  // One row per field, except that the proof hashes, each channel and each batch are one row
  // with their parts listed.
  const rows: { group: string; name: string; parts: string[]; bytes: number }[] = [];
  for (const f of w.fields) {
    const field = f.label.replace(/ ".*$/, '').replace(/ \d+ ms = .*$/, '').replace(/ (\d+)( = .*)?$/, '');
    const m = /^(channel \d+|batch \d+|proof hash(?! count)) ?(.*)$/.exec(field);
    const name = m ? (m[1] === 'proof hash' ? 'proof hashes' : m[1]!) : field;
    const part = m ? m[2] || 'hash' : '';
    const n = fieldLength(f);
    const last = rows[rows.length - 1];
    if (m && last?.name === name) {
      last.parts.push(`${part} ${n}`);
      last.bytes += n;
    } else rows.push({ group: f.group, name, parts: m ? [`${part} ${n}`] : [], bytes: n });
  }
  const groups = new Map<string, number>();
  for (const r of rows) groups.set(r.group, (groups.get(r.group) ?? 0) + r.bytes);
  const describe = (r: (typeof rows)[number]): string => {
    if (r.name === 'proof hashes') return `proof hashes (${r.parts.length} × 32)`;
    return r.parts.length > 0 ? `${r.name} (${r.parts.join(' + ')})` : r.name;
  };
  const chars = encodeBase32(payload).length;
  const segments = qrSegments(text);
  const longestText = `${text.slice(0, text.length - chars)}${encodeBase32(longest)}`;
  return [
    '| part | field | bytes |',
    '|---|---|---:|',
    ...rows.map((r) => `| ${r.group} | ${describe(r)} | ${r.bytes} |`),
    `| **total** | ${[...groups].map(([g, n]) => `${g} ${n}`).join(' + ')} | **${payload.length}** |`,
    '',
    `QR text: ${text.length - chars} characters of URL and "#" + ${chars} base32 characters = ${text.length}; ` +
      `segments ${segments.map((s) => `${s.data.length} ${s.mode}`).join(', ')}; ` +
      `**QR version ${qrVersion(text)} at level M** (qrcode ${qrcodeVersion()}). ` +
      `The same code at a leaf with the longest proof of its block (${decodePayload(longest).proof.length} hashes, e.g. leaf 511) ` +
      `would be ${longest.length} bytes: QR version ${qrVersion(longestText)}.`,
  ].join('\n');
}

function comparisonTable(payload: Uint8Array, base: string): string {
  const rows = compareEncodings(payload, decodePayload(payload), base);
  return [
    '| encoding | bytes | QR text characters | QR modes | version (M) | note |',
    '|---|---:|---:|---|---:|---|',
    ...rows.map((r) => `| ${r.name} | ${r.bytes} | ${r.chars} | ${r.modes} | ${r.version} | ${r.note} |`),
  ].join('\n');
}

function qrcodeVersion(): string {
  const pkg = readFileSync(new URL('../../../node_modules/qrcode/package.json', import.meta.url), 'utf8');
  return (JSON.parse(pkg) as { version: string }).version;
}

// ---- decoder vectors: the example payload and damaged copies of it ----

export interface PayloadVector {
  description: string;
  hex: string;
  valid: boolean;
  /** For invalid vectors: the CoreError code a strict decoder gives. */
  error?: string;
}

/** Each damage a strict decoder must notice, applied to the example payload of FORMAT.md §7. */
export function derivePayloadVectors(): PayloadVector[] {
  const { net, block, index } = typicalNetwork(4);
  const { payload } = net.codeText(block, index);
  const credential = net.blocks[1]!.records[0]!.body;
  const heightAt = 1 + 1 + net.chainId.length;
  const proofCountAt = heightAt + 2;
  const bodyAt = proofCountAt + 1 + 2 * 32;
  const v = (description: string, bytes: Uint8Array, error?: string): PayloadVector => ({
    description,
    hex: toHex(bytes),
    valid: error === undefined,
    ...(error === undefined ? {} : { error }),
  });
  return [
    v('the example payload of FORMAT.md §7', payload),
    v('the example with one proof bit flipped: well-formed, but fails inclusion (INCLUSION_MISMATCH when verified)', flipBit(payload, (proofCountAt + 1) * 8)),
    v('cut by one byte', payload.subarray(0, payload.length - 1), 'TRUNCATED'),
    v('only the version byte', payload.subarray(0, 1), 'TRUNCATED'),
    v('empty', new Uint8Array(0), 'TRUNCATED'),
    v('one byte appended', concatBytes(payload, Uint8Array.of(0)), 'TRAILING_BYTES'),
    v('payload version 2', replaceAt(payload, 0, 1, Uint8Array.of(2)), 'BAD_VERSION'),
    v('height written as 83 00 instead of 03', padVarintAt(payload, heightAt), 'NON_CANONICAL'),
    v('height 0', replaceAt(payload, heightAt, 1, Uint8Array.of(0)), 'BAD_VALUE'),
    v('chain id in upper case', replaceText(payload, net.chainId, utf8(net.chainId.toUpperCase())), 'BAD_VALUE'),
    v('proof hash count 49', replaceAt(payload, proofCountAt, 1, Uint8Array.of(49)), 'LIMIT_EXCEEDED'),
    v('proof hash count 3 with 2 hashes present: the body is misread', replaceAt(payload, proofCountAt, 1, Uint8Array.of(3)), 'BAD_VERSION'),
    v('record kind 5', replaceAt(payload, bodyAt, 1, Uint8Array.of(5)), 'BAD_VERSION'),
    v('a health credential body instead of a stall code', concatBytes(payload.subarray(0, bodyAt), credential), 'BAD_VALUE'),
    v('issuedAt 2^53 (80 80 80 80 80 80 80 10)', replaceAt(payload, bodyAt + 1, 6, fromHex('8080808080808010')), 'LIMIT_EXCEEDED'),
    v('stall name not NFC (e + U+0301)', replaceText(payload, '张三蔬菜', utf8('张三蔬菜e\u0301')), 'BAD_UTF8'),
    v('stall name with a line feed', replaceText(payload, '张三蔬菜', utf8('张三\n蔬菜')), 'BAD_UTF8'),
    v('stall name with an overlong UTF-8 sequence (c0 af)', replaceText(payload, '张三蔬菜', fromHex('e5bca0c0af')), 'BAD_UTF8'),
    v('stall number of 17 bytes', replaceText(payload, 'A012', utf8('A012-0000-0000-00')), 'LIMIT_EXCEEDED'),
    v('batch unit 0', replaceAt(payload, payload.length - 1 - 3 - 1, 1, Uint8Array.of(0)), 'BAD_VALUE'),
    v('rapid test 3', replaceAt(payload, payload.length - 1, 1, Uint8Array.of(3)), 'BAD_VALUE'),
    v('2049 bytes', concatBytes(payload, new Uint8Array(2049 - payload.length)), 'LIMIT_EXCEEDED'),
  ];
}
