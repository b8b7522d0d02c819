// Drives validators directly, without a sequencer: builds proposals with core buildBlock, posts
// them to POST /v1/propose, and finalises a block from the signatures collected. For tests that
// must control exactly what a validator is asked to sign.

import { tipOf, type BlockTip, buildBlock, decodeHeader, fromHex, headerHash, type Bytes, type HeaderSignature, type SignedHeader, type SignedRecord, type TrustPolicy } from '../../src/core';
import type { DataDir } from '../datadir';
import { encodeProposal } from '../wire';

export interface ProposeResult {
  status: number;
  body: { publicKey?: string; signature?: string; error?: string; index?: number; height?: number };
}

export async function postProposal(validatorUrl: string, bytes: Bytes, token: string, contentType = 'application/octet-stream'): Promise<ProposeResult> {
  const res = await fetch(`${validatorUrl}/v1/propose`, {
    method: 'POST',
    headers: { 'content-type': contentType, authorization: `Bearer ${token}` },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: (await res.json()) as ProposeResult['body'] };
}

export class DirectChain {
  private prev: SignedHeader;
  tip: BlockTip;
  readonly token: string;

  constructor(
    dir: DataDir,
    private readonly policy: TrustPolicy,
  ) {
    this.token = dir.proposalToken();
    this.prev = dir.genesis();
    const g = decodeHeader(this.prev.header);
    this.tip = tipOf(g, headerHash(this.prev.header));
  }

  /** The proposal for the next height (header, and its encoding with the previous quorum). */
  proposal(records: SignedRecord[], time = Date.now()): { header: Bytes; bytes: Bytes } {
    const built = buildBlock(this.policy.chainId, this.tip, records, time);
    return { header: built.headerBytes, bytes: encodeProposal({ header: built.headerBytes, records, prev: this.prev }) };
  }

  /** Proposes to every validator; finalises when at least `threshold` signed. */
  commit(validatorUrls: string[], records: SignedRecord[], time = Date.now()): Promise<{ header: Bytes; answers: ProposeResult[] }> {
    return this.commitProposal(validatorUrls, this.proposal(records, time));
  }

  async commitProposal(validatorUrls: string[], p: { header: Bytes; bytes: Bytes }): Promise<{ header: Bytes; answers: ProposeResult[] }> {
    const answers = await Promise.all(validatorUrls.map((u) => postProposal(u, p.bytes, this.token)));
    const signatures: HeaderSignature[] = answers
      .filter((a) => a.status === 200)
      .map((a) => ({ publicKey: fromHex(a.body.publicKey!), signature: fromHex(a.body.signature!) }));
    if (signatures.length < this.policy.threshold) throw new Error(`no quorum: ${JSON.stringify(answers)}`);
    this.prev = { header: p.header, signatures };
    const h = decodeHeader(p.header);
    this.tip = tipOf(h, headerHash(p.header));
    return { header: p.header, answers };
  }
}
