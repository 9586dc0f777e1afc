import PDFDocument from 'pdfkit';
import { messagesFor } from '../i18n/messages.js';
import { ReportFormatter } from '../i18n/report-formatter.js';
import type { BoardReportData } from '../model/board-report-data.js';
import { FONT_WEIGHTS, reportFont } from './fonts/report-fonts.js';
import { ReportCanvas } from './report-canvas.js';
import { drawAppendix } from './sections/appendix.section.js';
import { drawExplanations } from './sections/explanations.section.js';
import { drawCompletenessSection } from './sections/completeness.section.js';
import { drawCover } from './sections/cover.section.js';
import { drawPeopleAndAccessSection } from './sections/people-access.section.js';
import { drawRisksSection } from './sections/risks.section.js';
import { drawScoresSection } from './sections/scores.section.js';
import { drawSpendSection } from './sections/spend.section.js';
import { drawExecutiveSummary } from './sections/summary.section.js';
import { COLORS, PAGE, TYPE } from './theme.js';

/**
 * Renders the board report as a PDF: pure (the data in, the bytes out), no browser, vector charts,
 * selectable text in an embedded subset font with Hangul, page numbers and running header and footer.
 */
export async function renderBoardReport(data: BoardReportData): Promise<Buffer> {
  const m = messagesFor(data.lang);
  const f = new ReportFormatter(data.lang, data.timeZone);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.marginTop, bottom: PAGE.marginBottom, left: PAGE.marginX, right: PAGE.marginX },
    bufferPages: true,
    pdfVersion: '1.7',
    lang: f.locale,
    displayTitle: true,
    info: {
      Title: `${m.reportTitle}: ${data.organization.name}`,
      Subject: m.periodRange(f.date(data.period.from), f.date(data.period.to)),
      Author: data.generatedBy,
      Creator: 'Postureboard',
      Keywords: data.classification,
      CreationDate: new Date(data.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const weight of FONT_WEIGHTS) doc.registerFont(weight, reportFont(weight));

  const canvas = new ReportCanvas(doc, data, m, f);
  drawCover(canvas);
  drawExecutiveSummary(canvas);
  drawSpendSection(canvas);
  drawScoresSection(canvas);
  drawRisksSection(canvas);
  drawPeopleAndAccessSection(canvas);
  drawCompletenessSection(canvas);
  drawExplanations(canvas);
  drawAppendix(canvas);
  drawPageFrames(canvas);

  doc.end();
  return finished;
}

/** Header and footer on every page but the cover, drawn last so "page n of N" knows N. */
function drawPageFrames(canvas: ReportCanvas): void {
  const { doc, data, m, f, left, right, width } = canvas;
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    if (!canvas.framedPages.has(i)) continue;
    doc.switchToPage(i);
    canvas.withoutMargins(() => {
      canvas.font('semibold', TYPE.tiny, COLORS.muted);
      doc.text(`${data.organization.name} · ${m.reportTitle}`, left, 38, { width: width * 0.62, lineBreak: false, ellipsis: true, height: 10 });
      canvas.font('semibold', TYPE.tiny, COLORS.negative);
      doc.text(data.classification, left + width * 0.62, 38, { width: width * 0.38, align: 'right', lineBreak: false });
      doc.moveTo(left, 52).lineTo(right, 52).lineWidth(0.5).strokeColor(COLORS.rule).stroke();

      const footerY = PAGE.height - 42;
      doc.moveTo(left, footerY - 8).lineTo(right, footerY - 8).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
      canvas.font('regular', TYPE.tiny, COLORS.muted);
      doc.text(m.footer(f.dateTime(data.generatedAt), f.date(data.asOf)), left, footerY, { width: width * 0.7, lineBreak: false });
      canvas.font('semibold', TYPE.tiny, COLORS.text);
      doc.text(m.pageOf(i - start + 1, count), left + width * 0.7, footerY, { width: width * 0.3, align: 'right', lineBreak: false });
    });
  }
}
