import type { INestApplicationContext } from '@nestjs/common';
import { ReportsService } from '@postureboard/server-reports';
import { onePageBaseline } from '../report.bench.js';
import type { Measure } from '../output/bench-result.js';
import { median, ratio, round, timed } from '../output/bench-stats.util.js';

/**
 * The board report for the organisation through `ReportsService.generate` (posture, history, findings, PDF
 * render, stored with its checksum), against a one-page pdfkit document rendered in the same process.
 */
export async function measureReport(app: INestApplicationContext, slug: string, log: (line: string) => void): Promise<Measure> {
  const reports = app.get(ReportsService);
  const runs: number[] = [];
  let pages = 0;
  let bytes = 0;
  for (let trial = 1; trial <= 3; trial++) {
    const { seconds, value } = await timed(() => reports.generate({ orgSlug: slug, lang: 'en', generatedBy: 'bench' }));
    runs.push(seconds);
    bytes = value.content.length;
    pages = (value.content.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    log(`  report trial ${trial}: ${seconds.toFixed(2)} s (${pages} pages${trial === 1 ? ', includes loading the fonts' : ''})`);
  }
  const baselineRuns: number[] = [];
  for (let trial = 1; trial <= 3; trial++) baselineRuns.push((await timed(onePageBaseline)).seconds);
  const ours = median(runs);
  const baseline = median(baselineRuns);
  return {
    ours: { seconds: round(ours, 3), runsSeconds: runs.map((s) => round(s, 3)), pages, sizeBytes: bytes },
    baseline: { seconds: round(baseline, 4), runsSeconds: baselineRuns.map((s) => round(s, 4)), what: 'a one-page pdfkit document (bench/report.bench.ts)' },
    ratio: ratio(ours, baseline),
    ratioOf: 'seconds',
    targets: [{ goal: 'board report ≤ 3 s', met: ours <= 3, note: ours > 3 ? 'the report reads the stored posture, then computes the rotation SLA, leavers and cross-border access from current data at this scale, renders and stores the PDF: see the trials' : undefined }],
  };
}
