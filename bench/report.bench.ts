/**
 * Board report generation time: the median of 5 renders of the demo-size report (cover, 8 sections,
 * 52 weeks of history, vector charts, embedded Hangul font), and the median of 3 assemblies and renders
 * of a large organisation's report (800 teams, 10,000 leavers, 3,000 offshore staff, 300 bulk
 * extractions, 85,477 open findings: LargeReportDataSource), each against the median of 5 one-page
 * pdfkit documents rendered in the same process, so the ratio means the same on a slower machine.
 * Run: npm run bench:report
 */
import { pathToFileURL } from 'node:url';
import PDFDocument from 'pdfkit';
import { renderBoardReport } from '../libs/server/reports/src/render/board-report.renderer.js';
import { BoardReportDataAssembler } from '../libs/server/reports/src/data/board-report-data.assembler.js';
import { DEMO_AS_OF } from '../libs/server/reports/src/testing/demo-report-data-source.js';
import { demoBoardReportData } from '../libs/server/reports/src/testing/demo-board-report-data.js';
import { LARGE_SCALE, LargeReportDataSource } from '../libs/server/reports/src/testing/large-report-data-source.js';

const RUNS = 5;
const LARGE_RUNS = 3;

const pagesOf = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function time(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** The baseline: a one-page pdfkit document (heading, paragraph, rule); `npm run bench` uses it too. */
export function onePageBaseline(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.fontSize(18).text('Baseline page', { underline: true });
  doc.fontSize(10).text('A single page with a heading, a paragraph and a rule. '.repeat(20));
  doc.moveTo(72, 400).lineTo(520, 400).stroke();
  doc.end();
  return done;
}

async function main(): Promise<void> {
  const results: Record<string, unknown> = {};
  const baselineCold = await time(onePageBaseline);
  const baselineRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) baselineRuns.push(await time(onePageBaseline));
  const baseline = median(baselineRuns);
  for (const lang of ['en', 'ko'] as const) {
    const data = await demoBoardReportData(lang);
    let pdf: Buffer = Buffer.alloc(0);
    // The first render also reads and parses the fonts (once per process): reported, not in the median.
    const cold = await time(async () => (pdf = await renderBoardReport(data)));
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await time(() => renderBoardReport(data)));
    const report = median(runs);
    results[lang] = {
      medianMs: Math.round(report),
      firstRunMs: Math.round(cold),
      baselineOnePageMedianMs: Math.round(baseline * 10) / 10,
      ratioToBaseline: Math.round((report / baseline) * 10) / 10,
      sizeBytes: pdf.length,
      pages: pagesOf(pdf),
    };
  }
  // The large organisation: data assembled from the synthetic source (selecting the top risks among all
  // open findings included), then rendered; the source is built once, outside the timings.
  const large = new LargeReportDataSource();
  const assembleAndRender = async () =>
    renderBoardReport(
      await new BoardReportDataAssembler(large).assemble({
        orgSlug: 'demo',
        asOf: DEMO_AS_OF,
        lang: 'en',
        generatedBy: 'bench',
        generatedAt: new Date(DEMO_AS_OF.getTime() + 3_600_000),
      }),
    );
  let largePdf: Buffer = Buffer.alloc(0);
  const largeRuns: number[] = [];
  for (let i = 0; i < LARGE_RUNS; i++) largeRuns.push(await time(async () => (largePdf = await assembleAndRender())));
  const largeMedian = median(largeRuns);
  results['large'] = {
    scale: LARGE_SCALE,
    medianMs: Math.round(largeMedian),
    runsMs: largeRuns.map(Math.round),
    baselineOnePageMedianMs: Math.round(baseline * 10) / 10,
    ratioToBaseline: Math.round((largeMedian / baseline) * 10) / 10,
    sizeBytes: largePdf.length,
    pages: pagesOf(largePdf),
  };
  results['baselineFirstRunMs'] = Math.round(baselineCold);
  console.log(JSON.stringify({ bench: 'board-report', runs: RUNS, node: process.version, results }, null, 2));
}

// Runs only as `npm run bench:report`, not when `npm run bench` imports the baseline.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
