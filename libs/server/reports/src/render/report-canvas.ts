import type {} from 'pdfkit';
import type { ReportFormatter } from '../i18n/report-formatter.js';
import type { Messages } from '../i18n/messages.js';
import type { BoardReportData } from '../model/board-report-data.js';
import type { FontWeight } from './fonts/report-fonts.js';
import { installKoreanWordBreaks } from './text/korean-word-breaks.js';
import { COLORS, PAGE, TYPE } from './theme.js';

/** pdfkit's document (its types live in the global PDFKit namespace). */
export type Doc = PDFKit.PDFDocument;

/**
 * The page as the sections see it: a cursor that flows down the page, with the few typographic moves
 * a board paper needs. Sections never add pages themselves; they ask for space and the canvas decides.
 */
export class ReportCanvas {
  readonly left = PAGE.marginX;
  readonly right = PAGE.width - PAGE.marginX;
  readonly width = PAGE.width - 2 * PAGE.marginX;
  readonly top = PAGE.marginTop;
  readonly bottom = PAGE.height - PAGE.marginBottom;
  /** Pages that carry the running header and footer (every page but the cover). */
  readonly framedPages = new Set<number>();
  private pageIndex = 0;
  private sectionNumber = 0;

  constructor(
    readonly doc: Doc,
    readonly data: BoardReportData,
    readonly m: Messages,
    readonly f: ReportFormatter,
  ) {
    installKoreanWordBreaks();
  }

  get y(): number {
    return this.doc.y;
  }

  set y(value: number) {
    this.doc.y = value;
  }

  get page(): number {
    return this.pageIndex;
  }

  font(weight: FontWeight, size: number, color: string = COLORS.text): this {
    this.doc.font(weight).fontSize(size).fillColor(color);
    return this;
  }

  newPage(): void {
    this.doc.addPage();
    this.pageIndex += 1;
    this.framedPages.add(this.pageIndex);
    this.y = this.top;
  }

  /** Starts a new page when fewer than `height` points are left. */
  ensureSpace(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  /** A numbered top-level heading on a new page. */
  section(title: string, numbered = true): void {
    this.newPage();
    this.heading(title, numbered);
  }

  /** A numbered top-level heading that continues the current page when there is room. */
  heading(title: string, numbered = true): void {
    this.ensureSpace(140);
    if (this.y > this.top) this.y += 10;
    const label = numbered ? `${++this.sectionNumber}. ${title}` : title;
    this.doc.outline.addItem(label);
    this.font('bold', TYPE.h1, COLORS.ink).doc.text(label, this.left, this.y, { width: this.width });
    this.y += 4;
    this.doc.moveTo(this.left, this.y).lineTo(this.left + 36, this.y).lineWidth(2).strokeColor(COLORS.accent).stroke();
    this.y += 12;
  }

  subheading(title: string, spaceAfter = 6): void {
    this.ensureSpace(60);
    this.font('semibold', TYPE.h2, COLORS.ink).doc.text(title, this.left, this.y, { width: this.width });
    this.y += spaceAfter;
  }

  paragraph(text: string, options: { size?: number; color?: string; weight?: FontWeight; gapAfter?: number; width?: number; x?: number } = {}): void {
    this.font(options.weight ?? 'regular', options.size ?? TYPE.body, options.color ?? COLORS.text);
    const width = options.width ?? this.width;
    this.ensureSpace(Math.min(this.doc.heightOfString(text, { width, lineGap: 2 }), 120));
    this.doc.text(text, options.x ?? this.left, this.y, { width, lineGap: 2 });
    this.y += options.gapAfter ?? 8;
  }

  /** Height `text` takes at the current font in a box of `width`. */
  measure(text: string, width: number, weight: FontWeight, size: number): number {
    this.doc.font(weight).fontSize(size);
    return this.doc.heightOfString(text, { width, lineGap: 1 });
  }

  /** A small rounded label (band, severity) with white text; returns its width. */
  chip(text: string, x: number, y: number, color: string, size: number = TYPE.tiny): number {
    this.doc.font('semibold').fontSize(size);
    const width = this.doc.widthOfString(text) + 8;
    const height = size + 5;
    this.doc.roundedRect(x, y, width, height, 2.5).fill(color);
    this.doc.fillColor('#ffffff').text(text, x + 4, y + 2.6, { width: width - 8, lineBreak: false });
    return width;
  }

  /** Runs `draw` with the page margins off, so text placed in a margin does not flow onto a new page. */
  withoutMargins(draw: () => void): void {
    const margins = { ...this.doc.page.margins };
    this.doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    try {
      draw();
    } finally {
      this.doc.page.margins = margins;
    }
  }

  rule(y = this.y, color: string = COLORS.rule): void {
    this.doc.moveTo(this.left, y).lineTo(this.right, y).lineWidth(0.6).strokeColor(color).stroke();
  }
}
