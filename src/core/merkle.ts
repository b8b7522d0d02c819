// Merkle tree over a block's records, as committed to by the block header's records root.
// Hashing follows RFC 9162 §2.1 (identical to RFC 6962 §2.1): leaf = SHA-256(0x00 ‖ data),
// node = SHA-256(0x01 ‖ left ‖ right), the empty tree hashes to SHA-256(""), and a tree of n
// leaves splits at the largest power of two below n (no odd-node duplication, so no
// CVE-2012-2459-style second preimages). Inclusion proofs follow §2.1.3, with the edge cases of
// transparency-dev/merkle's test probes. Each block has its own tree and blocks are hash-linked,
// so no consistency proofs between tree sizes are needed (a mirror serves headers, whose links
// already prove that one history extends another).
//
// Tree sizes and indices are plain numbers: non-negative safe integers. Size arithmetic uses
// division, not bit operators, because JavaScript bit operators truncate to 32 bits.

import { sha256 } from '@noble/hashes/sha2.js';
import { equalBytes } from './bytes';
import { CoreError, fail } from './errors';

const HASH_LENGTH = 32;

const EMPTY_TREE_ROOT = sha256(new Uint8Array(0));

// One scratch buffer for node hashing: building a 1e5-leaf tree hashes ~1e5 nodes, and a fresh
// 65-byte concatenation per node is measurable. Safe because sha256 consumes it synchronously.
const nodeInput = new Uint8Array(1 + 2 * HASH_LENGTH);
nodeInput[0] = 0x01;

export function leafHash(data: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + data.length);
  input[0] = 0x00;
  input.set(data, 1);
  return sha256(input);
}

export function nodeHash(l: Uint8Array, r: Uint8Array): Uint8Array {
  checkHash('left child', l);
  checkHash('right child', r);
  nodeInput.set(l, 1);
  nodeInput.set(r, 1 + HASH_LENGTH);
  return sha256(nodeInput);
}

/** The root of the tree whose leaves have these hashes; SHA-256("") for no leaves. O(n). */
export function rootFromLeafHashes(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return EMPTY_TREE_ROOT.slice();
  leaves.forEach((h, i) => checkHash(`leaf hash ${i}`, h));
  let level: readonly Uint8Array[] = leaves;
  while (level.length > 1) level = parentLevel(level);
  return level[0]!.slice();
}

/**
 * A tree built once, level by level, so the sequencer can serve a proof per record of a block
 * without rehashing: each proof is then O(log n) lookups.
 *
 * levels[k][i] is the hash of leaves [i·2^k, min((i+1)·2^k, n)). A level of odd length carries its
 * last node up unchanged; that node is exactly the right-hand subtree the RFC's largest-power-of-two
 * split produces, so the root and every proof equal the recursive definition.
 */
export class MerkleTree {
  readonly root: Uint8Array;
  readonly size: number;
  private readonly levels: readonly (readonly Uint8Array[])[];

  constructor(leafHashes: readonly Uint8Array[]) {
    leafHashes.forEach((h, i) => checkHash(`leaf hash ${i}`, h));
    const levels: (readonly Uint8Array[])[] = [leafHashes.slice()];
    for (let top = levels[0]!; top.length > 1; ) {
      top = parentLevel(top);
      levels.push(top);
    }
    this.levels = levels;
    this.size = leafHashes.length;
    this.root = this.size === 0 ? EMPTY_TREE_ROOT.slice() : levels[levels.length - 1]![0]!.slice();
  }

  /** The audit path of RFC 9162 §2.1.3.1, bottom-up. */
  inclusionProof(index: number): Uint8Array[] {
    checkIndex(index, this.size);
    const proof: Uint8Array[] = [];
    let i = index;
    for (let k = 0; k < this.levels.length - 1; k++) {
      const sibling = this.levels[k]![isOdd(i) ? i - 1 : i + 1];
      // No sibling: this node is carried up to the next level and needs no proof hash.
      if (sibling !== undefined) proof.push(sibling.slice());
      i = half(i);
    }
    return proof;
  }
}

export function inclusionProof(leaves: readonly Uint8Array[], index: number): Uint8Array[] {
  return new MerkleTree(leaves).inclusionProof(index);
}

/**
 * The exact number of hashes in the inclusion proof of leaf `index` in a tree of `size`.
 * Throws BAD_PROOF_SHAPE unless 0 <= index < size.
 */
export function inclusionProofLength(index: number, size: number): number {
  checkIndex(index, size);
  let n = 0;
  walkInclusion(index, size, () => n++);
  return n;
}

/**
 * The root that `proof` implies for leaf `index` of a tree of `size` (RFC 9162 §2.1.3.2).
 * Throws BAD_PROOF_SHAPE when index >= size (including size 0: nothing is in the empty tree),
 * when the proof is not exactly inclusionProofLength(index, size) long, or when any hash is not
 * 32 bytes; callers that receive proofs from the network should use verifyInclusion.
 */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array {
  const expected = inclusionProofLength(index, size);
  if (proof.length !== expected) {
    fail('BAD_PROOF_SHAPE', `inclusion proof for leaf ${index} of ${size}: expected ${expected} hashes, got ${proof.length}`);
  }
  checkHash('leaf hash', leafHash);
  proof.forEach((h, i) => checkHash(`proof hash ${i}`, h));
  let r = leafHash;
  let i = 0;
  walkInclusion(index, size, (pathOnRight) => {
    const p = proof[i++]!;
    r = pathOnRight ? nodeHash(p, r) : nodeHash(r, p);
  });
  return r;
}

/**
 * True iff `proof` shows leaf `leafHash` at `index` in the tree of `size` with `root`.
 * Proofs are hostile input: a wrong proof, and equally a malformed one (index out of range,
 * size 0, wrong length, a hash not 32 bytes), gives false, never an exception.
 */
export function verifyInclusion(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  let computed: Uint8Array;
  try {
    computed = rootFromInclusionProof(index, size, leafHash, proof);
  } catch (e) {
    if (e instanceof CoreError) return false;
    throw e;
  }
  return equalBytes(computed, root);
}

// ---- internals ----

function parentLevel(level: readonly Uint8Array[]): Uint8Array[] {
  const up: Uint8Array[] = new Array<Uint8Array>(Math.ceil(level.length / 2));
  for (let i = 0; i + 1 < level.length; i += 2) up[i >>> 1] = nodeHash(level[i]!, level[i + 1]!);
  if (level.length % 2 === 1) up[up.length - 1] = level[level.length - 1]!;
  return up;
}

/**
 * The loop of RFC 9162 §2.1.3.2 without the hashing: calls `step(pathOnRight)` once per proof
 * hash, where pathOnRight means the proof hash is the left child (HASH(0x01 ‖ p ‖ r)).
 * Stops when sn reaches 0, which is exactly where a proof of the right length ends.
 */
function walkInclusion(index: number, size: number, step: (pathOnRight: boolean) => void): void {
  let fn = index;
  let sn = size - 1;
  while (sn !== 0) {
    if (isOdd(fn) || fn === sn) {
      step(true);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      step(false);
    }
    fn = half(fn);
    sn = half(sn);
  }
}

function checkIndex(index: number, size: number): void {
  if (!isSize(size) || !isSize(index) || index >= size) {
    fail('BAD_PROOF_SHAPE', `expected valid leaf index: 0 <= index < size, got index ${index}, size ${size}`);
  }
}

function checkHash(what: string, h: Uint8Array): void {
  if (!isHash(h)) fail('BAD_PROOF_SHAPE', `${what}: expected ${HASH_LENGTH} bytes, got ${h?.length}`);
}

function isHash(h: Uint8Array): boolean {
  return h instanceof Uint8Array && h.length === HASH_LENGTH;
}

function isSize(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function isOdd(n: number): boolean {
  return n % 2 === 1;
}

function half(n: number): number {
  return Math.floor(n / 2);
}
