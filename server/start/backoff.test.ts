import { describe, expect, it } from 'vitest';
import { RestartBackoff } from './backoff';

/** A child that runs for each of `uptimesMs` and then exits: the waits before each restart. */
function waits(uptimesMs: number[]): number[] {
  let t = 0;
  const b = new RestartBackoff(undefined, () => t);
  return uptimesMs.map((up) => {
    t += up;
    const wait = b.exited();
    t += wait;
    b.started();
    return wait;
  });
}

describe('restart backoff', () => {
  it('doubles from 1 s up to 30 s while the child keeps crashing at once', () => {
    expect(waits([10, 10, 10, 10, 10, 10, 10, 10])).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('starts again at 1 s once the child had run healthily for a minute', () => {
    expect(waits([10, 10, 10, 10, 10, 10, 60_000, 10, 10])).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 1000, 2000, 4000]);
  });

  it('keeps backing off when the child never stays up a whole minute', () => {
    expect(waits([59_000, 59_000, 59_000])).toEqual([1000, 2000, 4000]);
  });
});
