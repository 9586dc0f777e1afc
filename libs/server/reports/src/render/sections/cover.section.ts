import type { ReportCanvas } from '../report-canvas.js';
import { BAND_COLORS, COLORS, PAGE, TYPE } from '../theme.js';

/** Organisation, title, period, when and by whom, classification, and the one number that matters. */
export function drawCover(canvas: ReportCanvas): void {
  const { doc, data, m, f, left, width } = canvas;
  doc.rect(0, 0, PAGE.width, 10).fill(COLORS.accent);

  canvas.font('semibold', TYPE.small, COLORS.negative);
  doc.text(data.classification.toUpperCase(), left, 40, { width, align: 'right', characterSpacing: 0.4 });

  canvas.font('semibold', TYPE.h2, COLORS.muted);
  doc.text(data.organization.name, left, 150, { width });
  canvas.font('bold', TYPE.title, COLORS.ink);
  doc.text(m.reportTitle, left, doc.y + 6, { width: width * 0.85, lineGap: 2 });
  canvas.font('regular', 12, COLORS.muted);
  doc.text(m.reportSubtitle, left, doc.y + 8, { width: width * 0.85 });
  canvas.font('semibold', 12, COLORS.text);
  doc.text(m.periodRange(f.date(data.period.from), f.date(data.period.to)), left, doc.y + 14, { width });

  // The headline number, large, with its band and the change over the period.
  const boxY = 360;
  doc.rect(left, boxY, width, 110).fill(COLORS.panel);
  doc.rect(left, boxY, 4, 110).fill(COLORS.accent);
  canvas.font('semibold', TYPE.body, COLORS.muted);
  doc.text(m.cover.overall, left + 22, boxY + 18, { width: width - 44 });
  const { score, band, change } = data.posture.overall;
  canvas.font('bold', 44, COLORS.ink);
  const scoreText = score === null ? m.notMeasured : f.score(score);
  doc.text(scoreText, left + 22, boxY + 36, { lineBreak: false });
  const scoreWidth = doc.widthOfString(scoreText);
  if (score !== null) {
    canvas.font('regular', 14, COLORS.muted);
    doc.text('/ 100', left + 28 + scoreWidth, boxY + 62, { lineBreak: false });
  }
  const chipX = left + 22 + scoreWidth + 70;
  if (band) canvas.chip(m.bands[band] ?? band, chipX, boxY + 50, BAND_COLORS[band] ?? COLORS.muted, 10);
  if (change !== null) {
    canvas.font('semibold', 11, change < 0 ? COLORS.negative : change > 0 ? COLORS.positive : COLORS.muted);
    doc.text(m.changeSince(f.change(change), f.date(data.period.from)), chipX, boxY + 74, { lineBreak: false });
  }

  const rows: [string, string][] = [
    [m.cover.organization, `${data.organization.name} (${data.organization.slug})`],
    [m.cover.period, m.periodRange(f.date(data.period.from), f.date(data.period.to))],
    [m.cover.asOf, f.dateTime(data.asOf)],
    [m.cover.evaluatedAt, data.evaluation.evaluatedAt ? m.evaluated(f.dateTime(data.evaluation.evaluatedAt), data.evaluation.pending) : m.notEvaluated],
    [m.cover.generatedAt, f.dateTime(data.generatedAt)],
    [m.cover.generatedBy, data.generatedBy],
    [m.cover.classification, data.classification],
    [m.cover.language, m.languageName],
  ];
  let y = 540;
  for (const [label, value] of rows) {
    canvas.font('regular', TYPE.body, COLORS.muted);
    doc.text(label, left, y, { width: 130 });
    canvas.font('semibold', TYPE.body, COLORS.ink);
    doc.text(value, left + 140, y, { width: width - 140 });
    y = Math.max(doc.y, y + 14) + 5;
    doc.moveTo(left, y - 3).lineTo(left + width, y - 3).lineWidth(0.4).strokeColor(COLORS.rule).stroke();
  }

  canvas.withoutMargins(() => {
    canvas.font('regular', TYPE.small, COLORS.muted);
    doc.text(m.preparedBy, left, PAGE.height - 52, { width, lineBreak: false });
  });
  doc.rect(0, PAGE.height - 10, PAGE.width, 10).fill(COLORS.accent);
}
