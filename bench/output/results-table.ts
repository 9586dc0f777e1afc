import type { BenchResult, Measure, MeasureName } from './bench-result.js';
import { MEASURES } from './bench-result.js';

const headline = (name: MeasureName, m: Measure): [string, string] => {
  const o = m.ours as Record<string, unknown>;
  const b = (m.baseline ?? {}) as Record<string, unknown>;
  switch (name) {
    case 'ingest':
      return [`${o['eventsPerSecond']} events/s`, `${b['eventsPerSecond']} events/s (COPY)`];
    case 'parse': {
      const ct = o['cloudtrail'] as Record<string, unknown>;
      const oc = o['ocsf'] as Record<string, unknown>;
      const bct = b['cloudtrail'] as Record<string, unknown>;
      const boc = b['ocsf'] as Record<string, unknown>;
      return [`CT ${ct['mbPerSecond']} / OCSF ${oc['mbPerSecond']} MB/s`, `${bct['mbPerSecond']} / ${boc['mbPerSecond']} MB/s (JSON.parse)`];
    }
    case 'evaluation':
      return [`${o['fullSeconds']} s full, ${o['incrementalSeconds']} s incr.`, `${b['sqlSeconds']} s (SQL)`];
    case 'overviewQuery':
      return [`${o['requestsPerSecond']} req/s, p99 ${o['p99Ms']} ms`, `${b['requestsPerSecond']} req/s, p99 ${b['p99Ms']} ms`];
    case 'ingestToVisible':
      return [`${o['seconds']} s from commit to overview`, '-'];
    case 'report':
      return [`${o['seconds']} s`, `${b['seconds']} s (1 page)`];
    case 'alertLatency':
      return [`${o['seconds']} s from commit to webhook`, '-'];
    case 'webInitialJs':
      return [`${o['gzipKb']} KB gz`, `${b['gzipKb']} KB gz (empty React)`];
  }
};

const pad = (text: string, width: number) => text.padEnd(width);

/** The table printed at the end of a run: one line per measure, then each target met or missed with its cause. */
export function resultsTable(result: BenchResult): string {
  const rows = MEASURES.map((name) => {
    const m = result[name];
    if (m.error) return [name, `failed: ${m.error.slice(0, 60)}`, '', ''];
    const [ours, baseline] = headline(name, m);
    return [name, ours, baseline, m.ratio === null ? '-' : String(m.ratio)];
  });
  const header = ['measure', 'ours (median of 3)', 'baseline (same run)', 'ratio'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!)).join('  ').trimEnd();
  const targets = MEASURES.flatMap((name) =>
    result[name].targets.map((t) => `  ${t.met === null ? '??' : t.met ? 'met ' : 'GAP '} ${t.goal}${t.note ? ` — ${t.note}` : ''}`),
  );
  const m = result.machine;
  return [
    `Postureboard bench, scale ${result.scale}: ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, node ${m.node}, PostgreSQL ${m.postgres} (${m.database})`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    'targets:',
    ...targets,
  ].join('\n');
}
