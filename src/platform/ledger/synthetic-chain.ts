// Synthetic header chains for tests and measurements: consecutive, hash-linked headers with
// pseudo-random records roots, built fast (no records, no signatures). Only the tip needs real
// quorum signatures for verifyHeaderChain; the fake ledger signs what it serves on demand.

import { encodeHeader, headerHash, sha256, type BlockHeader, type Bytes, type ChainAnchor, type VerifiedHeader } from '../../core';

export function syntheticHeaders(chainId: string, anchor: ChainAnchor, count: number, opts: { blockMs?: number; seed?: string } = {}): VerifiedHeader[] {
  const out: VerifiedHeader[] = [];
  let prevHash: Bytes = anchor.hash;
  let time = anchor.time;
  const seed = new TextEncoder().encode(opts.seed ?? 'synthetic');
  let revocationCount = 0;
  let revocationsHash: Bytes = new Uint8Array(32);
  for (let i = 1; i <= count; i++) {
    const height = anchor.height + i;
    time += opts.blockMs ?? 2000;
    const rootInput = new Uint8Array(seed.length + 8);
    rootInput.set(seed);
    new DataView(rootInput.buffer).setFloat64(seed.length, height);
    // About one block in 25 carries a revocation or handover, so storage is measured with them.
    if (height % 25 === 0) {
      revocationCount++;
      revocationsHash = sha256(revocationsHash);
    }
    const header: BlockHeader = { chainId, height, prevHash, time, recordCount: 1 + (height % 1500), recordsRoot: sha256(rootInput), revocationCount, revocationsHash };
    const bytes = encodeHeader(header);
    const hash = headerHash(bytes);
    out.push({ header, bytes, hash });
    prevHash = hash;
  }
  return out;
}
