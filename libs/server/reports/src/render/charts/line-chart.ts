import type { Doc } from '../report-canvas.js';
import { COLORS, TYPE } from '../theme.js';

export interface LineSeries {
  label: string;
  color: string;
  width: number;
  /** `v: null` leaves a gap: a week without a measurement is not drawn as a zero. */
  points: { t: number; v: number | null }[];
}

export interface LineChartOptions {
  x: number;
  y: number;
  width: number;
  height: number;
  series: LineSeries[];
  tMin: number;
  tMax: number;
  xTicks: { t: number; label: string }[];
  yMin?: number;
  yMax?: number;
  yTicks?: number[];
  formatY?: (v: number) => string;
}

const AXIS_LEFT = 22;
const AXIS_BOTTOM = 14;

/** A vector line chart: light grid, y labels on the left, x labels below, gaps where data is missing. */
export function drawLineChart(doc: Doc, o: LineChartOptions): void {
  const yMin = o.yMin ?? 0;
  const yMax = o.yMax ?? 100;
  const yTicks = o.yTicks ?? [0, 25, 50, 75, 100];
  const plot = { x: o.x + AXIS_LEFT, y: o.y + 4, width: o.width - AXIS_LEFT - 4, height: o.height - AXIS_BOTTOM - 4 };
  const sx = (t: number) => plot.x + (o.tMax === o.tMin ? plot.width / 2 : ((t - o.tMin) / (o.tMax - o.tMin)) * plot.width);
  const sy = (v: number) => plot.y + plot.height - ((v - yMin) / (yMax - yMin)) * plot.height;

  doc.save();
  doc.font('regular').fontSize(TYPE.tiny);
  for (const tick of yTicks) {
    const y = sy(tick);
    doc.moveTo(plot.x, y).lineTo(plot.x + plot.width, y).lineWidth(0.4).strokeColor(COLORS.rule).stroke();
    doc.fillColor(COLORS.muted).text(o.formatY ? o.formatY(tick) : String(tick), o.x, y - 3.5, { width: AXIS_LEFT - 5, align: 'right', lineBreak: false });
  }
  for (const tick of o.xTicks) {
    const x = sx(tick.t);
    doc.moveTo(x, plot.y + plot.height).lineTo(x, plot.y + plot.height + 3).lineWidth(0.4).strokeColor(COLORS.faint).stroke();
    doc.fillColor(COLORS.muted).text(tick.label, x - 30, plot.y + plot.height + 5, { width: 60, align: 'center', lineBreak: false });
  }

  for (const series of o.series) {
    doc.lineWidth(series.width).strokeColor(series.color).lineJoin('round').lineCap('round');
    let drawing = false;
    const present = series.points.filter((p) => p.v !== null);
    for (const point of series.points) {
      if (point.v === null) {
        if (drawing) doc.stroke();
        drawing = false;
        continue;
      }
      if (drawing) doc.lineTo(sx(point.t), sy(point.v));
      else doc.moveTo(sx(point.t), sy(point.v));
      drawing = true;
    }
    if (drawing) doc.stroke();
    const last = present.at(-1);
    if (last && last.v !== null) doc.circle(sx(last.t), sy(last.v), series.width + 1).fill(series.color);
  }
  doc.restore();
}

/** Legend as one row of swatches; returns the height used. */
export function drawLegend(doc: Doc, x: number, y: number, width: number, items: { label: string; color: string; width?: number }[]): number {
  doc.save();
  doc.font('regular').fontSize(TYPE.tiny);
  let cx = x;
  let cy = y;
  for (const item of items) {
    const labelWidth = doc.widthOfString(item.label);
    if (cx + 18 + labelWidth > x + width) {
      cx = x;
      cy += 11;
    }
    doc.moveTo(cx, cy + 3.5).lineTo(cx + 12, cy + 3.5).lineWidth(item.width ?? 1.6).strokeColor(item.color).stroke();
    doc.fillColor(COLORS.text).text(item.label, cx + 16, cy, { lineBreak: false });
    cx += 16 + labelWidth + 12;
  }
  doc.restore();
  return cy - y + 12;
}
