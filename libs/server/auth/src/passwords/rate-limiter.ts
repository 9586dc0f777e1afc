/**
 * A fixed-window counter per key (client address) in memory. With several API replicas each keeps its
 * own window; the per-account lockout in the database is what holds across replicas.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds to wait before `key` may try again; 0 when it may. Counts nothing. */
  check(key: string, nowMs: number): number {
    const window = this.windows.get(key);
    if (!window || nowMs - window.startedAt >= this.windowMs || window.count < this.limit) return 0;
    return Math.ceil((window.startedAt + this.windowMs - nowMs) / 1000);
  }

  /** Counts one event for `key`. */
  record(key: string, nowMs: number): void {
    const window = this.windows.get(key);
    if (window && nowMs - window.startedAt < this.windowMs) {
      window.count += 1;
      return;
    }
    if (this.windows.size > 10_000) this.sweep(nowMs);
    this.windows.set(key, { startedAt: nowMs, count: 1 });
  }

  /** Takes back one event of `key` counted in advance (an attempt reserved before it turned out to succeed). */
  forgive(key: string): void {
    const window = this.windows.get(key);
    if (window && window.count > 0) window.count -= 1;
  }

  private sweep(nowMs: number): void {
    for (const [key, window] of this.windows) if (nowMs - window.startedAt >= this.windowMs) this.windows.delete(key);
  }
}
