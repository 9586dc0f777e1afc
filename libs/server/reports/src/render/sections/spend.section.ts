import { drawBenchmarkBar } from '../charts/bar-charts.js';
import { drawSpendScoreChart } from '../charts/spend-score-chart.js';
import { drawTable } from '../pdf-table.js';
import type { ReportCanvas } from '../report-canvas.js';
import { BAND_COLORS, COLORS, TYPE } from '../theme.js';

/** Budget ratios against benchmarks, and where spend and governance sit against each other. */
export function drawSpendSection(canvas: ReportCanvas): void {
  const { doc, data, m, f, left, width } = canvas;
  canvas.section(m.sections.spend);
  canvas.paragraph(m.spend.intro, { color: COLORS.muted, gapAfter: 12 });

  const { budget } = data;
  if (!budget) {
    canvas.paragraph(m.spend.noBudget, { weight: 'semibold' });
    return;
  }

  drawTable(
    canvas,
    [
      { header: m.spend.budgetTable.fiscalYear, width: 16, cell: (b) => ({ text: `FY${b.fiscalYear}`, weight: 'semibold' }) },
      { header: m.spend.budgetTable.itSpend, width: 28, align: 'right', cell: (b) => f.currency(b.itSpend, b.currency) },
      { header: m.spend.budgetTable.securitySpend, width: 28, align: 'right', cell: (b) => f.currency(b.securitySpend, b.currency) },
      { header: m.spend.budgetTable.revenue, width: 28, align: 'right', cell: (b) => f.currency(b.revenue, b.currency) },
    ],
    [budget],
    { size: TYPE.body },
  );

  const ratios = [
    { label: m.spend.ratioSecurityIt, value: budget.securityToItRatio, benchmark: budget.itBenchmark, status: budget.itStatus },
    { label: m.spend.ratioSecurityRevenue, value: budget.securityToRevenueRatio, benchmark: budget.revenueBenchmark, status: budget.revenueStatus },
  ];
  canvas.ensureSpace(ratios.length * 44 + 10);
  for (const ratio of ratios) {
    const y = canvas.y;
    const below = ratio.status === 'BELOW';
    canvas.font('semibold', TYPE.body, COLORS.ink);
    doc.text(ratio.label, left, y, { width: 170 });
    canvas.font('bold', 18, below ? COLORS.negative : COLORS.ink);
    doc.text(f.percent(ratio.value, ratio.value !== null && ratio.value < 0.01 ? 2 : 1), left, y + 13, { width: 170, lineBreak: false });
    if (ratio.value !== null) drawBenchmarkBar(doc, { x: left + 180, y: y + 15, width: width - 300, height: 12, value: ratio.value, benchmark: ratio.benchmark, color: below ? COLORS.negative : COLORS.positive });
    canvas.font('regular', TYPE.small, COLORS.muted);
    doc.text(m.spend.benchmark(f.percent(ratio.benchmark, ratio.benchmark < 0.01 ? 2 : 0)), left + 180, y + 31, { width: width - 300, lineBreak: false });
    canvas.chip(m.benchmarkStatuses[ratio.status] ?? ratio.status, left + width - 108, y + 15, below ? COLORS.negative : COLORS.positive);
    canvas.y = y + 46;
  }

  canvas.y += 6;
  canvas.subheading(m.spend.chartTitle, 4);
  if (data.spendVsScore.length === 0) {
    canvas.paragraph(m.spend.chartNoPoints, { color: COLORS.muted });
  } else {
    const height = 250;
    canvas.ensureSpace(height + 10);
    const top = canvas.y;
    drawSpendScoreChart(doc, {
      x: left,
      y: top,
      width,
      height,
      points: data.spendVsScore,
      benchmark: budget.itBenchmark,
      labels: { xAxis: m.spend.chartXAxis, yAxis: m.spend.chartYAxis, benchmark: m.spend.chartBenchmark },
      formatPercent: (ratio) => f.percent(ratio, 0),
    });
    canvas.y = top + height + 10;
  }

  const { score, band } = data.posture.overall;
  if (score !== null && band !== null) {
    canvas.paragraph(m.spend.reading(f.percent(budget.securityToItRatio), f.percent(budget.itBenchmark, 0), f.score(score), m.bands[band] ?? band), {
      color: BAND_COLORS[band] ? COLORS.ink : COLORS.text,
      weight: 'medium',
    });
  }
}
