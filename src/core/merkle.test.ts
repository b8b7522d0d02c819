import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes';
import { CoreError, type CoreErrorCode } from './errors';
import {
  inclusionProof,
  inclusionProofLength,
  leafHash,
  MerkleTree,
  nodeHash,
  rootFromInclusionProof,
  rootFromLeafHashes,
  verifyInclusion,
} from './merkle';

// ---- an independent reference: the recursive definition of RFC 9162 §2.1.1, node:crypto SHA-256 ----

function refSha256(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function refRoot(data: readonly Uint8Array[]): Uint8Array {
  if (data.length === 0) return refSha256();
  if (data.length === 1) return refSha256(Uint8Array.of(0), data[0]!);
  const k = largestPowerOfTwoBelow(data.length);
  return refSha256(Uint8Array.of(1), refRoot(data.slice(0, k)), refRoot(data.slice(k)));
}

/** Bottom-up sides of the audit path PATH(m, D[n]) (§2.1.3.1): 'R' = proof hash is the right sibling. */
function refPathShape(m: number, n: number): string {
  if (n <= 1) return '';
  const k = largestPowerOfTwoBelow(n);
  return m < k ? refPathShape(m, k) + 'R' : refPathShape(m - k, n - k) + 'L';
}

function codeOf(f: () => unknown): CoreErrorCode | 'OK' {
  try {
    f();
    return 'OK';
  } catch (e) {
    if (e instanceof CoreError) return e.code;
    throw e;
  }
}

function dataOf(n: number, seed = 0): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => Uint8Array.of(seed & 0xff, i & 0xff, (i >> 8) & 0xff, i % 7));
}

function flipBit(proof: readonly Uint8Array[], which: number, bit: number): Uint8Array[] {
  return proof.map((h, j) => {
    if (j !== which) return h;
    const c = h.slice();
    c[bit >> 3]! ^= 1 << (bit & 7);
    return c;
  });
}

// ---- transparency-dev/merkle probes (test/vectors/merkle) ----

const VECTOR_DIR = fileURLToPath(new URL('../../test/vectors/merkle/', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

function expectKeys(o: unknown, keys: readonly string[], file: string): Record<string, unknown> {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new Error(`${file}: not an object`);
  const got = Object.keys(o).sort();
  if (got.join() !== [...keys].sort().join()) throw new Error(`${file}: unexpected keys ${got.join()}`);
  return o as Record<string, unknown>;
}

/**
 * A Go uint64. Probes like "leafIdx sub @1" underflow to 2^64-1, which JSON.parse rounds to 2^64;
 * such values are passed on as they are, above 2^53-1 and so outside the API's domain, and must
 * be rejected like any other bad size.
 */
function uint(v: unknown, file: string): number {
  if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 2 ** 64) throw new Error(`${file}: not a uint64: ${String(v)}`);
  return v as number;
}

function bool(v: unknown, file: string): boolean {
  if (typeof v !== 'boolean') throw new Error(`${file}: not a boolean: ${String(v)}`);
  return v;
}

/** Strict standard base64 (Go's encoding of []byte), so a mangled file cannot silently pass. */
function base64(v: unknown, file: string): Uint8Array {
  if (typeof v !== 'string' || v.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) {
    throw new Error(`${file}: not base64: ${String(v)}`);
  }
  const bytes = new Uint8Array(Buffer.from(v, 'base64'));
  if (Buffer.from(bytes).toString('base64') !== v) throw new Error(`${file}: non-canonical base64: ${v}`);
  return bytes;
}

/** Go marshals a nil proof slice as null; it means the empty proof. */
function proofOf(v: unknown, file: string): Uint8Array[] {
  if (v === null) return [];
  if (!Array.isArray(v)) throw new Error(`${file}: proof is not a list`);
  return v.map((h) => base64(h, file));
}

interface Probe {
  file: string;
  desc: string;
  wantErr: boolean;
  verify: () => boolean;
}

function loadProbe(path: string): Probe {
  const file = relative(VECTOR_DIR, path);
  const [kind] = file.split(/[\\/]/);
  if (!file.endsWith('.json')) throw new Error(`${file}: not a vector file`);
  const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (kind === 'inclusion') {
    const o = expectKeys(json, ['leafIdx', 'treeSize', 'root', 'leafHash', 'proof', 'desc', 'wantErr'], file);
    const index = uint(o.leafIdx, file);
    const size = uint(o.treeSize, file);
    const root = base64(o.root, file);
    const leaf = base64(o.leafHash, file);
    const proof = proofOf(o.proof, file);
    return { file, desc: String(o.desc), wantErr: bool(o.wantErr, file), verify: () => verifyInclusion(index, size, leaf, proof, root) };
  }
  throw new Error(`${file}: unknown vector kind`);
}

const vectorFiles = filesUnder(VECTOR_DIR).filter((p) => relative(VECTOR_DIR, p) !== 'LICENSE');
const probes = vectorFiles.map(loadProbe);

describe('transparency-dev/merkle probes', () => {
  it('reads every file: 98 inclusion probes', () => {
    expect(probes.length).toBe(98);
    expect(probes.every((p) => p.file.startsWith('inclusion'))).toBe(true);
  });
  for (const p of probes) {
    it(`${p.file}: ${p.desc} → ${p.wantErr ? 'rejected' : 'accepted'}`, () => {
      expect(p.verify()).toBe(!p.wantErr);
    });
  }
});

// ---- known answers: the reference tree of transparency-dev/merkle proof/verify_test.go ----

const KAT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(fromHex);
const KAT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const katLeafHashes = KAT_LEAVES.map(leafHash);

describe('known answers', () => {
  it('the empty tree is SHA-256("")', () => {
    const empty = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(toHex(rootFromLeafHashes([]))).toBe(empty);
    expect(toHex(new MerkleTree([]).root)).toBe(empty);
    expect(new MerkleTree([]).size).toBe(0);
  });

  it('roots of the first 1..8 reference leaves', () => {
    for (let n = 1; n <= 8; n++) {
      expect(toHex(rootFromLeafHashes(katLeafHashes.slice(0, n)))).toBe(KAT_ROOTS[n - 1]);
      expect(toHex(new MerkleTree(katLeafHashes.slice(0, n)).root)).toBe(KAT_ROOTS[n - 1]);
    }
  });

  it('inclusion proofs', () => {
    const cases: [number, number, string[]][] = [
      [0, 1, []],
      [0, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
      [5, 8, ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
      [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
      [1, 5, ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
    ];
    for (const [index, size, want] of cases) {
      expect(inclusionProof(katLeafHashes.slice(0, size), index).map(toHex)).toEqual(want);
    }
  });

});

// ---- misuse and shape ----

describe('proof shape', () => {
  const leaves = dataOf(5).map(leafHash);
  const tree = new MerkleTree(leaves);

  it('misuse throws BAD_PROOF_SHAPE; verifyInclusion says false instead', () => {
    const proof = tree.inclusionProof(1);
    const leaf = leaves[1]!;
    const bad: [number, number, Uint8Array, Uint8Array[]][] = [
      [5, 5, leaf, proof], // index == size
      [0, 0, leaf, []], // nothing is in the empty tree
      [-1, 5, leaf, proof],
      [1.5, 5, leaf, proof],
      [1, 5, leaf, proof.slice(1)], // too short
      [1, 5, leaf, [...proof, proof[0]!]], // too long
      [1, 5, leaf.slice(1), proof], // leaf hash of 31 bytes
      [1, 5, leaf, [proof[0]!, new Uint8Array(33), proof[2]!]],
    ];
    for (const [index, size, h, p] of bad) {
      expect(codeOf(() => rootFromInclusionProof(index, size, h, p))).toBe('BAD_PROOF_SHAPE');
      expect(verifyInclusion(index, size, h, p, tree.root)).toBe(false);
    }
    expect(codeOf(() => tree.inclusionProof(5))).toBe('BAD_PROOF_SHAPE');
    expect(codeOf(() => inclusionProofLength(0, 0))).toBe('BAD_PROOF_SHAPE');
    expect(codeOf(() => new MerkleTree([new Uint8Array(31)]))).toBe('BAD_PROOF_SHAPE');
    expect(codeOf(() => rootFromLeafHashes([leaves[0]!, new Uint8Array(0)]))).toBe('BAD_PROOF_SHAPE');
    expect(codeOf(() => nodeHash(leaves[0]!, new Uint8Array(64)))).toBe('BAD_PROOF_SHAPE');
  });

  it('proof lengths beyond 32-bit sizes', () => {
    expect(inclusionProofLength(0, 2 ** 40)).toBe(40);
    expect(inclusionProofLength(2 ** 40 - 1, 2 ** 40)).toBe(40);
    expect(inclusionProofLength(2 ** 40, 2 ** 40 + 1)).toBe(1);
    expect(inclusionProofLength(0, 2 ** 40 + 1)).toBe(41);
    expect(inclusionProofLength(2 ** 53 - 2, 2 ** 53 - 1)).toBe(refPathShape(2 ** 53 - 2, 2 ** 53 - 1).length);
  });

});

// ---- properties ----

describe('properties', () => {
  it('MerkleTree and rootFromLeafHashes equal the recursive definition (n <= 70)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 70 }), (data) => {
        const want = toHex(refRoot(data));
        const hashes = data.map(leafHash);
        expect(toHex(rootFromLeafHashes(hashes))).toBe(want);
        expect(toHex(new MerkleTree(hashes).root)).toBe(want);
      }),
      { numRuns: 200 },
    );
  });

  it('every proof of every leaf verifies, with the length and sides of RFC PATH (n in 1..300)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(255), (n, seed) => {
        const leaves = dataOf(n, seed).map(leafHash);
        const tree = new MerkleTree(leaves);
        const root = rootFromLeafHashes(leaves);
        expect(tree.root).toEqual(root);
        expect(tree.size).toBe(n);
        for (let i = 0; i < n; i++) {
          const proof = tree.inclusionProof(i);
          expect(proof.length).toBe(refPathShape(i, n).length);
          expect(inclusionProofLength(i, n)).toBe(proof.length);
          expect(verifyInclusion(i, n, leaves[i]!, proof, root)).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('flipping any bit of any proof hash fails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 300 }), fc.nat(), fc.nat(), fc.nat(255), (n, i, which, bit) => {
        const leaves = dataOf(n).map(leafHash);
        const tree = new MerkleTree(leaves);
        const index = i % n;
        const proof = tree.inclusionProof(index);
        const bad = flipBit(proof, which % proof.length, bit);
        expect(verifyInclusion(index, n, leaves[index]!, bad, tree.root)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('another index of the same tree always fails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 300 }), fc.nat(), fc.nat(), (n, a, b) => {
        const leaves = dataOf(n).map(leafHash);
        const tree = new MerkleTree(leaves);
        const index = a % n;
        const other = (index + 1 + (b % (n - 1))) % n;
        expect(verifyInclusion(other, n, leaves[index]!, tree.inclusionProof(index), tree.root)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  // A proof binds the size only through the path it implies: leaf 0 has the sides "RR" in trees of
  // 3 and of 4, so its proof in one verifies in the other. The size must come from the signed
  // header, never from the party that supplies the proof.
  it('another size fails unless the audit path has exactly the same sides', () => {
    const leaves = dataOf(4).map(leafHash);
    const root3 = rootFromLeafHashes(leaves.slice(0, 3));
    expect(verifyInclusion(0, 4, leaves[0]!, inclusionProof(leaves.slice(0, 3), 0), root3)).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 600 }), fc.nat(), (n, size, i) => {
        fc.pre(size !== n);
        const leaves = dataOf(n).map(leafHash);
        const tree = new MerkleTree(leaves);
        const index = i % n;
        const same = index < size && refPathShape(index, size) === refPathShape(index, n);
        expect(verifyInclusion(index, size, leaves[index]!, tree.inclusionProof(index), tree.root)).toBe(same);
      }),
      { numRuns: 500 },
    );
  });

});

describe('scale', () => {
  it('a block of 1e5 records: one tree, iterative, proofs from it verify', () => {
    const leaves = Array.from({ length: 100_000 }, (_, i) => leafHash(Uint8Array.of(i & 0xff, (i >> 8) & 0xff, i >> 16)));
    const tree = new MerkleTree(leaves);
    expect(tree.root).toEqual(rootFromLeafHashes(leaves));
    for (const i of [0, 1, 65_535, 65_536, 99_999]) {
      expect(verifyInclusion(i, 100_000, leaves[i]!, tree.inclusionProof(i), tree.root)).toBe(true);
    }
  });
});
