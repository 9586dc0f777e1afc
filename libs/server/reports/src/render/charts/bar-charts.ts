import type { Doc } from '../report-canvas.js';
import { COLORS } from '../theme.js';

/** A ratio as a bar against a benchmark tick: how far spend is from where it is expected. */
export function drawBenchmarkBar(doc: Doc, o: { x: number; y: number; width: number; height: number; value: number; benchmark: number; color: string }): void {
  const max = Math.max(o.benchmark * 1.5, o.value * 1.1);
  doc.save();
  doc.rect(o.x, o.y, o.width, o.height).fill(COLORS.panel);
  doc.rect(o.x, o.y, (Math.min(o.value, max) / max) * o.width, o.height).fill(o.color);
  const bx = o.x + (o.benchmark / max) * o.width;
  doc.moveTo(bx, o.y - 3).lineTo(bx, o.y + o.height + 3).lineWidth(1.4).strokeColor(COLORS.ink).stroke();
  doc.restore();
}

/** A 0–100 score as a thin bar. */
export function drawScoreBar(doc: Doc, o: { x: number; y: number; width: number; height: number; score: number; color: string }): void {
  doc.save();
  doc.rect(o.x, o.y, o.width, o.height).fill(COLORS.panel);
  doc.rect(o.x, o.y, (Math.max(0, Math.min(100, o.score)) / 100) * o.width, o.height).fill(o.color);
  doc.restore();
}

/** Parts of a whole side by side in one bar (keys within policy, due soon, overdue). */
export function drawStackedBar(doc: Doc, o: { x: number; y: number; width: number; height: number; parts: { value: number; color: string }[] }): void {
  const total = o.parts.reduce((sum, p) => sum + p.value, 0);
  doc.save();
  doc.rect(o.x, o.y, o.width, o.height).fill(COLORS.panel);
  let x = o.x;
  for (const part of o.parts) {
    if (total === 0 || part.value === 0) continue;
    const w = (part.value / total) * o.width;
    doc.rect(x, o.y, w, o.height).fill(part.color);
    x += w;
  }
  doc.restore();
}

/** Daily volume as columns, with the principal's own baseline as a dashed line over them. */
export function drawVolumeSparkline(
  doc: Doc,
  o: { x: number; y: number; width: number; height: number; series: { bytes: number; baseline: number | null }[]; color: string },
): void {
  const max = Math.max(1, ...o.series.map((p) => Math.max(p.bytes, p.baseline ?? 0)));
  const step = o.width / Math.max(1, o.series.length);
  doc.save();
  doc.moveTo(o.x, o.y + o.height).lineTo(o.x + o.width, o.y + o.height).lineWidth(0.4).strokeColor(COLORS.faint).stroke();
  o.series.forEach((p, i) => {
    const h = (p.bytes / max) * o.height;
    if (h > 0) doc.rect(o.x + i * step + step * 0.15, o.y + o.height - h, Math.max(0.6, step * 0.7), h).fill(o.color);
  });
  let drawing = false;
  doc.lineWidth(0.8).strokeColor(COLORS.ink).dash(2, { space: 1.5 });
  o.series.forEach((p, i) => {
    if (p.baseline === null) return;
    const x = o.x + i * step + step / 2;
    const y = o.y + o.height - (p.baseline / max) * o.height;
    if (drawing) doc.lineTo(x, y);
    else doc.moveTo(x, y);
    drawing = true;
  });
  if (drawing) doc.stroke();
  doc.undash();
  doc.restore();
}
