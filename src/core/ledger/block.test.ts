// Building blocks (ledger/block.ts): the genesis header, and a block whose header commits to the
// RFC 9162 tree of its record bodies, links to the tip and never goes back in time.

import { describe, expect, it } from 'vitest';
import { TestNetwork, seededKey } from '../../../test/fixtures/network';
import { sha256 } from '../crypto';
import { decodeHeader, headerHash } from '../codec/header';
import { leafHash, rootFromLeafHashes, verifyInclusion } from '../merkle';
import { buildBlock, genesisHeader, tipOf } from './block';
import { EMPTY_REVOCATIONS } from './revocation-chain';

const net = new TestNetwork();
const records = [0, 1, 2, 3, 4].map((i) => net.sign(net.credential(seededKey(`block-${i}`)), net.healthAuthority.secretKey));

describe('genesisHeader', () => {
  it('height 0, zero prevHash, no records, root SHA-256(""), no status events (H_0 = 32 zero bytes), hash over its bytes', () => {
    const g = genesisHeader('test-market', 1000);
    expect(g.header).toEqual({
      chainId: 'test-market',
      height: 0,
      prevHash: new Uint8Array(32),
      time: 1000,
      recordCount: 0,
      recordsRoot: sha256(new Uint8Array(0)),
      revocationCount: 0,
      revocationsHash: new Uint8Array(32),
    });
    expect(decodeHeader(g.headerBytes)).toEqual(g.header);
    expect(g.hash).toEqual(headerHash(g.headerBytes));
  });
});

describe('buildBlock', () => {
  const tip = { height: 4, hash: new Uint8Array(32).fill(4), time: 5000, revocations: { count: 7, hash: new Uint8Array(32).fill(7) } };

  it('commits to the leaf hashes of the bodies and links to the tip', () => {
    const b = buildBlock('test-market', tip, records, 6000);
    expect(b.header).toMatchObject({ height: 5, prevHash: tip.hash, time: 6000, recordCount: 5 });
    expect(b.header.recordsRoot).toEqual(rootFromLeafHashes(records.map((r) => leafHash(r.body))));
    expect(b.hash).toEqual(headerHash(b.headerBytes));
    for (let i = 0; i < records.length; i++) {
      expect(verifyInclusion(i, 5, leafHash(records[i]!.body), b.tree.inclusionProof(i), b.header.recordsRoot)).toBe(true);
    }
  });

  it('carries the tip\'s revocation commitment on when the block has no status event', () => {
    const b = buildBlock('test-market', tip, records, 6000);
    expect([b.header.revocationCount, b.header.revocationsHash]).toEqual([7, tip.revocations.hash]);
  });

  it('tipOf gives height, hash, time and the revocation commitment of a header', () => {
    const b = buildBlock('test-market', tip, records, 6000);
    expect(tipOf(b.header, b.hash)).toEqual({ height: 5, hash: b.hash, time: 6000, revocations: { count: 7, hash: tip.revocations.hash } });
    const g = genesisHeader('test-market', 1000);
    expect(tipOf(g.header, g.hash).revocations).toEqual(EMPTY_REVOCATIONS);
  });

  it('a proposed time before the tip becomes the tip\'s time', () => {
    expect(buildBlock('test-market', tip, records, 10).header.time).toBe(5000);
  });

  it('the signature is not in the leaf: the same body with another signature gives the same root', () => {
    const resigned = records.map((r) => ({ ...r, signature: new Uint8Array(64) }));
    expect(buildBlock('test-market', tip, resigned, 6000).hash).toEqual(buildBlock('test-market', tip, records, 6000).hash);
  });
});
