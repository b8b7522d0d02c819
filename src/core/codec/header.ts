// Block headers (docs/FORMAT.md §6). The header hash is SHA-256 over the same domain-separated
// message the validators sign, so it can never equal an RFC 9162 leaf (0x00‖…) or node
// (0x01‖…) hash of any input.

import { Reader, Writer } from '../bytes';
import { fail } from '../errors';
import { sha256, signingMessage } from '../crypto';
import { LIMITS } from './limits';
import { checkChainId, decodeSignatures, encodeSignatures } from './policy';
import type { BlockHeader, Bytes, SignedHeader } from './types';

// Version 2 adds the revocation commitment (count and running hash of status events), so a
// mirror that withholds a revocation is caught against any quorum-signed header.
const HEADER_VERSION = 2;

export function encodeHeader(h: BlockHeader): Bytes {
  checkChainId(h.chainId);
  if (h.height > 0 && h.recordCount === 0) fail('BAD_VALUE', 'recordCount: only the genesis header is empty');
  return new Writer()
    .u8(HEADER_VERSION)
    .text('chainId', h.chainId, LIMITS.chainIdBytes)
    .varint(h.height)
    .fixed('prevHash', h.prevHash, 32)
    .varint(h.time)
    .varint(h.recordCount)
    .fixed('recordsRoot', h.recordsRoot, 32)
    .varint(h.revocationCount)
    .fixed('revocationsHash', h.revocationsHash, 32)
    .finish();
}

export function decodeHeader(bytes: Bytes): BlockHeader {
  const r = new Reader(bytes);
  const version = r.u8('header.version');
  if (version !== HEADER_VERSION) fail('BAD_VERSION', `header version ${version} is not known`);
  const chainId = r.text('chainId', LIMITS.chainIdBytes);
  checkChainId(chainId);
  const h: BlockHeader = {
    chainId,
    height: r.varint('height'),
    prevHash: r.fixed('prevHash', 32),
    time: r.varint('time'),
    recordCount: r.varint('recordCount'),
    recordsRoot: r.fixed('recordsRoot', 32),
    revocationCount: r.varint('revocationCount'),
    revocationsHash: r.fixed('revocationsHash', 32),
  };
  r.end('header');
  if (h.height > 0 && h.recordCount === 0) fail('BAD_VALUE', 'recordCount: only the genesis header is empty');
  return h;
}

/** SHA-256("sanma/v1/header" ‖ 0x00 ‖ header bytes). */
export function headerHash(headerBytes: Bytes): Bytes {
  return sha256(signingMessage('header', headerBytes));
}

/** Signed header: varint header length ‖ header ‖ signatures. */
export function encodeSignedHeader(s: SignedHeader): Bytes {
  const w = new Writer().bytes('header', s.header, 256);
  encodeSignatures(w, s.signatures);
  return w.finish();
}

export function decodeSignedHeader(bytes: Bytes): SignedHeader {
  const r = new Reader(bytes);
  const header = r.bytes('header', 256);
  decodeHeader(header);
  const signatures = decodeSignatures(r);
  r.end('signed header');
  return { header, signatures };
}

/** Most headers in one sync page (GET /v1/headers). */
export const HEADER_PAGE_MAX = 10_000;

/**
 * A page of consecutive headers for light-client sync, with the quorum signatures of its LAST
 * header, so each page verifies on its own and an interrupted sync resumes from the last page:
 * varint count ‖ (varint length ‖ header)* ‖ signatures of the last header.
 */
export interface HeaderPage {
  headers: Bytes[];
  lastSignatures: SignedHeader['signatures'];
}

export function encodeHeaderPage(page: HeaderPage): Bytes {
  const w = new Writer().count('headers', page.headers.length, 0, HEADER_PAGE_MAX);
  for (const h of page.headers) w.bytes('header', h, 256);
  encodeSignatures(w, page.lastSignatures);
  return w.finish();
}

export function decodeHeaderPage(bytes: Bytes): HeaderPage {
  const r = new Reader(bytes);
  const n = r.count('headers', 0, HEADER_PAGE_MAX);
  const headers: Bytes[] = [];
  for (let i = 0; i < n; i++) headers.push(r.bytes('header', 256));
  const lastSignatures = decodeSignatures(r);
  r.end('header page');
  return { headers, lastSignatures };
}
