// Rate limits on POST /v1/records. Each signing key has a bucket (the issuer's key; for a stall
// code, its stall number, which has one registered vendor key) charged only for records that got
// in, so nobody can use up an issuer's allowance by sending records in its name: signatures are
// checked after the rules, and a refused record may carry any key. Everything refused or
// undecodable is charged to the sender's address instead, and an address over its allowance is
// refused before its request is processed. Defaults are far above what a market does (≈300
// records a day) and above the ingest bench (one authority, thousands of records at full speed).

import { decodeRecord, toHex, type SignedRecord } from '../../src/core';
import { TokenBuckets, type BucketPolicy } from '../http/token-bucket';

export interface RateLimits {
  /** Per signing key: records that got in. */
  key: BucketPolicy;
  /** Per client address: records refused or undecodable. */
  address: BucketPolicy;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  key: { ratePerSecond: 200, burst: 5000 },
  address: { ratePerSecond: 50, burst: 1000 },
};

/**
 * `key=RATE/BURST,ip=RATE/BURST` (either part may be left out: its default stays), e.g.
 * `key=5/20,ip=1/10`. Throws RangeError naming the part that is wrong.
 */
export function parseRateLimits(text: string): RateLimits {
  const out: RateLimits = { key: { ...DEFAULT_RATE_LIMITS.key }, address: { ...DEFAULT_RATE_LIMITS.address } };
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(key|ip)=([0-9]+(?:\.[0-9]+)?)\/([0-9]+)$/.exec(part);
    if (!m) throw new RangeError(`expected key=RATE/BURST or ip=RATE/BURST, got ${JSON.stringify(part)}`);
    const policy = { ratePerSecond: Number(m[2]), burst: Number(m[3]) };
    if (!(policy.ratePerSecond > 0) || policy.burst < 1) throw new RangeError(`${m[1]}: expected RATE > 0 and BURST >= 1, got ${JSON.stringify(part)}`);
    if (m[1] === 'key') out.key = policy;
    else out.address = policy;
  }
  return out;
}

/** Whose allowance a record uses: its signing key, or its stall number for a stall code. Null if its body does not decode. */
export function signerOf(signed: SignedRecord): string | null {
  try {
    const r = decodeRecord(signed.body);
    return r.kind === 'stall-code' ? `stall:${r.stallNo}` : `key:${toHex(r.issuer)}`;
  } catch {
    return null;
  }
}

export class SubmissionLimits {
  private readonly keys: TokenBuckets;
  private readonly addresses: TokenBuckets;

  constructor(limits: RateLimits = DEFAULT_RATE_LIMITS, now: () => number = Date.now) {
    this.keys = new TokenBuckets(limits.key, now);
    this.addresses = new TokenBuckets(limits.address, now);
  }

  /** Milliseconds this submission must wait (0: go ahead). */
  waitMs(address: string, signer: string | null): number {
    return Math.max(this.addresses.waitMs(address), signer === null ? 0 : this.keys.waitMs(signer));
  }

  /** After processing: a record that got in is charged to its signer, anything else to the sender. */
  charge(address: string, signer: string | null, accepted: boolean): void {
    if (accepted && signer !== null) this.keys.charge(signer);
    else this.addresses.charge(address);
  }
}
