/** A cell starting with one of these is read as a formula by spreadsheet programs (OWASP: CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field: RFC 4180 (quoted when it holds a comma, quote, CR or LF; quotes doubled), and safe to open in
 * a spreadsheet: text starting with = + - @ (or a tab or CR) is prefixed with a single quote so it stays text.
 */
export const csvCell = (value: string | number | boolean | null | undefined): string => {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** One CSV record with its CRLF line break (RFC 4180). */
export const csvRow = (values: readonly (string | number | boolean | null | undefined)[]): string => `${values.map(csvCell).join(',')}\r\n`;
