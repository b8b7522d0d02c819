// Building a block: the RFC 9162 tree over the record bodies and the header that commits to it.
// Used by the sequencer (to propose), by validators (to recompute what they sign) and by tests.

import { sha256 } from '../crypto';
import { MerkleTree, leafHash } from '../merkle';
import { encodeHeader, headerHash } from '../codec/header';
import type { BlockHeader, Bytes, SignedRecord } from '../codec/types';

export interface BlockTip {
  height: number;
  hash: Bytes;
  time: number;
}

export interface BuiltBlock {
  header: BlockHeader;
  headerBytes: Bytes;
  hash: Bytes;
  tree: MerkleTree;
}

export function genesisHeader(chainId: string, time: number): BuiltBlock {
  const header: BlockHeader = { chainId, height: 0, prevHash: new Uint8Array(32), time, recordCount: 0, recordsRoot: sha256(new Uint8Array(0)) };
  const headerBytes = encodeHeader(header);
  return { header, headerBytes, hash: headerHash(headerBytes), tree: new MerkleTree([]) };
}

/** Block time never goes back: max(proposed time, previous block time). */
export function buildBlock(chainId: string, tip: BlockTip, records: readonly SignedRecord[], time: number): BuiltBlock {
  const tree = new MerkleTree(records.map((r) => leafHash(r.body)));
  const header: BlockHeader = {
    chainId,
    height: tip.height + 1,
    prevHash: tip.hash,
    time: Math.max(time, tip.time),
    recordCount: records.length,
    recordsRoot: tree.root,
  };
  const headerBytes = encodeHeader(header);
  return { header, headerBytes, hash: headerHash(headerBytes), tree };
}
