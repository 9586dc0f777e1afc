import type { FontWeight } from './fonts/report-fonts.js';
import type { ReportCanvas } from './report-canvas.js';
import { COLORS, TYPE } from './theme.js';

/** What a cell shows: plain text, or text with emphasis, a colour, a chip or a second muted line. */
export interface Cell {
  text: string;
  color?: string;
  weight?: FontWeight;
  /** Drawn as a coloured label instead of plain text. */
  chip?: string;
  /** Instead of `text`: lines that each start with an emphasised label (a control id before its title). */
  lines?: { strong: string; text: string }[];
  /** A second, smaller line in muted grey. */
  sub?: string;
  /** Custom drawing inside the cell's box (bars, sparklines); the cell keeps `height` points. */
  draw?: { height: number; render(x: number, y: number, width: number): void };
}

export interface Column<T> {
  header: string;
  /** Relative width; columns share the table width in proportion. */
  width: number;
  align?: 'left' | 'right' | 'center';
  cell(row: T, index: number): Cell | string;
}

export interface TableOptions {
  size?: number;
  zebra?: boolean;
  /** A line across the table after the rows: what the rows left out add up to ("…and 775 more teams"). */
  more?: string | null;
  /** Rows drawn after the data, emphasised (totals). */
  footer?: (Cell | string)[];
}

const PAD_X = 4;
const PAD_Y = 4;
const LINE_GAP = 2;

const asCell = (value: Cell | string): Cell => (typeof value === 'string' ? { text: value } : value);

/** A table that flows across pages, repeating its header, with rows that wrap and never split. */
export function drawTable<T>(canvas: ReportCanvas, columns: readonly Column<T>[], rows: readonly T[], options: TableOptions = {}): void {
  const size = options.size ?? TYPE.small;
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * canvas.width);
  const xs = widths.map((_, i) => canvas.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const { doc } = canvas;

  const cellHeight = (cell: Cell, width: number, weight: FontWeight): number => {
    if (cell.draw) return cell.draw.height;
    const inner = width - 2 * PAD_X;
    // Lines are measured in the heavier weight so the estimate never falls short of what is drawn.
    let height = cell.chip
      ? size + 5
      : cell.lines
        ? cell.lines.reduce((sum, line) => sum + canvas.measure(`${line.strong} ${line.text}`, inner, 'semibold', size) + LINE_GAP, 0)
        : canvas.measure(cell.text || ' ', inner, cell.weight ?? weight, size);
    if (cell.sub) height += 1 + canvas.measure(cell.sub, inner, 'regular', size - 1);
    return height;
  };

  const drawRow = (cells: Cell[], weight: FontWeight, background: string | null, textColor: string): void => {
    const height = Math.max(...cells.map((c, i) => cellHeight(c, widths[i]!, weight))) + 2 * PAD_Y;
    const y = canvas.y;
    if (background) doc.rect(canvas.left, y, canvas.width, height).fill(background);
    cells.forEach((cell, i) => {
      const x = xs[i]! + PAD_X;
      const inner = widths[i]! - 2 * PAD_X;
      const align = columns[i]!.align ?? 'left';
      if (cell.draw) {
        cell.draw.render(x, y + PAD_Y, inner);
        return;
      }
      if (cell.chip) {
        doc.font('semibold').fontSize(TYPE.tiny);
        const chipWidth = doc.widthOfString(cell.text) + 8;
        const chipX = align === 'right' ? x + inner - chipWidth : align === 'center' ? x + (inner - chipWidth) / 2 : x;
        canvas.chip(cell.text, chipX, y + PAD_Y - 0.5, cell.chip);
        return;
      }
      if (cell.lines) {
        let lineY = y + PAD_Y;
        for (const line of cell.lines) {
          canvas.font('semibold', size, COLORS.ink);
          doc.text(`${line.strong} `, x, lineY, { width: inner, lineGap: 1, continued: true });
          canvas.font('regular', size, cell.color ?? textColor);
          doc.text(line.text, { width: inner, lineGap: 1 });
          lineY += canvas.measure(`${line.strong} ${line.text}`, inner, 'semibold', size) + LINE_GAP;
        }
        doc.y = lineY;
      } else {
        canvas.font(cell.weight ?? weight, size, cell.color ?? textColor);
        doc.text(cell.text, x, y + PAD_Y, { width: inner, align, lineGap: 1 });
      }
      if (cell.sub) {
        canvas.font('regular', size - 1, COLORS.muted);
        doc.text(cell.sub, x, doc.y + 1, { width: inner, align, lineGap: 1 });
      }
    });
    canvas.y = y + height;
  };

  const header = columns.map((c) => ({ text: c.header }));
  const drawHeader = (): void => {
    drawRow(header, 'semibold', null, COLORS.muted);
    canvas.rule(canvas.y, COLORS.ink);
  };

  const rowHeight = (cells: Cell[], weight: FontWeight) => Math.max(...cells.map((c, i) => cellHeight(c, widths[i]!, weight))) + 2 * PAD_Y;
  const headerHeight = rowHeight(header, 'semibold');
  const bodies = rows.map((row, r) => columns.map((c) => asCell(c.cell(row, r))));
  canvas.ensureSpace(headerHeight + (bodies[0] ? rowHeight(bodies[0], 'regular') : 0));
  drawHeader();
  bodies.forEach((cells, r) => {
    const height = rowHeight(cells, 'regular');
    if (canvas.y + height > canvas.bottom) {
      canvas.newPage();
      drawHeader();
    }
    drawRow(cells, 'regular', options.zebra !== false && r % 2 === 1 ? COLORS.zebra : null, COLORS.text);
  });
  if (options.more) {
    const inner = canvas.width - 2 * PAD_X;
    const height = canvas.measure(options.more, inner, 'medium', size) + 2 * PAD_Y;
    canvas.ensureSpace(height);
    const y = canvas.y;
    canvas.font('medium', size, COLORS.muted);
    doc.text(options.more, canvas.left + PAD_X, y + PAD_Y, { width: inner, lineGap: 1 });
    canvas.y = y + height;
  }
  if (options.footer) {
    const cells = options.footer.map(asCell);
    canvas.ensureSpace(rowHeight(cells, 'semibold'));
    canvas.rule(canvas.y, COLORS.ink);
    drawRow(cells, 'semibold', null, COLORS.ink);
  }
  canvas.rule(canvas.y);
  canvas.y += 10;
}
