import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { messagesFor } from '../../i18n/messages.js';
import { ReportFormatter } from '../../i18n/report-formatter.js';
import { demoBoardReportData } from '../../testing/demo-board-report-data.js';
import { pdfText } from '../../testing/pdf-text.js';
import { FONT_WEIGHTS, reportFont } from '../fonts/report-fonts.js';
import { drawTable } from '../pdf-table.js';
import { ReportCanvas } from '../report-canvas.js';
import { keepsKoreanWordsWhole } from './korean-word-breaks.js';

/** The lines a one-column table of `cellWidth` points wraps `text` into, read back from the PDF. */
async function cellLines(text: string, cellWidth: number): Promise<string[]> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 78, bottom: 66, left: 54, right: 54 } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (const weight of FONT_WEIGHTS) doc.registerFont(weight, reportFont(weight));
  const canvas = new ReportCanvas(doc, await demoBoardReportData('ko'), messagesFor('ko'), new ReportFormatter('ko'));
  canvas.y = canvas.top;
  const header = 'HEADER';
  // Relative widths: the text's column is `cellWidth` points of the page's text width.
  drawTable(canvas, [{ header, width: cellWidth, cell: (row: string) => row }, { header: '', width: canvas.width - cellWidth, cell: () => '' }], [text]);
  doc.end();
  const { pages } = await pdfText(await finished);
  return pages[0]!
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && line !== header);
}

const SENTENCE = '담당 팀별로 키와 자격 증명이 교체 정책을 지키고 있는지, 기한을 넘긴 키가 많은 팀부터 보여 줍니다.';

describe('Korean line breaks in the report', () => {
  it('breaks a Korean sentence in a narrow cell only at its spaces', async () => {
    const lines = await cellLines(SENTENCE, 90);
    const words = SENTENCE.split(' ');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(words).toEqual(expect.arrayContaining(line.split(' ')));
    expect(lines.join(' ')).toBe(SENTENCE);
  });

  it('breaks a single Korean word wider than its cell between characters, losing none', async () => {
    const word = '가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허';
    const lines = await cellLines(word, 50);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe(word);
  });

  it('keeps the breaks English had: after a hyphen, at spaces', async () => {
    const lines = await cellLines('signing key auth-jwt-2015-production-primary', 80);
    // What pdfkit gave before Korean was kept whole: Unicode's opportunities after each hyphen and at the space.
    expect(lines).toEqual(['signing key auth-', 'jwt-2015-', 'production-primary']);
  });

  it('allows every break Unicode gives text without Hangul', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab -/.,(1)\n\t'.split('')) }), fc.nat(), (text, n) => {
        expect(keepsKoreanWordsWhole(text, n % (text.length + 1))).toBe(true);
      }),
    );
  });

  it('never breaks between a Hangul letter and a character it touches, always at a space', () => {
    const hangul = fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCharCode(c));
    const touching = fc.oneof(hangul, fc.constantFrom(...'a1.,()-"'.split('')));
    fc.assert(
      fc.property(hangul, touching, fc.boolean(), (h, other, hangulFirst) => {
        const pair = hangulFirst ? h + other : other + h;
        expect(keepsKoreanWordsWhole(pair, 1)).toBe(false);
        expect(keepsKoreanWordsWhole(`${h} ${other}`, 2)).toBe(true);
        expect(keepsKoreanWordsWhole(`${h} ${other}`, 1)).toBe(true);
      }),
    );
  });
});
