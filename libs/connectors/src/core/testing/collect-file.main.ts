/**
 * A separate process for the input-limit tests: `collect-file <source> <path>` reads a file through its
 * file source and prints what happened with the process's peak memory and its longest event-loop stall,
 * which only a fresh process measures honestly (a test runner's own heap and peak would hide them).
 */
import { fileSourceFor } from '../../registry.js';

const [sourceType, path] = process.argv.slice(2);
const source = fileSourceFor(sourceType ?? '');
if (!source || !path) {
  console.error('usage: collect-file <source> <path>');
  process.exit(2);
}
const baselineRssBytes = process.memoryUsage().rss;
// A stall is the time between two 5 ms ticks beyond the 5 ms, counted only as far as the process used the
// CPU meanwhile: on a shared machine the scheduler's pauses are not the event loop being held.
let maxStallMs = 0;
let last = performance.now();
let lastCpu = process.cpuUsage();
const tick = (): void => {
  const now = performance.now();
  const cpu = process.cpuUsage(lastCpu);
  maxStallMs = Math.max(maxStallMs, Math.min(now - last, (cpu.user + cpu.system) / 1000) - 5);
  last = now;
  lastCpu = process.cpuUsage();
};
const ticker = setInterval(tick, 5);
let accepted = 0;
let rejected = 0;
let error: { name: string; message: string; kind?: string } | null = null;
try {
  for await (const record of source.collectFile(path, { signal: new AbortController().signal, now: new Date('2025-06-01T00:00:00Z') })) {
    if (record.accepted) accepted += 1;
    else rejected += 1;
  }
} catch (caught) {
  const { name, message, kind } = caught as { name: string; message: string; kind?: string };
  error = { name, message, kind };
}
// The time since the last tick counts too: a reader that never lets the loop turn again would otherwise show no stall.
tick();
clearInterval(ticker);
// maxRSS is the peak resident set of the whole process life, in KiB.
const peakRssBytes = process.resourceUsage().maxRSS * 1024;
console.log(JSON.stringify({ accepted, rejected, error, baselineRssBytes, peakRssBytes, maxStallMs }));
