import type { SpendScorePoint } from '../../model/board-report-data.js';
import type { Doc } from '../report-canvas.js';
import { COLORS, TYPE } from '../theme.js';

export interface SpendScoreChartOptions {
  x: number;
  y: number;
  width: number;
  height: number;
  points: SpendScorePoint[];
  benchmark: number;
  labels: { xAxis: string; yAxis: string; benchmark: string };
  formatPercent: (ratio: number) => string;
}

const AXIS_LEFT = 30;
const AXIS_BOTTOM = 26;

/**
 * Spend on one axis, governance on the other, one dot per fiscal year joined in time order: high spend
 * with weak governance sits bottom right, and the benchmark line shows where "enough money" begins.
 */
export function drawSpendScoreChart(doc: Doc, o: SpendScoreChartOptions): void {
  const maxRatio = Math.max(o.benchmark * 1.5, ...o.points.map((p) => p.securityToItRatio * 1.15));
  const plot = { x: o.x + AXIS_LEFT, y: o.y + 6, width: o.width - AXIS_LEFT - 8, height: o.height - AXIS_BOTTOM - 6 };
  const sx = (ratio: number) => plot.x + (ratio / maxRatio) * plot.width;
  const sy = (score: number) => plot.y + plot.height - (score / 100) * plot.height;

  doc.save();
  // Shade the side of the benchmark where spend falls short, lightly: it is context, not a verdict.
  doc.rect(plot.x, plot.y, sx(o.benchmark) - plot.x, plot.height).fill(COLORS.panel);
  doc.font('regular').fontSize(TYPE.tiny);
  for (const score of [0, 25, 50, 75, 100]) {
    doc.moveTo(plot.x, sy(score)).lineTo(plot.x + plot.width, sy(score)).lineWidth(0.4).strokeColor(COLORS.rule).stroke();
    doc.fillColor(COLORS.muted).text(String(score), o.x, sy(score) - 3.5, { width: AXIS_LEFT - 6, align: 'right', lineBreak: false });
  }
  const step = niceStep(maxRatio / 5);
  for (let ratio = 0; ratio <= maxRatio + 1e-9; ratio += step) {
    const x = sx(ratio);
    doc.moveTo(x, plot.y + plot.height).lineTo(x, plot.y + plot.height + 3).lineWidth(0.4).strokeColor(COLORS.faint).stroke();
    doc.fillColor(COLORS.muted).text(o.formatPercent(ratio), x - 20, plot.y + plot.height + 5, { width: 40, align: 'center', lineBreak: false });
  }
  doc.moveTo(plot.x, plot.y + plot.height).lineTo(plot.x + plot.width, plot.y + plot.height).lineWidth(0.6).strokeColor(COLORS.faint).stroke();
  doc.fillColor(COLORS.muted).text(o.labels.xAxis, plot.x, plot.y + plot.height + 15, { width: plot.width, align: 'center', lineBreak: false });
  doc.save();
  doc.rotate(-90, { origin: [o.x + 4, plot.y + plot.height / 2] });
  doc.text(o.labels.yAxis, o.x + 4 - plot.height / 2, plot.y + plot.height / 2 - 4, { width: plot.height, align: 'center', lineBreak: false });
  doc.restore();

  const bx = sx(o.benchmark);
  doc.moveTo(bx, plot.y).lineTo(bx, plot.y + plot.height).lineWidth(1).dash(3, { space: 2 }).strokeColor(COLORS.accent).stroke().undash();
  doc.font('semibold').fillColor(COLORS.accent).text(`${o.labels.benchmark} ${o.formatPercent(o.benchmark)}`, bx + 4, plot.y + 2, { lineBreak: false });

  const points = [...o.points].sort((a, b) => a.fiscalYear - b.fiscalYear);
  if (points.length > 1) {
    doc.lineWidth(1).strokeColor(COLORS.muted);
    points.forEach((p, i) => (i === 0 ? doc.moveTo(sx(p.securityToItRatio), sy(p.score)) : doc.lineTo(sx(p.securityToItRatio), sy(p.score))));
    doc.stroke();
  }
  points.forEach((p, i) => {
    const latest = i === points.length - 1;
    const cx = sx(p.securityToItRatio);
    const cy = sy(p.score);
    doc.circle(cx, cy, latest ? 5 : 3.5).fill(latest ? COLORS.negative : COLORS.muted);
    doc.font(latest ? 'semibold' : 'regular').fontSize(TYPE.tiny).fillColor(latest ? COLORS.ink : COLORS.muted);
    doc.text(`FY${p.fiscalYear}`, cx + 7, cy - 4, { lineBreak: false });
  });
  doc.restore();
}

function niceStep(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normalized = raw / magnitude;
  return (normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 2.5 ? 2.5 : normalized <= 5 ? 5 : 10) * magnitude;
}
