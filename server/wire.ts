// Binary messages of the ledger service that are not client formats (docs/API.md, "Sequencer ↔
// validators"): a finalised block (signed header + its records) and a proposal (header + records
// + the previous header's quorum). Built from the core's codecs and its Reader/Writer, so they are
// decoded as strictly as every other Sanma format: canonical varints, bounded counts, no trailing
// bytes. Input is hostile: anything malformed throws CoreError.

import {
  LIMITS,
  Reader,
  Writer,
  decodeHeader,
  decodeSignedHeader,
  decodeSignedRecord,
  encodeSignedHeader,
  encodeSignedRecord,
  fail,
  type Bytes,
  type SignedHeader,
  type SignedRecord,
} from '../src/core';

/**
 * Most records in one block. 1,000 keeps a stall code's inclusion proof at ≤ 10 hashes (the QR
 * size target of FORMAT.md) and a validator's replay of a full block near one second.
 */
export const MAX_BLOCK_RECORDS = 1000;

const SIGNED_RECORD_MAX = LIMITS.recordBodyBytes + 3 + 64;
const SIGNED_HEADER_MAX = 256 + 2 + LIMITS.headerSignatures * 96 + 2;
const BLOCK_VERSION = 1;
const PROPOSAL_VERSION = 1;

/** Largest encoded block or proposal (a full block of maximal records): the body limit to accept. */
export const MAX_BLOCK_BYTES = 2 * SIGNED_HEADER_MAX + 8 + MAX_BLOCK_RECORDS * (SIGNED_RECORD_MAX + 3);

export interface Block {
  signed: SignedHeader;
  records: SignedRecord[];
}

export interface Proposal {
  /** The encoded header the validator is asked to sign. */
  header: Bytes;
  records: SignedRecord[];
  /** The previous header with its quorum (absent for height 1), so a validator that signed it
   *  can apply it without fetching it back. */
  prev: SignedHeader | null;
}

function writeRecords(w: Writer, records: readonly SignedRecord[]): void {
  w.count('records', records.length, 0, MAX_BLOCK_RECORDS);
  for (const r of records) w.bytes('record', encodeSignedRecord(r), SIGNED_RECORD_MAX);
}

function readRecords(r: Reader): SignedRecord[] {
  const n = r.count('records', 0, MAX_BLOCK_RECORDS);
  const out: SignedRecord[] = [];
  for (let i = 0; i < n; i++) out.push(decodeSignedRecord(r.bytes('record', SIGNED_RECORD_MAX)));
  return out;
}

/** version ‖ bytes(signed header) ‖ count ‖ bytes(signed record)*. */
export function encodeBlock(b: Block): Bytes {
  const w = new Writer().u8(BLOCK_VERSION).bytes('signedHeader', encodeSignedHeader(b.signed), SIGNED_HEADER_MAX);
  writeRecords(w, b.records);
  return w.finish();
}

export function decodeBlock(bytes: Bytes): Block {
  const r = new Reader(bytes);
  if (r.u8('block.version') !== BLOCK_VERSION) fail('BAD_VERSION', 'block version is not known');
  const signed = decodeSignedHeader(r.bytes('signedHeader', SIGNED_HEADER_MAX));
  const records = readRecords(r);
  r.end('block');
  return { signed, records };
}

/** version ‖ bytes(header) ‖ count ‖ bytes(signed record)* ‖ u8 hasPrev ‖ [bytes(prev signed header)]. */
export function encodeProposal(p: Proposal): Bytes {
  const w = new Writer().u8(PROPOSAL_VERSION).bytes('header', p.header, 256);
  writeRecords(w, p.records);
  if (p.prev) w.u8(1).bytes('prev', encodeSignedHeader(p.prev), SIGNED_HEADER_MAX);
  else w.u8(0);
  return w.finish();
}

export function decodeProposal(bytes: Bytes): Proposal {
  const r = new Reader(bytes);
  if (r.u8('proposal.version') !== PROPOSAL_VERSION) fail('BAD_VERSION', 'proposal version is not known');
  const header = r.bytes('header', 256);
  decodeHeader(header);
  const records = readRecords(r);
  const hasPrev = r.u8('proposal.hasPrev');
  if (hasPrev > 1) fail('BAD_VALUE', 'proposal.hasPrev: expected 0 or 1');
  const prev = hasPrev === 1 ? decodeSignedHeader(r.bytes('prev', SIGNED_HEADER_MAX)) : null;
  r.end('proposal');
  return { header, records, prev };
}
