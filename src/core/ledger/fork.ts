// Fork evidence (docs/DESIGN.md §3): two different headers at one height, each signed by a quorum, prove
// that validators signed conflicting histories. The evidence is the two signed headers, portable
// as bytes (kept by the client, shown as an alarm, uploadable to the market office); anyone with
// the policy can re-check it, and the validators that appear in both signature sets are named.

import { Reader, Writer, equalBytes } from '../bytes';
import { fail } from '../errors';
import { decodeHeader } from '../codec/header';
import { decodeSignedHeader, encodeSignedHeader } from '../codec/header';
import type { Bytes, SignedHeader, TrustPolicy } from '../codec/types';
import { checkHeaderQuorum } from './quorum';

export interface ForkEvidence {
  chainId: string;
  height: number;
  a: SignedHeader;
  b: SignedHeader;
  /** Public keys of validators that signed both headers: they equivocated. */
  equivocators: Bytes[];
}

export function detectFork(a: SignedHeader, b: SignedHeader, policy: TrustPolicy): ForkEvidence | null {
  if (equalBytes(a.header, b.header)) return null;
  const ha = decodeHeader(a.header);
  const hb = decodeHeader(b.header);
  if (ha.height !== hb.height || ha.chainId !== policy.chainId || hb.chainId !== policy.chainId) return null;
  if (!checkHeaderQuorum(a.header, a.signatures, policy).ok) return null;
  if (!checkHeaderQuorum(b.header, b.signatures, policy).ok) return null;
  const equivocators = policy.validators
    .map((v) => v.publicKey)
    .filter((k) => a.signatures.some((s) => equalBytes(s.publicKey, k)) && b.signatures.some((s) => equalBytes(s.publicKey, k)));
  return { chainId: ha.chainId, height: ha.height, a, b, equivocators };
}

const EVIDENCE_VERSION = 1;

export function encodeForkEvidence(e: ForkEvidence): Bytes {
  return new Writer()
    .u8(EVIDENCE_VERSION)
    .bytes('a', encodeSignedHeader(e.a), 4096)
    .bytes('b', encodeSignedHeader(e.b), 4096)
    .finish();
}

/** Decodes and re-checks evidence against the policy; anything that is not a proven fork throws. */
export function decodeForkEvidence(bytes: Bytes, policy: TrustPolicy): ForkEvidence {
  const r = new Reader(bytes);
  if (r.u8('evidence.version') !== EVIDENCE_VERSION) fail('BAD_VERSION', 'fork evidence version');
  const a = decodeSignedHeader(r.bytes('a', 4096));
  const b = decodeSignedHeader(r.bytes('b', 4096));
  r.end('fork evidence');
  const e = detectFork(a, b, policy);
  if (!e) fail('BAD_VALUE', 'fork evidence: not two quorum-signed headers at one height');
  return e;
}
