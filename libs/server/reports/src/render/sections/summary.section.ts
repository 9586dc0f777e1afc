import { deriveKeyPoints } from '../../summary/key-points.js';
import { drawScoreBar } from '../charts/bar-charts.js';
import { drawTable } from '../pdf-table.js';
import type { ReportCanvas } from '../report-canvas.js';
import { BAND_COLORS, COLORS, SEVERITY_COLORS, TYPE } from '../theme.js';

/** The page a board member reads if they read nothing else. */
export function drawExecutiveSummary(canvas: ReportCanvas): void {
  const { doc, data, m, f, left, width } = canvas;
  const { overall, findingCounts } = data.posture;
  canvas.section(m.sections.summary);

  const sentences = [
    overall.score !== null && overall.band !== null ? m.summary.overall(f.score(overall.score), m.bands[overall.band] ?? overall.band) : m.summary.noOverall,
    overall.score === null
      ? null
      : overall.change !== null
        ? m.summary.change(overall.change > 0 ? 'up' : overall.change < 0 ? 'down' : 'flat', f.score(Math.abs(overall.change)), f.date(data.period.from), data.period.basis)
        : m.summary.noChange(data.period.basis),
    m.summary.findings(f.integer(findingCounts.total), f.integer(findingCounts.critical), f.integer(findingCounts.high)),
  ];
  canvas.paragraph(sentences.filter(Boolean).join(' '), { size: 11, color: COLORS.ink, gapAfter: 14 });

  drawTiles(canvas);

  canvas.subheading(m.summary.keyPointsHeading, 8);
  deriveKeyPoints(data).forEach((point, i) => {
    const { title, body } = m.summary.keyPoint(point, f);
    const textX = left + 26;
    const textWidth = width - 26;
    const height = canvas.measure(title, textWidth, 'semibold', 10.5) + canvas.measure(body, textWidth, 'regular', TYPE.body) + 14;
    canvas.ensureSpace(height);
    const y = canvas.y;
    doc.circle(left + 9, y + 7, 9).fill(COLORS.accent);
    canvas.font('bold', 9.5, '#ffffff');
    doc.text(String(i + 1), left, y + 2.4, { width: 18, align: 'center', lineBreak: false });
    canvas.font('semibold', 10.5, COLORS.ink);
    doc.text(title, textX, y, { width: textWidth, lineGap: 1 });
    canvas.font('regular', TYPE.body, COLORS.text);
    doc.text(body, textX, doc.y + 2, { width: textWidth, lineGap: 2 });
    canvas.y = doc.y + 12;
  });

  canvas.subheading(m.summary.domainsHeading, 4);
  drawTable(canvas, [
    { header: m.scores.columns.domain, width: 34, cell: (d) => ({ text: m.domains[d.domain], weight: 'semibold' }) },
    {
      header: m.scores.columns.score,
      width: 30,
      cell: (d) =>
        d.measured && d.score !== null
          ? {
              text: f.score(d.score),
              draw: {
                height: 10,
                render: (x, y, w) => {
                  canvas.font('semibold', TYPE.small, COLORS.ink);
                  doc.text(f.score(d.score), x, y, { width: 30, lineBreak: false });
                  drawScoreBar(doc, { x: x + 32, y: y + 2, width: w - 36, height: 6, score: d.score!, color: BAND_COLORS[d.band ?? ''] ?? COLORS.accent });
                },
              },
            }
          : { text: m.notMeasured, color: COLORS.muted, weight: 'semibold' },
    },
    { header: m.scores.columns.band, width: 14, cell: (d) => (d.band ? { text: m.bands[d.band] ?? d.band, chip: BAND_COLORS[d.band] ?? COLORS.muted } : '—') },
    { header: m.scores.columns.change, width: 12, align: 'right', cell: (d) => changeCell(d.change, f.change.bind(f)) },
  ], data.posture.domains);
}

export const changeCell = (change: number | null, format: (n: number) => string) =>
  change === null ? { text: '—', color: COLORS.faint } : { text: format(change), color: change < 0 ? COLORS.negative : change > 0 ? COLORS.positive : COLORS.muted, weight: 'semibold' as const };

function drawTiles(canvas: ReportCanvas): void {
  const { doc, data, m, f, left, width } = canvas;
  const leaversWithAccess = data.leavers.filter((l) => l.access.length > 0).length;
  const overdueKeys = data.rotationSla.reduce((sum, t) => sum + t.overdue, 0);
  const { tiles: t } = m.summary;
  const usedAfter = data.leavers.filter((l) => l.usesAfterTermination > 0).length;
  const tiles: { label: string; value: string; note: string; color: string }[] = [
    {
      label: t.critical,
      value: f.integer(data.posture.findingCounts.critical),
      note: t.ofOpen(f.integer(data.posture.findingCounts.total)),
      color: data.posture.findingCounts.critical > 0 ? SEVERITY_COLORS.CRITICAL : COLORS.positive,
    },
    {
      label: t.overdueKeys,
      value: f.integer(overdueKeys),
      note: t.inTeams(f.integer(data.rotationSla.filter((s) => s.overdue > 0).length)),
      color: overdueKeys > 0 ? SEVERITY_COLORS.HIGH : COLORS.positive,
    },
    {
      label: t.leavers,
      value: f.integer(leaversWithAccess),
      note: t.usedAfter(f.integer(usedAfter)),
      color: leaversWithAccess > 0 ? SEVERITY_COLORS.CRITICAL : COLORS.positive,
    },
    {
      label: t.spend,
      value: f.percent(data.budget?.securityToItRatio ?? null),
      note: data.budget ? m.spend.benchmark(f.percent(data.budget.itBenchmark, 0)) : m.none,
      color: COLORS.accent,
    },
  ];
  const gap = 8;
  const tileWidth = (width - gap * (tiles.length - 1)) / tiles.length;
  const height = 62;
  canvas.ensureSpace(height + 16);
  const y = canvas.y;
  tiles.forEach((tile, i) => {
    const x = left + i * (tileWidth + gap);
    doc.rect(x, y, tileWidth, height).fill(COLORS.panel);
    doc.rect(x, y, tileWidth, 3).fill(tile.color);
    canvas.font('regular', TYPE.tiny, COLORS.muted);
    doc.text(tile.label, x + 8, y + 9, { width: tileWidth - 16, height: 10, ellipsis: true, lineBreak: false });
    canvas.font('bold', 20, COLORS.ink);
    doc.text(tile.value, x + 8, y + 21, { width: tileWidth - 16, lineBreak: false });
    canvas.font('regular', TYPE.tiny, COLORS.muted);
    doc.text(tile.note, x + 8, y + 46, { width: tileWidth - 16, height: 10, ellipsis: true, lineBreak: false });
  });
  canvas.y = y + height + 18;
}
