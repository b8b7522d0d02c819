// Building a block: the RFC 9162 tree over the record bodies and the header that commits to it.
// Used by the sequencer (to propose), by validators (to recompute what they sign) and by tests.

import { sha256 } from '../crypto';
import { MerkleTree, leafHash } from '../merkle';
import { encodeHeader, headerHash } from '../codec/header';
import type { BlockHeader, Bytes, SignedRecord } from '../codec/types';
import { EMPTY_REVOCATIONS, accumulateBlock, type RevocationAccumulator } from './revocation-chain';

export interface BlockTip {
  height: number;
  hash: Bytes;
  time: number;
  /** The tip header's revocation commitment. */
  revocations: RevocationAccumulator;
}

export interface BuiltBlock {
  header: BlockHeader;
  headerBytes: Bytes;
  hash: Bytes;
  tree: MerkleTree;
}

export function genesisHeader(chainId: string, time: number): BuiltBlock {
  const header: BlockHeader = {
    chainId,
    height: 0,
    prevHash: new Uint8Array(32),
    time,
    recordCount: 0,
    recordsRoot: sha256(new Uint8Array(0)),
    revocationCount: EMPTY_REVOCATIONS.count,
    revocationsHash: EMPTY_REVOCATIONS.hash,
  };
  const headerBytes = encodeHeader(header);
  return { header, headerBytes, hash: headerHash(headerBytes), tree: new MerkleTree([]) };
}

/** Block time never goes back: max(proposed time, previous block time). */
export function buildBlock(chainId: string, tip: BlockTip, records: readonly SignedRecord[], time: number): BuiltBlock {
  const tree = new MerkleTree(records.map((r) => leafHash(r.body)));
  const height = tip.height + 1;
  const revocations = accumulateBlock(tip.revocations, height, records.map((r) => r.body));
  const header: BlockHeader = {
    chainId,
    height,
    prevHash: tip.hash,
    time: Math.max(time, tip.time),
    recordCount: records.length,
    recordsRoot: tree.root,
    revocationCount: revocations.count,
    revocationsHash: revocations.hash,
  };
  const headerBytes = encodeHeader(header);
  return { header, headerBytes, hash: headerHash(headerBytes), tree };
}

/** The tip a verified header makes. */
export function tipOf(header: BlockHeader, hash: Bytes): BlockTip {
  return { height: header.height, hash, time: header.time, revocations: { count: header.revocationCount, hash: header.revocationsHash } };
}
