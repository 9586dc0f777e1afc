import { createReadStream } from 'node:fs';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import Papa from 'papaparse';
import type { CollectedRecord } from '../observation.js';
import { InputLimitError, type InputLimits, formatBytes, inputLimits } from './input-limits.js';
import { decodeChunks } from './json-text.reader.js';
import { textProblem } from './source-text.decoder.js';

export interface CsvReadOptions {
  /** Column names the source cannot do without (compared case-insensitively). */
  requiredColumns: readonly string[];
  /** Stops reading (and rejects the iteration with the signal's reason) when aborted. */
  signal?: AbortSignal;
  /** Bounds on record and field sizes (defaults: `DEFAULT_INPUT_LIMITS`). */
  limits?: Partial<InputLimits>;
}

/** A data row: values keyed by header name (trimmed, lower-cased), with its 1-based physical line. */
export interface CsvRow {
  ok: true;
  line: number;
  values: Readonly<Record<string, string>>;
}

/** A header or row that could not be read as a record; `field` names the column at fault when known. */
export interface CsvProblem {
  ok: false;
  line: number;
  reason: string;
  field?: string;
}

export type CsvReadResult = CsvRow | CsvProblem;

interface ParsedChunk {
  rows: string[][];
  errors: Papa.ParseError[];
  linebreak: string;
}

/** Chunks parsed ahead of the consumer before the file stream is paused (each is one read of ~64 KiB). */
const MAX_CHUNKS_AHEAD = 4;

/**
 * Streams a CSV file: one header line, then data rows. A missing required column yields one problem and
 * nothing else; malformed rows (wrong field count, bad or unterminated quotes) are yielded as problems
 * with their line number so the good rows around them still land. Only an unreadable file throws.
 */
export async function* readCsv(path: string, options: CsvReadOptions): AsyncGenerator<CsvReadResult> {
  // Decoded as the text it is: UTF-8 or UTF-16 (Excel's "Unicode text"), bytes of another encoding marked.
  yield* readCsvStream(Readable.from(decodeChunks(createReadStream(path))), path, options);
}

/**
 * `readCsv` over any readable stream of text (e.g. a report downloaded from an API);
 * `label` names the source in error messages. The stream is destroyed when the iteration ends.
 */
export async function* readCsvStream(stream: Readable, label: string, options: CsvReadOptions): AsyncGenerator<CsvReadResult> {
  const { signal } = options;
  if (signal?.aborted) {
    stream.destroy();
    signal.throwIfAborted();
  }
  const limits = inputLimits(options.limits);
  const limiter = new CsvRecordLimiter(label, limits.maxRecordChars);
  // pipe() does not carry a read error forward: the limiter (which papaparse reads) must fail with it.
  stream.once('error', (error) => limiter.destroy(error));
  const input = stream.pipe(limiter);
  const queue: ParsedChunk[] = [];
  let finished = false;
  let failure: Error | undefined;
  let parser: Papa.Parser | undefined;
  let paused = false;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  const onAbort = (): void => notify();
  signal?.addEventListener('abort', onAbort);

  Papa.parse<string[]>(input, {
    delimiter: ',',
    header: false,
    skipEmptyLines: false,
    chunk(results, handle) {
      queue.push({ rows: results.data, errors: results.errors, linebreak: results.meta.linebreak });
      parser = handle;
      // Backpressure: stop reading the file until the consumer catches up.
      if (queue.length >= MAX_CHUNKS_AHEAD && !paused) {
        paused = true;
        input.pause();
        handle.pause();
      }
      notify();
    },
    complete() {
      finished = true;
      notify();
    },
    error(error: Error) {
      failure = error instanceof InputLimitError ? error : new Error(`Cannot read ${label}: ${error.message}`, { cause: error });
      notify();
    },
  });

  const state = new LineState(options.requiredColumns, limits.maxFieldChars);
  try {
    for (;;) {
      signal?.throwIfAborted();
      const next = queue.shift();
      if (next) {
        if (paused && queue.length === 0) {
          paused = false;
          input.resume();
          parser?.resume();
        }
        yield* state.consume(next);
        if (state.stopped) return;
        continue;
      }
      if (failure) throw failure;
      if (finished) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    const end = state.finish();
    if (end) yield end;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    limiter.destroy();
    stream.destroy();
  }
}

/**
 * Passes CSV text through unchanged, and fails as soon as one record (a line, or several when a quoted
 * value holds line breaks) grows past `maxChars`: papaparse holds a record whole, so a 250 MB line (or an
 * unterminated quote at the top of a large file) would otherwise cost gigabytes and minutes.
 */
class CsvRecordLimiter extends Transform {
  private inQuotes = false;
  private recordChars = 0;
  private line = 1;
  private recordLine = 1;

  constructor(
    private readonly label: string,
    private readonly maxChars: number,
  ) {
    super({ decodeStrings: false, encoding: 'utf8' });
  }

  override _transform(chunk: string | Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    let position = 0;
    let quote = text.indexOf('"');
    let newline = text.indexOf('\n');
    for (;;) {
      const next = quote === -1 ? newline : newline === -1 ? quote : Math.min(quote, newline);
      if (next === -1) {
        this.recordChars += text.length - position;
        break;
      }
      this.recordChars += next - position + 1;
      if (next === quote) {
        // An escaped quote ("") toggles twice: the state stays right without looking ahead.
        this.inQuotes = !this.inQuotes;
        quote = text.indexOf('"', next + 1);
      } else {
        this.line += 1;
        if (!this.inQuotes) {
          this.recordChars = 0;
          this.recordLine = this.line;
        }
        newline = text.indexOf('\n', next + 1);
      }
      position = next + 1;
      if (this.recordChars > this.maxChars) break;
    }
    if (this.recordChars > this.maxChars) {
      const detail = `a CSV record longer than ${formatBytes(this.maxChars)}${this.inQuotes ? ' (an unterminated quoted value?)' : ''}`;
      done(new InputLimitError('TOO_LARGE', this.label, `line ${this.recordLine}`, detail));
      return;
    }
    done(null, text);
  }
}

/** Tracks physical line numbers and the header across parsed chunks. */
class LineState {
  private nextLine = 1;
  private header: string[] | undefined;
  stopped = false;

  constructor(
    private readonly requiredColumns: readonly string[],
    private readonly maxFieldChars: number,
  ) {}

  *consume(chunk: ParsedChunk): Generator<CsvReadResult> {
    const errorsByRow = new Map<number, Papa.ParseError>();
    for (const error of chunk.errors) {
      if (error.row !== undefined && !errorsByRow.has(error.row)) errorsByRow.set(error.row, error);
    }
    for (const [index, fields] of chunk.rows.entries()) {
      const line = this.nextLine;
      const breaks = countLineBreaks(fields, chunk.linebreak);
      this.nextLine += breaks + 1;
      const error = errorsByRow.get(index);
      if (!this.header) {
        yield* this.readHeader(fields, line, error);
        if (this.stopped) return;
        continue;
      }
      if (error) {
        yield this.quoteProblem(error, fields, line, breaks);
        continue;
      }
      if (fields.length === 1 && fields[0].trim() === '') continue;
      const unreadable = fields.findIndex((field) => textProblem(field) !== null);
      if (unreadable !== -1) {
        yield { ok: false, line, field: this.header[unreadable], reason: textProblem(fields[unreadable]!)! };
        continue;
      }
      const long = fields.findIndex((field) => field.length > this.maxFieldChars);
      if (long !== -1) {
        yield { ok: false, line, field: this.header[long], reason: `a field longer than ${formatBytes(this.maxFieldChars)}` };
        continue;
      }
      if (fields.length !== this.header.length) {
        yield fieldCountProblem(line, fields.length, this.header.length);
        continue;
      }
      const values: Record<string, string> = {};
      this.header.forEach((name, column) => {
        // First occurrence wins when a header repeats a name.
        if (!(name in values)) values[name] = fields[column];
      });
      yield { ok: true, line, values };
    }
  }

  /** A problem to report once the whole file has been read, if any. */
  finish(): CsvProblem | undefined {
    if (this.header || this.stopped) return undefined;
    this.stopped = true;
    return { ok: false, line: 1, reason: `file is empty: expected a header with the columns ${this.requiredColumns.join(', ')}` };
  }

  private *readHeader(fields: string[], line: number, error: Papa.ParseError | undefined): Generator<CsvProblem> {
    if (error) {
      this.stopped = true;
      yield { ok: false, line, reason: `header line is malformed: ${error.message}` };
      return;
    }
    if (fields.length === 1 && fields[0].trim() === '') return;
    const header = fields.map((name, column) => normaliseColumnName(column === 0 ? name.replace(/^\uFEFF/, '') : name));
    const missing = this.requiredColumns.filter((column) => !header.includes(normaliseColumnName(column)));
    if (missing.length > 0) {
      this.stopped = true;
      yield {
        ok: false,
        line,
        reason: `header is missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found: ${describeHeader(header)})`,
        field: missing[0],
      };
      return;
    }
    this.header = header;
  }

  private quoteProblem(error: Papa.ParseError, fields: string[], line: number, breaks: number): CsvProblem {
    const field = this.header?.[Math.min(fields.length, this.header.length) - 1];
    if (error.code === 'MissingQuotes') {
      const lastLine = line + breaks;
      const rest = lastLine > line ? ` lines ${line}-${lastLine} could not be read as records` : ' the row could not be read';
      return { ok: false, line, field, reason: `unterminated quoted field (truncated file?):${rest}` };
    }
    return { ok: false, line, field, reason: `malformed quotes: ${error.message}` };
  }
}

function fieldCountProblem(line: number, found: number, expected: number): CsvProblem {
  const hint = found < expected ? 'the row is incomplete or the file is truncated' : 'an unquoted comma in a value?';
  return { ok: false, line, reason: `expected ${expected} fields (one per header column), found ${found}: ${hint}` };
}

/** The header as found, bounded: a wrong "header" may be a whole file's worth of text, and errors are stored. */
function describeHeader(header: readonly string[]): string {
  const shown = header.slice(0, 20).map((name) => (name.length > 40 ? `${name.slice(0, 40)}…` : name));
  const more = header.length > shown.length ? `, … ${header.length - shown.length} more` : '';
  return `${shown.join(', ')}${more}`;
}

function normaliseColumnName(name: string): string {
  return name.trim().toLowerCase();
}

/** Line breaks inside quoted values: each one moves the physical line of the rows after it. */
function countLineBreaks(fields: readonly string[], linebreak: string): number {
  const mark = linebreak.includes('\n') ? '\n' : '\r';
  let count = 0;
  for (const field of fields) {
    for (let at = field.indexOf(mark); at !== -1; at = field.indexOf(mark, at + 1)) count += 1;
  }
  return count;
}

/** The rejection a connector yields for a CSV problem. */
export function csvRejection(source: string, problem: CsvProblem): CollectedRecord {
  return {
    accepted: false,
    location: { source, line: problem.line, ...(problem.field ? { field: problem.field } : {}) },
    reason: problem.reason,
  };
}
