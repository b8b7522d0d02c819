// What a phone hands the market office when it holds fork evidence: a JSON file with every byte
// it has (both headers and what vouches for each), and a QR text for when no file can be passed
// on. With both sides' own quorum signatures (`evidence`), anyone with the policy re-checks it
// with core decodeForkEvidence; the QR carries exactly those bytes, base32 upper case
// ("SANMA-FORK:" prefix), else only the two header hashes so the office knows what to ask for.

import { decodeHeader, encodeBase32, headerHash, toHex } from '../../core';
import type { StoredForkEvidence } from '../store/contract';

const FORK_REPORT_VERSION = 1;

export interface ForkSide {
  hash: string;
  time: number;
  recordCount: number;
}

function side(header: Uint8Array): ForkSide {
  const h = decodeHeader(header);
  return { hash: toHex(headerHash(header)), time: h.time, recordCount: h.recordCount };
}

/** The two conflicting headers at the evidence's height, for the alarm. */
export function forkSides(e: StoredForkEvidence): { ours: ForkSide; theirs: ForkSide } {
  return { ours: side(e.ours), theirs: side(e.theirs) };
}

export function forkReportJson(e: StoredForkEvidence): string {
  const hex = (b: Uint8Array | null) => (b ? toHex(b) : null);
  return JSON.stringify(
    {
      sanmaForkReport: FORK_REPORT_VERSION,
      chainId: decodeHeader(e.ours).chainId,
      height: e.height,
      detectedAt: new Date(e.detectedAt).toISOString(),
      source: e.source,
      ...forkSides(e),
      evidence: hex(e.evidence),
      oursHeader: hex(e.ours),
      oursSignedBy: hex(e.oursSignedBy),
      theirsHeader: hex(e.theirs),
      theirsSignedBy: hex(e.theirsSignedBy),
    },
    null,
    2,
  );
}

export function forkReportQrText(e: StoredForkEvidence): string {
  if (e.evidence) return `SANMA-FORK:${encodeBase32(e.evidence)}`;
  const { ours, theirs } = forkSides(e);
  return `SANMA-FORK-HASHES:${e.height}:${ours.hash.toUpperCase()}:${theirs.hash.toUpperCase()}`;
}
