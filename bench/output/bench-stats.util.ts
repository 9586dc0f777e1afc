/** Medians, timers and a resident-memory sampler: the benchmark reports medians of 3, never single runs. */
export const median = (values: readonly number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export async function timed<T>(run: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { seconds: (performance.now() - start) / 1000, value };
}

export const round = (value: number | null, digits = 2): number | null => {
  if (value === null || !Number.isFinite(value)) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** Three significant digits, so that a ratio of 0.00002 does not print as 0. */
export const ratio = (ours: number | null, baseline: number | null): number | null =>
  ours === null || baseline === null || baseline === 0 || !Number.isFinite(ours / baseline) ? null : Number((ours / baseline).toPrecision(3));

export const mb = (bytes: number): number => round(bytes / 1024 / 1024, 1)!;

/** Samples this process's RSS every `intervalMs` until stopped; the peak is what a streamed ingest must keep flat. */
export class RssSampler {
  private peak = 0;
  private readonly start = process.memoryUsage.rss();
  private readonly timer: NodeJS.Timeout;
  private readonly samples: number[] = [];

  constructor(intervalMs = 100) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.sample();
  }

  stop(): { startMb: number; peakMb: number; endMb: number; p50Mb: number } {
    clearInterval(this.timer);
    this.sample();
    return { startMb: mb(this.start), peakMb: mb(this.peak), endMb: mb(this.samples.at(-1)!), p50Mb: mb(median(this.samples)) };
  }

  private sample(): void {
    const rss = process.memoryUsage.rss();
    this.samples.push(rss);
    if (rss > this.peak) this.peak = rss;
  }
}
