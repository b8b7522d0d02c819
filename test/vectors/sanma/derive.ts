// Derives, deterministically from the test fixtures (seeded keys, fixed clock, RFC 8032's
// deterministic signatures), everything docs/FORMAT.md and test/vectors/sanma/ show: the worked
// examples, the typical stall code vector and the size tables. generate.ts writes them out;
// src/core/codec/format-doc.test.ts derives them again and compares byte for byte.

import { readFileSync } from 'node:fs';
import { encodeBase32 } from '../../../src/core/base32';
import { concatBytes, fromHex, toHex, utf8 } from '../../../src/core/bytes';
import { decodePayload, encodePayload } from '../../../src/core/codec/payload';
import { decodeHeader, encodeHeader, encodeSignedHeader } from '../../../src/core/codec/header';
import { qrSegments, stallCodeText } from '../../../src/core/codec/qrtext';
import { encodeRecord, encodeSignedRecord } from '../../../src/core/codec/records';
import type { HealthCredential, Revocation, StallRegistration } from '../../../src/core/codec/types';
import { encodePolicy } from '../../../src/core/codec/policy';
import { formatHolderSalt, holderCommitment } from '../../../src/core/holder';
import { EMPTY_REVOCATIONS, appendStatusEvent } from '../../../src/core/ledger/revocation-chain';
import { recordId } from '../../../src/core/ledger/rules';
import { leafHash, nodeHash } from '../../../src/core/merkle';
import { marketDayStart, refKey, verifyStallCode, type TrustState } from '../../../src/core/verify/verify';
import { CERTIFICATE, HOUR_MS, MARKET_DAY0, TYPICAL_CHANNELS, seededKey, typicalNetwork, type TestNetwork } from '../../fixtures/network';
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
  };
  const signedRevocation = net.sign(revocation, net.healthAuthority.secretKey);
  // Stall A012 handed over to another vendor key: the new registration names the one it replaces.
  const handover: StallRegistration = net.registration('A012', seededKey('vendor-A012-next'), [TYPICAL_CHANNELS[1]!], '张三蔬菜', net.blocks[0]!.stored[0]!.ref);
  const handoverBody = net.sign(handover, net.marketOffice.secretKey).body;
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

  // The holder commitment of the example credential, from what is printed on the paper certificate.
  const nameBytes = utf8(CERTIFICATE.name.normalize('NFC').trim());
  const numberBytes = utf8(CERTIFICATE.number.normalize('NFC').trim().toUpperCase());
  const holder = holderCommitment(CERTIFICATE.salt, CERTIFICATE.name, CERTIFICATE.number);
  if (toHex(holder) !== toHex((credential.stored[0]!.record as HealthCredential).holder)) throw new Error('the worked holder commitment is not the credential\'s');
  const holderSteps = [
    { group: '', label: '"sanma/v1/holder" ‖ 00', parts: [utf8('sanma/v1/holder\u0000')] },
    { group: '', label: `salt (16 bytes), printed on the certificate as "${formatHolderSalt(CERTIFICATE.salt)}"`, parts: [CERTIFICATE.salt] },
    { group: '', label: `name "${CERTIFICATE.name}" (${nameBytes.length} bytes): NFC, white space trimmed`, parts: [Uint8Array.of(nameBytes.length), nameBytes] },
    { group: '', label: `certificate number "${CERTIFICATE.number}" (${numberBytes.length} bytes): NFC, trimmed, upper case`, parts: [Uint8Array.of(numberBytes.length), numberBytes] },
    { group: '', label: 'holder = SHA-256 of the bytes above: the credential\'s holder field', parts: [holder] },
  ];

  // The revocation commitment after one status event: the handover above, as if at block 4, leaf 0.
  const at = { height: 4, index: 0 };
  const handoverId = leafHash(handoverBody);
  const h1 = appendStatusEvent(EMPTY_REVOCATIONS, at, handoverId);
  const revocationSteps = [
    { group: '', label: '"sanma/v1/revocations" ‖ 00', parts: [utf8('sanma/v1/revocations\u0000')] },
    { group: '', label: 'H_0: 32 zero bytes (no earlier event)', parts: [EMPTY_REVOCATIONS.hash] },
    { group: '', label: `height ${at.height}`, parts: [Uint8Array.of(at.height)] },
    { group: '', label: `index ${at.index}`, parts: [Uint8Array.of(at.index)] },
    { group: '', label: 'record id = leaf hash of the handover registration body', parts: [handoverId] },
    { group: '', label: 'H_1 = SHA-256 of the bytes above: revocationsHash of a header with revocationCount 1', parts: [h1.hash] },
  ];
  const stepsValue = (steps: { parts: Uint8Array[] }[]): string => steps.map((x) => x.parts.map(toHex).join('')).join('');

  return [
    hexExample('policy', net.policyBytes, walkPolicy),
    hexExample('stall-registration', registration.body, walkRecord),
    hexExample('stall-registration-handover', handoverBody, walkRecord),
    hexExample('health-credential', credential.records[0]!.body, walkRecord),
    { name: 'holder-commitment', lang: 'hex', block: render(holderSteps), value: stepsValue(holderSteps) },
    hexExample('revocation', signedRevocation.body, walkRecord),
    hexExample('signed-record', encodeSignedRecord(signedRevocation), walkSignedRecord),
    hexExample('stall-code', code.body, walkRecord),
    hexExample('header', block.built.headerBytes, walkHeader),
    { name: 'revocations-hash', lang: 'hex', block: render(revocationSteps), value: stepsValue(revocationSteps) },
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
    v('record kind 4 (a format-1 stall code)', replaceAt(payload, bodyAt, 1, Uint8Array.of(4)), 'BAD_VERSION'),
    v('record kind 9', replaceAt(payload, bodyAt, 1, Uint8Array.of(9)), 'BAD_VERSION'),
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

// ---- verdict vectors: a stall code, what the device holds, and the verdict it must give ----

/** What the device holds, as JSON: TrustState of src/core/verify/verify.ts without the policy. */
export interface VerdictTrust {
  /** Records made red by checked status events: ["height:index", "revoked" | "superseded"]. */
  revoked: [string, 'revoked' | 'superseded'][];
  revocationCount: number | null;
  revocationsSyncedAt: number | null;
  revocationsRefused: 'REVOCATIONS_INCOMPLETE' | 'REVOCATION_ORDER' | 'REVOCATION_MALFORMED' | null;
  headersSyncedAt: number | null;
  headersTip: { height: number; revocationCount: number } | null;
  policyFetchedAt: number | null;
  forkHeights: number[];
}

export interface VerdictVector {
  description: string;
  /** The QR text as scanned. */
  text: string;
  /** Verified headers the device has cached (hex of each encoded header). */
  headers: string[];
  trust: VerdictTrust;
  /** The device clock, ms. */
  now: number;
  expected: {
    status: 'verified' | 'warning' | 'invalid' | 'unknown-market' | 'not-sanma';
    /** For unknown-market: the chain the code names. */
    chainId?: string;
    /** Every check in order, without its detail. */
    checks: { id: string; status: 'pass' | 'fail' | 'unknown'; reason: string }[];
  };
}

export interface VerdictVectorFile {
  description: string;
  /** The trust policy (hex of the encoded policy) every vector is verified with. */
  policy: string;
  vectors: VerdictVector[];
}

/** test/vectors/sanma/verdict-vectors.json: one vector per verdict a shopper or inspector can see. */
export function deriveVerdictVectors(): VerdictVectorFile {
  const base = typicalNetwork(4);
  const { text } = base.net.codeText(base.block, base.index);
  const code = base.code;
  const headersOf = (net: TestNetwork): string[] => [...net.headers.keys()].sort((a, b) => a - b).map((h) => toHex(encodeHeader(net.headers.get(h)!)));
  const synced = (net: TestNetwork, now: number, over: Partial<VerdictTrust> = {}): VerdictTrust => {
    const t = net.trust(now);
    return {
      revoked: [],
      revocationCount: t.revocationCount,
      revocationsSyncedAt: t.revocationsSyncedAt,
      revocationsRefused: t.revocationsRefused,
      headersSyncedAt: t.headersSyncedAt,
      headersTip: t.headersTip,
      policyFetchedAt: t.policyFetchedAt,
      forkHeights: [],
      ...over,
    };
  };
  const vector = (description: string, net: TestNetwork, codeText: string, trust: VerdictTrust, now: number, headers = headersOf(net)): VerdictVector => {
    const state: TrustState = { policy: net.policy, ...trust, revoked: new Map(trust.revoked) };
    const lookup = new Map(headers.map((hex) => decodeHeader(fromHex(hex))).map((h) => [h.height, h]));
    const v = verifyStallCode(codeText, state, { get: (h) => lookup.get(h) }, now);
    return {
      description,
      text: codeText,
      headers,
      trust,
      now,
      expected: {
        status: v.status,
        ...(v.chainId === undefined ? {} : { chainId: v.chainId }),
        checks: v.checks.map((c) => ({ id: c.id, status: c.status, reason: c.reason })),
      },
    };
  };

  // The same market one block later: the registration revoked, or the stall handed over.
  const revokedNet = typicalNetwork(4).net;
  const reg = revokedNet.blocks[0]!.stored[0]!;
  revokedNet.seal([
    revokedNet.sign(
      { kind: 'revocation', issuer: revokedNet.marketOffice.publicKey, issuedAt: revokedNet.now(), target: reg.ref, targetId: reg.id } satisfies Revocation,
      revokedNet.marketOffice.secretKey,
    ),
  ]);
  const handedNet = typicalNetwork(4).net;
  handedNet.seal([handedNet.sign(handedNet.registration('A012', seededKey('vendor-A012-next'), [TYPICAL_CHANNELS[1]!], '张三蔬菜', reg.ref), handedNet.marketOffice.secretKey)]);

  const net = base.net;
  const now = net.now();
  const day0 = marketDayStart(MARKET_DAY0, net.policy);
  const proof = base.block.built.tree.inclusionProof(base.index);
  const other = encodePayload({ chainId: 'other-market', height: 3, index: base.index, proof, body: base.block.records[base.index]!.body });
  const forged = encodePayload({ chainId: net.chainId, height: 3, index: base.index, proof, body: encodeRecord({ ...code, stallName: '李四蔬菜' }) });
  const regKey = refKey(code.registration);
  const vectors = [
    vector('the genuine code, everything synced at now: verified', net, text, synced(net, now), now),
    vector('no header cached for the code\'s block: warning ANCHOR_NOT_CACHED (no inclusion check)', net, text, synced(net, now), now, []),
    vector('the record edited (another stall name): invalid INCLUSION_MISMATCH, and its content is not judged', net, stallCodeText(net.policy.codeBaseUrl, forged), synced(net, now), now),
    vector('the health credential revoked: invalid HEALTH_REVOKED', net, text, synced(net, now, { revoked: [[refKey(code.health), 'revoked']] }), now),
    vector(
      'the registration the code names was revoked in block 4: invalid REGISTRATION_REVOKED',
      revokedNet,
      text,
      synced(revokedNet, revokedNet.now(), { revoked: [[regKey, 'revoked']] }),
      revokedNet.now(),
    ),
    vector(
      'the stall was handed over in block 4 (a registration superseding the code\'s): invalid STALL_HANDED_OVER',
      handedNet,
      text,
      synced(handedNet, handedNet.now(), { revoked: [[regKey, 'superseded']] }),
      handedNet.now(),
    ),
    vector(
      'the tip header commits to 1 status event, the device holds none: warning REVOCATIONS_INCOMPLETE',
      handedNet,
      text,
      synced(handedNet, handedNet.now(), { revocationCount: 0 }),
      handedNet.now(),
    ),
    vector(
      'the last revocation sync was refused (a mirror reordered events): warning REVOCATIONS_INCOMPLETE',
      net,
      text,
      synced(net, now, { revocationsRefused: 'REVOCATION_ORDER' }),
      now,
    ),
    vector('the device holds fork evidence at height 3: warning LEDGER_FORKED, never verified', net, text, synced(net, now, { forkHeights: [3] }), now),
    vector('a code of a chain the policy does not name: unknown-market, with its chain id and no content', net, stallCodeText(net.policy.codeBaseUrl, other), synced(net, now), now),
    vector(
      'eggs dated yesterday, checked at 11:00 market time (UTC+8): 35 h after the start of their day, within 36 h: verified',
      net,
      text,
      synced(net, day0 + 11 * HOUR_MS),
      day0 + 11 * HOUR_MS,
    ),
    vector(
      'eggs dated yesterday, checked at 13:00 market time: 37 h, over maxProduceAgeSeconds: warning PRODUCE_NOT_TODAY',
      net,
      text,
      synced(net, day0 + 13 * HOUR_MS),
      day0 + 13 * HOUR_MS,
    ),
    vector(
      'the policy fetched 31 days ago (limit 30): warning POLICY_STALE',
      net,
      text,
      synced(net, now, { policyFetchedAt: now - 31 * 86_400_000 }),
      now,
    ),
  ];
  return {
    description:
      'Verdict vectors: a QR text, the verified headers and trust state a device holds, and the clock, with the verdict ' +
      'verifyStallCode (docs/FORMAT.md §12) must give: status and every check in order. The trust state is what the device ' +
      'concluded from checked status events (§6.1, §6.5); the policy is the test network\'s. Generated by test/vectors/sanma/generate.ts.',
    policy: toHex(encodePolicy(net.policy)),
    vectors,
  };
}
