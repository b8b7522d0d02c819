import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './token-bucket';

describe('token buckets', () => {
  it('lets a burst through, then one per 1/rate seconds, each key on its own', () => {
    let t = 0;
    const b = new TokenBuckets({ ratePerSecond: 2, burst: 3 }, () => t);
    for (let i = 0; i < 3; i++) {
      expect(b.waitMs('a')).toBe(0);
      b.charge('a');
    }
    expect(b.waitMs('a')).toBe(500);
    expect(b.waitMs('b')).toBe(0);
    t += 500;
    expect(b.waitMs('a')).toBe(0);
  });

  it('makes concurrent requests that were let in together wait off their debt', () => {
    let t = 0;
    const b = new TokenBuckets({ ratePerSecond: 1, burst: 1 }, () => t);
    b.charge('a');
    b.charge('a');
    expect(b.waitMs('a')).toBe(2000);
    t = 2000;
    expect(b.waitMs('a')).toBe(0);
  });

  it('never keeps more keys than it may', () => {
    let t = 0;
    const b = new TokenBuckets({ ratePerSecond: 1, burst: 5 }, () => t, 10);
    for (let i = 0; i < 100; i++) {
      t += 1;
      b.charge(`ip-${i}`);
    }
    expect(b.size).toBeLessThanOrEqual(10);
    expect(b.waitMs('ip-99')).toBe(0);
  });
});
