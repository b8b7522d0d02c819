// Compact header storage (docs/FORMAT.md §6, "a phone keeps headers compactly"): one row per
// CHUNK_SIZE consecutive heights. A row keeps only what cannot be derived: per header the time
// delta and record count as varints, the 32-byte records root, and the revocation commitment as
// a varint (2 × count delta + 1 if the hash changed) followed by the 32-byte hash only when it
// changed (~37 bytes a header, ~69 in a block with a revocation); per row the chain id, the first
// header's prevHash and the last header's hash, time and revocation commitment. Version (1), chain id,
// height and every other prevHash are derived; decoding re-encodes each header (encodeHeader)
// and hashes it (headerHash) to rebuild the links, and checks the result against the stored last
// hash, so a damaged row is detected (CORRUPT) instead of answering with a wrong header.
// Pure: shared by the Dexie and the memory store.

import { EMPTY_REVOCATIONS, encodeHeader, equalBytes, headerHash, type BlockHeader, type Bytes, type RevocationAccumulator, type VerifiedHeader } from '../../core';
import { StoreError, type ChainTip } from './contract';

export const CHUNK_SIZE = 1000;

export interface HeaderChunkRow {
  /** floor(height / CHUNK_SIZE) */
  chunk: number;
  chainId: string;
  /** First height in the row (1 for chunk 0: genesis is never stored). */
  start: number;
  count: number;
  /** prevHash of the header at `start`. */
  firstPrevHash: Bytes;
  lastHash: Bytes;
  lastTime: number;
  lastRevocationCount: number;
  lastRevocationsHash: Bytes;
  /**
   * Per header: varint timeDelta ‖ varint recordCount ‖ recordsRoot[32] ‖ varint (2·countDelta +
   * hashChanged) ‖ [revocationsHash[32] if hashChanged]. Deltas of the first header are from 0
   * and the empty commitment.
   */
  packed: Bytes;
}

export const chunkOf = (height: number): number => Math.floor(height / CHUNK_SIZE);

export function rowBytes(row: HeaderChunkRow): number {
  // Packed data plus the fixed per-row fields (3 hashes, 5 numbers as 8 bytes, chain id).
  return row.packed.length + 96 + 40 + row.chainId.length;
}

export function rowTip(row: HeaderChunkRow): ChainTip {
  return { height: row.start + row.count - 1, hash: row.lastHash, time: row.lastTime, revocationCount: row.lastRevocationCount };
}

function writeVarint(buf: Uint8Array, at: number, value: number): number {
  let v = value;
  while (v >= 0x80) {
    buf[at++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  buf[at++] = v;
  return at;
}

function pack(headers: readonly VerifiedHeader[], prevTime: number, prev: RevocationAccumulator): Bytes {
  const buf = new Uint8Array(headers.length * (64 + 8 + 8 + 8));
  let at = 0;
  let t = prevTime;
  let rev = prev;
  for (const { header } of headers) {
    at = writeVarint(buf, at, header.time - t);
    at = writeVarint(buf, at, header.recordCount);
    buf.set(header.recordsRoot, at);
    at += 32;
    const changed = !equalBytes(header.revocationsHash, rev.hash);
    if (header.revocationCount < rev.count) throw new StoreError('NOT_CONTIGUOUS', `header ${header.height}: revocation count goes back`);
    at = writeVarint(buf, at, 2 * (header.revocationCount - rev.count) + (changed ? 1 : 0));
    if (changed) {
      buf.set(header.revocationsHash, at);
      at += 32;
    }
    t = header.time;
    rev = { count: header.revocationCount, hash: header.revocationsHash };
  }
  return buf.slice(0, at);
}

/**
 * The rows to write so that `headers` (verified, consecutive) extend the chain whose last row is
 * `last` (undefined: empty cache). Throws NOT_CONTIGUOUS when they do not continue it.
 */
export function planAppend(last: HeaderChunkRow | undefined, headers: readonly VerifiedHeader[]): HeaderChunkRow[] {
  const first = headers[0];
  if (!first) return [];
  const tip = last ? rowTip(last) : null;
  const expected = tip ? tip.height + 1 : 1;
  if (first.header.height !== expected) {
    throw new StoreError('NOT_CONTIGUOUS', `headers start at ${first.header.height}, expected ${expected}`);
  }
  if (tip && !equalBytes(first.header.prevHash, tip.hash)) {
    throw new StoreError('NOT_CONTIGUOUS', `header ${first.header.height} does not link to the cached tip`);
  }
  for (let i = 1; i < headers.length; i++) {
    if (headers[i]!.header.height !== first.header.height + i) throw new StoreError('NOT_CONTIGUOUS', `headers are not consecutive at index ${i}`);
  }
  const rows: HeaderChunkRow[] = [];
  let i = 0;
  // The last row keeps filling until its chunk is full.
  let current = last && chunkOf(expected) === last.chunk ? last : undefined;
  while (i < headers.length) {
    const h = headers[i]!;
    const chunk = chunkOf(h.header.height);
    const end = Math.min(headers.length, i + ((chunk + 1) * CHUNK_SIZE - h.header.height));
    const slice = headers.slice(i, end);
    const tail = slice[slice.length - 1]!;
    const lastRevocations = { lastRevocationCount: tail.header.revocationCount, lastRevocationsHash: tail.header.revocationsHash };
    if (current) {
      const more = pack(slice, current.lastTime, { count: current.lastRevocationCount, hash: current.lastRevocationsHash });
      const packed = new Uint8Array(current.packed.length + more.length);
      packed.set(current.packed);
      packed.set(more, current.packed.length);
      rows.push({ ...current, count: current.count + slice.length, lastHash: tail.hash, lastTime: tail.header.time, ...lastRevocations, packed });
    } else {
      rows.push({
        chunk,
        chainId: h.header.chainId,
        start: h.header.height,
        count: slice.length,
        firstPrevHash: h.header.prevHash,
        lastHash: tail.hash,
        lastTime: tail.header.time,
        ...lastRevocations,
        packed: pack(slice, 0, EMPTY_REVOCATIONS),
      });
    }
    current = undefined;
    i = end;
  }
  return rows;
}

function corrupt(row: HeaderChunkRow, what: string): never {
  throw new StoreError('CORRUPT', `header chunk ${row.chunk}: ${what}`);
}

/** Rebuilds the headers of a row; throws CORRUPT when the bytes do not decode or hash-link. */
export function decodeChunk(row: HeaderChunkRow): BlockHeader[] {
  const out: BlockHeader[] = [];
  const p = row.packed;
  let at = 0;
  let time = 0;
  let prevHash = row.firstPrevHash;
  let revocationCount = EMPTY_REVOCATIONS.count;
  let revocationsHash = EMPTY_REVOCATIONS.hash;
  const readVarint = (): number => {
    let v = 0;
    let scale = 1;
    for (let n = 0; n < 8; n++) {
      if (at >= p.length) corrupt(row, 'truncated');
      const b = p[at++]!;
      v += (b & 0x7f) * scale;
      if (b < 0x80) return v;
      scale *= 0x80;
    }
    return corrupt(row, 'varint too long');
  };
  for (let i = 0; i < row.count; i++) {
    time += readVarint();
    const recordCount = readVarint();
    if (at + 32 > p.length) corrupt(row, 'truncated');
    const recordsRoot = p.slice(at, at + 32);
    at += 32;
    const rev = readVarint();
    revocationCount += Math.floor(rev / 2);
    if (rev % 2 === 1) {
      if (at + 32 > p.length) corrupt(row, 'truncated');
      revocationsHash = p.slice(at, at + 32);
      at += 32;
    }
    const header: BlockHeader = { chainId: row.chainId, height: row.start + i, prevHash, time, recordCount, recordsRoot, revocationCount, revocationsHash };
    let bytes: Bytes;
    try {
      bytes = encodeHeader(header);
    } catch (e) {
      throw new StoreError('CORRUPT', `header chunk ${row.chunk}: header ${header.height} does not encode`, { cause: e });
    }
    prevHash = headerHash(bytes);
    out.push(header);
  }
  if (at !== p.length) corrupt(row, 'trailing bytes');
  if (!equalBytes(prevHash, row.lastHash) || time !== row.lastTime) corrupt(row, 'last hash does not match');
  return out;
}
