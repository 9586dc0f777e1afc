import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import Papa from 'papaparse';
import type { CollectedRecord } from '../observation.js';

export interface CsvReadOptions {
  /** Column names the source cannot do without (compared case-insensitively). */
  requiredColumns: readonly string[];
  /** Stops reading (and rejects the iteration with the signal's reason) when aborted. */
  signal?: AbortSignal;
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
  yield* readCsvStream(createReadStream(path, { encoding: 'utf8' }), path, options);
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

  Papa.parse<string[]>(stream, {
    delimiter: ',',
    header: false,
    skipEmptyLines: false,
    chunk(results, handle) {
      queue.push({ rows: results.data, errors: results.errors, linebreak: results.meta.linebreak });
      parser = handle;
      // Backpressure: stop reading the file until the consumer catches up.
      if (queue.length >= MAX_CHUNKS_AHEAD && !paused) {
        paused = true;
        stream.pause();
        handle.pause();
      }
      notify();
    },
    complete() {
      finished = true;
      notify();
    },
    error(error: Error) {
      failure = new Error(`Cannot read ${label}: ${error.message}`, { cause: error });
      notify();
    },
  });

  const state = new LineState(options.requiredColumns);
  try {
    for (;;) {
      signal?.throwIfAborted();
      const next = queue.shift();
      if (next) {
        if (paused && queue.length === 0) {
          paused = false;
          stream.resume();
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
    stream.destroy();
  }
}

/** Tracks physical line numbers and the header across parsed chunks. */
class LineState {
  private nextLine = 1;
  private header: string[] | undefined;
  stopped = false;

  constructor(private readonly requiredColumns: readonly string[]) {}

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
        reason: `header is missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found: ${header.join(', ')})`,
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
