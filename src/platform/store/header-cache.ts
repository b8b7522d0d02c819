// Synchronous header look-ups for verifyStallCode (docs/DESIGN.md §5 "fetch first, then verify"): the
// store loads the rows a code needs, decodes them here, and the verifier asks get(height).
// Decoded chunks are memoised (a few, most recent) because an inspector scans many codes from the
// same recent blocks.

import { decodeHeader, decodeSignedHeader, toHex, type BlockHeader } from '../../core';
import { StoreError, type HeaderCache, type StoredSignedHeader } from './contract';
import { CHUNK_SIZE, chunkOf, decodeChunk, type HeaderChunkRow } from './header-chunks';

export class DecodedChunks {
  private readonly decoded = new Map<string, BlockHeader[]>();
  constructor(private readonly keep = 8) {}

  headers(row: HeaderChunkRow): BlockHeader[] {
    // The last hash identifies the content: a row that grew decodes again.
    const key = `${row.chunk}/${row.count}/${toHex(row.lastHash)}`;
    let hs = this.decoded.get(key);
    if (hs) {
      this.decoded.delete(key);
    } else {
      hs = decodeChunk(row);
    }
    this.decoded.set(key, hs);
    while (this.decoded.size > this.keep) this.decoded.delete(this.decoded.keys().next().value!);
    return hs;
  }
}

export function signedToHeader(s: StoredSignedHeader): BlockHeader {
  try {
    return decodeHeader(decodeSignedHeader(s.signed).header);
  } catch (e) {
    throw new StoreError('CORRUPT', `signed header ${s.height} does not decode`, { cause: e });
  }
}

export function buildHeaderCache(rows: readonly HeaderChunkRow[], signed: readonly StoredSignedHeader[], decoded: DecodedChunks): HeaderCache {
  const chunks = new Map<number, { start: number; headers: BlockHeader[] }>();
  for (const row of rows) chunks.set(row.chunk, { start: row.start, headers: decoded.headers(row) });
  const single = new Map<number, BlockHeader>();
  for (const s of signed) single.set(s.height, signedToHeader(s));
  const get = (height: number): BlockHeader | undefined => {
    const c = chunks.get(chunkOf(height));
    const h = c?.headers[height - c.start];
    return h ?? single.get(height);
  };
  return { get, has: (height) => get(height) !== undefined };
}

/** Chunk indices holding `heights` (deduplicated). */
export function chunksFor(heights: readonly number[]): number[] {
  return [...new Set(heights.filter((h) => Number.isSafeInteger(h) && h > 0).map(chunkOf))];
}

export { CHUNK_SIZE };
