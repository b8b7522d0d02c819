// How long `sanma start` waits before restarting a child that exited: 1 s, doubling per quick
// crash up to 30 s, and back to 1 s once the child had run healthily for a minute. Without the
// reset, a validator that crashed six times in a month would wait 30 s after every later crash.

export interface BackoffPolicy {
  firstMs: number;
  maxMs: number;
  /** A child that ran at least this long before exiting counts as healthy: the next wait is firstMs. */
  healthyAfterMs: number;
}

const RESTART_BACKOFF: BackoffPolicy = { firstMs: 1000, maxMs: 30_000, healthyAfterMs: 60_000 };

export class RestartBackoff {
  private quickExits = 0;
  private startedAt: number;

  constructor(
    private readonly policy: BackoffPolicy = RESTART_BACKOFF,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now();
  }

  /** The child (re)started now. */
  started(): void {
    this.startedAt = this.now();
  }

  /** The child exited now: how long to wait before starting it again. */
  exited(): number {
    if (this.now() - this.startedAt >= this.policy.healthyAfterMs) this.quickExits = 0;
    // 2^quickExits is capped before it can overflow to Infinity on a child that never stays up.
    const delay = Math.min(this.policy.maxMs, this.policy.firstMs * 2 ** Math.min(this.quickExits, 30));
    this.quickExits++;
    return delay;
  }
}
