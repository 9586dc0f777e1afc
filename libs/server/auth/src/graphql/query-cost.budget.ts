/**
 * What each caller may spend on GraphQL per minute: a fixed one-minute window per caller. Per process, like
 * the sign-in limits: with N replicas a caller gets at most N budgets, still a bound on the work one
 * caller causes (four parallel 1,500-alias requests once took memory from 311 to 940 MB).
 */
export class QueryCostBudget {
  private readonly windows = new Map<string, { start: number; spent: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Spends `cost` for `caller`; when that would exceed the budget, spends nothing and returns the ms to wait. */
  spend(caller: string, cost: number, now: number): number {
    this.prune(now);
    const window = this.windows.get(caller);
    const current = window && now - window.start < this.windowMs ? window : { start: now, spent: 0 };
    if (current.spent + cost > this.perMinute) return current.start + this.windowMs - now;
    current.spent += cost;
    this.windows.set(caller, current);
    return 0;
  }

  /** Windows that have ended are forgotten, so the map holds only callers of the last minute. */
  private prune(now: number): void {
    if (this.windows.size < 1000) return;
    for (const [caller, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(caller);
  }
}
