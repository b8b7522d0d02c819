// Token buckets by key (a signing key, a client address): `rate` tokens a second up to `burst`.
// Checking and charging are separate, because what a request is charged to is only known after
// it was processed; a bucket may go below zero when concurrent requests were all let in, and the
// debt is waited off like any other.

export interface BucketPolicy {
  ratePerSecond: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly policy: BucketPolicy,
    private readonly now: () => number = Date.now,
    /** Keys kept at most: a hostile client can make up addresses, never unbounded memory. */
    private readonly maxKeys = 100_000,
  ) {
    if (!(policy.ratePerSecond > 0) || !(policy.burst >= 1)) throw new RangeError(`expected rate > 0 and burst >= 1, got ${policy.ratePerSecond}/${policy.burst}`);
  }

  private tokens(key: string, t: number): number {
    const b = this.buckets.get(key);
    if (!b) return this.policy.burst;
    return Math.min(this.policy.burst, b.tokens + ((t - b.at) / 1000) * this.policy.ratePerSecond);
  }

  /** Milliseconds until `key` has a whole token (0: it may go now). */
  waitMs(key: string): number {
    const tokens = this.tokens(key, this.now());
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / this.policy.ratePerSecond) * 1000);
  }

  /** Takes one token from `key` (into debt if need be). */
  charge(key: string): void {
    const t = this.now();
    const tokens = this.tokens(key, t) - 1;
    this.buckets.delete(key); // re-inserted last: the Map's order is least recently charged first
    this.buckets.set(key, { tokens, at: t });
    if (this.buckets.size > this.maxKeys) this.evict(t);
  }

  private evict(t: number): void {
    // A full bucket is the same as none; past that, forget the least recently charged.
    for (const key of this.buckets.keys()) if (this.tokens(key, t) >= this.policy.burst) this.buckets.delete(key);
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys) break;
      this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}
