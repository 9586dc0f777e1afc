import { SCORE_DOMAINS } from '@postureboard/domain';
import type { TrendPoint } from '../../model/board-report-data.js';
import { drawLegend, drawLineChart, type LineSeries } from '../charts/line-chart.js';
import { drawTable } from '../pdf-table.js';
import type { ReportCanvas } from '../report-canvas.js';
import { BAND_COLORS, COLORS, DOMAIN_COLORS, TYPE } from '../theme.js';
import { changeCell } from './summary.section.js';

const DAY_MS = 86_400_000;

/** Each domain's score, band and change, then the 12- and 52-week history from stored snapshots. */
export function drawScoresSection(canvas: ReportCanvas): void {
  const { data, m, f } = canvas;
  canvas.section(m.sections.scores);
  canvas.paragraph(m.scores.intro, { color: COLORS.muted, gapAfter: 10 });

  drawTable(canvas, [
    {
      header: m.scores.columns.domain,
      width: 40,
      cell: (d) => ({ text: m.domains[d.domain], weight: 'semibold', sub: d.measured ? m.domainDescriptions[d.domain] : (d.notMeasuredReason ?? m.completeness.noReason) }),
    },
    {
      header: m.scores.columns.score,
      width: 13,
      align: 'right',
      cell: (d) => (d.measured ? { text: f.score(d.score), weight: 'bold', color: COLORS.ink } : { text: m.notMeasured, weight: 'semibold', color: COLORS.negative }),
    },
    { header: m.scores.columns.band, width: 12, align: 'center', cell: (d) => (d.band ? { text: m.bands[d.band] ?? d.band, chip: BAND_COLORS[d.band] ?? COLORS.muted } : '—') },
    { header: m.scores.columns.change, width: 10, align: 'right', cell: (d) => changeCell(d.change, f.change.bind(f)) },
    {
      header: m.scores.columns.findings,
      width: 25,
      align: 'right',
      cell: (d) => m.scores.findingsCell(d.findingCounts.critical, d.findingCounts.high, d.findingCounts.total),
    },
  ], data.posture.domains, { size: TYPE.small, footer: overallRow(canvas) });
  if (data.posture.domains.some((d) => !d.measured)) canvas.paragraph(m.notMeasuredNote, { size: TYPE.small, color: COLORS.muted });

  drawTrend(canvas, m.scores.trend12, data.trend.weeks12, 12, (iso) => f.dayMonth(iso), 2);
  drawTrend(canvas, m.scores.trend52, data.trend.weeks52, 52, (iso) => f.month(iso), 8);
}

function overallRow(canvas: ReportCanvas) {
  const { data, m, f } = canvas;
  const { score, band, change } = data.posture.overall;
  const counts = data.posture.findingCounts;
  return [
    { text: m.scores.overall, weight: 'bold' as const },
    { text: f.score(score), weight: 'bold' as const },
    band ? { text: m.bands[band] ?? band, chip: BAND_COLORS[band] ?? COLORS.muted } : '—',
    changeCell(change, f.change.bind(f)),
    m.scores.findingsCell(counts.critical, counts.high, counts.total),
  ];
}

function drawTrend(canvas: ReportCanvas, title: string, points: TrendPoint[], weeks: number, label: (iso: string) => string, tickEveryWeeks: number): void {
  const { doc, data, m, left, width } = canvas;
  canvas.ensureSpace(200);
  canvas.subheading(title, 4);
  if (points.length === 0) {
    canvas.paragraph(m.scores.noHistory, { color: COLORS.muted });
    return;
  }
  const tMax = new Date(data.asOf).getTime();
  const tMin = tMax - weeks * 7 * DAY_MS;
  const t = (p: TrendPoint) => new Date(p.asOf).getTime();
  const series: LineSeries[] = [
    ...SCORE_DOMAINS.filter((d) => data.posture.domains.some((x) => x.domain === d)).map((domain) => ({
      label: m.domains[domain],
      color: DOMAIN_COLORS[domain],
      width: 1.1,
      points: points.map((p) => ({ t: t(p), v: p.domains[domain] ?? null })),
    })).filter((s) => s.points.some((p) => p.v !== null)),
    { label: m.scores.overall, color: COLORS.ink, width: 2.2, points: points.map((p) => ({ t: t(p), v: p.overall })) },
  ];
  // Chart drawing moves pdfkit's text cursor; the layout continues from where the chart started.
  const top = canvas.y;
  const legendHeight = drawLegend(
    doc,
    left,
    top,
    width,
    [...series].reverse().map((s) => ({ label: s.label, color: s.color, width: s.width })),
  );
  const xTicks = Array.from({ length: Math.floor(weeks / tickEveryWeeks) + 1 }, (_, i) => tMin + i * tickEveryWeeks * 7 * DAY_MS).map((tick) => ({
    t: tick,
    label: label(new Date(tick).toISOString()),
  }));
  const height = 150;
  drawLineChart(doc, { x: left, y: top + legendHeight, width, height, series, tMin, tMax, xTicks });
  canvas.y = top + legendHeight + height + 12;
}
