// Light-client header sync (docs/DESIGN.md §3): from a trusted anchor, each header must belong to the
// chain, be the next height, link to its predecessor's hash and not go back in time; the quorum on
// the newest header then vouches for all of them. Each test hands the client a chain an attacker
// (or a broken server) could serve and checks what the client concludes.

import { describe, expect, it } from 'vitest';
import { TestNetwork, seededKey } from '../../../test/fixtures/network';
import { flipBit } from '../../../test/fuzz/mutate';
import { signFor } from '../crypto';
import { decodeHeader, encodeHeader, headerHash } from '../codec/header';
import type { BlockHeader, Bytes } from '../codec/types';
import { verifyHeaderChain, verifyStandaloneHeader, type ChainAnchor } from './chain';

const net = new TestNetwork();
for (let i = 0; i < 5; i++) net.seal([net.sign(net.credential(seededKey(`chain-vendor-${i}`)), net.healthAuthority.secretKey)]);
const headers = net.blocks.map((b) => b.built.headerBytes);
const tipSignatures = net.blocks[net.blocks.length - 1]!.signed.signatures;
const genesis: ChainAnchor = { height: 0, hash: net.genesis.hash, time: net.genesis.header.time };
const quorumOn = (bytes: Bytes) => net.validators.slice(0, 2).map((v) => ({ publicKey: v.publicKey, signature: signFor('header', v.secretKey, bytes) }));
/** A header as a dishonest server would write it: well-formed, whatever the content. */
const forgedHeader = (over: Partial<BlockHeader>, base = decodeHeader(headers[4]!)): Bytes => encodeHeader({ ...base, ...over });

describe('verifyHeaderChain', () => {
  it('accepts the whole chain from genesis with the quorum of the tip, returning every header and its hash', () => {
    const r = verifyHeaderChain(genesis, headers, tipSignatures, net.policy);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.signers).toBe(3);
    expect(r.headers.map((h) => h.header)).toEqual(net.blocks.map((b) => b.built.header));
    expect(r.headers.map((h) => h.hash)).toEqual(net.blocks.map((b) => b.built.hash));
  });

  it('resumes from a cached tip', () => {
    const cached = net.blocks[2]!.built;
    const r = verifyHeaderChain({ height: 3, hash: cached.hash, time: cached.header.time }, headers.slice(3), tipSignatures, net.policy);
    expect(r.ok && r.headers.map((h) => h.header.height)).toEqual([4, 5]);
  });

  it('nothing new is an empty success', () => {
    expect(verifyHeaderChain(genesis, [], [], net.policy)).toEqual({ ok: true, headers: [], signers: 0 });
  });

  it('a tip signed by one validator of 2-of-3 is QUORUM_NOT_MET at the tip height', () => {
    expect(verifyHeaderChain(genesis, headers, tipSignatures.slice(0, 1), net.policy)).toEqual({ ok: false, reason: 'QUORUM_NOT_MET', height: 5 });
  });

  it('the tip\'s signatures presented for an earlier page end are QUORUM_BAD_SIGNATURE', () => {
    expect(verifyHeaderChain(genesis, headers.slice(0, 4), tipSignatures, net.policy)).toEqual({ ok: false, reason: 'QUORUM_BAD_SIGNATURE', height: 4 });
  });

  it('a tampered middle header breaks the link of the next one (the tip quorum covers all before it)', () => {
    const tampered = [...headers];
    tampered[2] = flipBit(headers[2]!, (headers[2]!.length - 1) * 8); // last byte of recordsRoot
    expect(verifyHeaderChain(genesis, tampered, tipSignatures, net.policy)).toEqual({ ok: false, reason: 'HEADER_BROKEN_LINK', height: 4 });
  });

  it('a tampered tip fails its quorum: QUORUM_BAD_SIGNATURE', () => {
    const tampered = [...headers];
    tampered[4] = flipBit(headers[4]!, (headers[4]!.length - 1) * 8);
    expect(verifyHeaderChain(genesis, tampered, tipSignatures, net.policy)).toEqual({ ok: false, reason: 'QUORUM_BAD_SIGNATURE', height: 5 });
  });

  it('a header of another chain is HEADER_WRONG_CHAIN, even correctly linked and signed', () => {
    const prev = net.blocks[3]!.built;
    const other = forgedHeader({ chainId: 'other-market', prevHash: prev.hash });
    expect(verifyHeaderChain(genesis, [...headers.slice(0, 4), other], quorumOn(other), net.policy)).toEqual({ ok: false, reason: 'HEADER_WRONG_CHAIN', height: 5 });
  });

  it('a header whose prevHash is not its predecessor\'s hash is HEADER_BROKEN_LINK', () => {
    const rogue = forgedHeader({ prevHash: new Uint8Array(32).fill(0x42) });
    expect(verifyHeaderChain(genesis, [...headers.slice(0, 4), rogue], quorumOn(rogue), net.policy)).toEqual({ ok: false, reason: 'HEADER_BROKEN_LINK', height: 5 });
  });

  it('a skipped or repeated height is HEADER_NOT_CONSECUTIVE', () => {
    expect(verifyHeaderChain(genesis, [headers[0]!, headers[2]!], quorumOn(headers[2]!), net.policy)).toEqual({ ok: false, reason: 'HEADER_NOT_CONSECUTIVE', height: 3 });
    expect(verifyHeaderChain(genesis, [headers[0]!, headers[0]!], quorumOn(headers[0]!), net.policy)).toEqual({ ok: false, reason: 'HEADER_NOT_CONSECUTIVE', height: 1 });
    const cached = net.blocks[1]!.built;
    expect(verifyHeaderChain({ height: 2, hash: cached.hash, time: cached.header.time }, headers, tipSignatures, net.policy)).toMatchObject({ ok: false, reason: 'HEADER_NOT_CONSECUTIVE' });
  });

  it('a block time before its predecessor\'s is HEADER_TIME_REGRESSION', () => {
    const prev = net.blocks[3]!.built;
    const early = forgedHeader({ prevHash: prev.hash, time: prev.header.time - 1 });
    expect(verifyHeaderChain(genesis, [...headers.slice(0, 4), early], quorumOn(early), net.policy)).toEqual({ ok: false, reason: 'HEADER_TIME_REGRESSION', height: 5 });
    const same = forgedHeader({ prevHash: prev.hash, time: prev.header.time });
    expect(verifyHeaderChain(genesis, [...headers.slice(0, 4), same], quorumOn(same), net.policy).ok).toBe(true);
  });

  it('bytes that are not a header are HEADER_MALFORMED at the height expected', () => {
    expect(verifyHeaderChain(genesis, [headers[0]!, Uint8Array.of(1, 2, 3)], tipSignatures, net.policy)).toEqual({ ok: false, reason: 'HEADER_MALFORMED', height: 2 });
  });

  it('the first header must link to the anchor: another genesis hash is HEADER_BROKEN_LINK', () => {
    const anchor = { ...genesis, hash: new Uint8Array(32) };
    expect(verifyHeaderChain(anchor, headers, tipSignatures, net.policy)).toEqual({ ok: false, reason: 'HEADER_BROKEN_LINK', height: 1 });
  });
});

describe('verifyStandaloneHeader', () => {
  const h = headers[2]!;
  it('accepts a header with its own quorum and returns its hash', () => {
    const r = verifyStandaloneHeader(h, net.blocks[2]!.signed.signatures, net.policy);
    expect(r.ok && r.header.hash).toEqual(headerHash(h));
  });

  it('refuses below quorum, another chain, and malformed bytes', () => {
    expect(verifyStandaloneHeader(h, net.blocks[2]!.signed.signatures.slice(0, 1), net.policy)).toEqual({ ok: false, reason: 'QUORUM_NOT_MET' });
    const other = forgedHeader({ chainId: 'other-market' });
    expect(verifyStandaloneHeader(other, quorumOn(other), net.policy)).toEqual({ ok: false, reason: 'HEADER_WRONG_CHAIN' });
    expect(verifyStandaloneHeader(h.subarray(1), quorumOn(h), net.policy)).toEqual({ ok: false, reason: 'HEADER_MALFORMED' });
  });

  it('signatures of another header do not vouch for this one', () => {
    expect(verifyStandaloneHeader(h, net.blocks[3]!.signed.signatures, net.policy)).toEqual({ ok: false, reason: 'QUORUM_BAD_SIGNATURE' });
  });
});
