import type { SourceLocation } from '../observation.js';
import { InputLimitError, type InputLimits, formatBytes, inputLimits } from './input-limits.js';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parseJsonDocumentPaced } from './json-document.reader.js';
import { NOT_UTF8_MARK, textProblem } from './source-text.decoder.js';
import { type JsonLine, JsonLineSplitter, type LineBounds, parseLine } from './json-lines.reader.js';
import { type ReadOptions, readText, readTextChunks, readWholeText } from './json-text.reader.js';
import { codeOf, messageOf } from './json-value.util.js';

/** One record of a JSON source: its value, or why it could not be read; always with where it came from. */
export type JsonRecord = { ok: true; value: unknown; location: SourceLocation } | { ok: false; reason: string; location: SourceLocation };

/** Finds the array of records inside a top-level object (CloudTrail `Records`, SCIM `Resources`, JWKS `keys`). */
export type RecordsUnwrapper = (value: unknown) => unknown[] | null;

export interface JsonRecordsOptions extends ReadOptions {
  unwrap?: RecordsUnwrapper;
  /**
   * `auto` (default) reads JSON lines and falls back to one document (a JSON array or a pretty-printed
   * object), streaming files too large to hold; `document` reads the whole file and parses it as one
   * document (in steps), for small files such as CloudTrail's.
   */
  format?: 'auto' | 'document';
  /** Files of at most this much (decompressed) text are read in one piece, larger ones streamed (default `WHOLE_TEXT_MAX_BYTES`). */
  wholeTextMaxBytes?: number;
  /** The file's `readWholeText`, when the caller started it ahead (while the previous file was parsed). */
  wholeText?: Promise<string | null>;
}

/**
 * Reads a JSON file of records, gzipped or not: JSON lines (line numbers), a JSON array or an object
 * holding one (record indexes), or a single object. Bad lines are rejected and the rest still land.
 */
export async function* readJsonRecords(path: string, options: JsonRecordsOptions = {}): AsyncGenerator<JsonRecord> {
  for await (const batch of readJsonRecordBatches(path, options)) yield* batch;
}

/**
 * `readJsonRecords` in batches, with no asynchronous step per record: a file small enough to hold is read in
 * one piece (a document is one batch, JSON lines a batch per slice of text); a larger one is streamed, a
 * batch per chunk. Same records, same order, same locations as reading it record by record.
 */
export async function* readJsonRecordBatches(path: string, options: JsonRecordsOptions = {}): AsyncGenerator<JsonRecord[]> {
  yield* withTurns(fileRecordBatches(path, options));
}

/**
 * How long reading may hold the event loop before the next batch waits for a turn: a file held whole is read
 * without I/O, and the promises of an async generator alone never let timers or other requests in.
 */
const TURN_EVERY_MS = 20;

async function* withTurns<T>(batches: AsyncIterable<T> | Iterable<T>): AsyncGenerator<T> {
  let turned = performance.now();
  for await (const batch of batches) {
    yield batch;
    if (performance.now() - turned >= TURN_EVERY_MS) {
      await nextTurn();
      turned = performance.now();
    }
  }
}

async function* fileRecordBatches(path: string, options: JsonRecordsOptions): AsyncGenerator<JsonRecord[]> {
  const limits = inputLimits(options.limits);
  try {
    // A text read ahead may have been ready before the run was cancelled.
    options.signal?.throwIfAborted();
    const whole = await (options.wholeText ?? readWholeText(path, options, options.wholeTextMaxBytes));
    if (whole !== null) {
      if (options.format === 'document') yield* documentRecordBatches(whole, path, options.unwrap, limits);
      else yield* jsonRecordBatchesOfText(whole, path, options.unwrap, limits);
      return;
    }
    if (options.format === 'document') {
      yield* documentRecordBatches(await readText(path, options), path, options.unwrap, limits);
      return;
    }
    yield* jsonRecordBatchesFromChunks(readTextChunks(path, options), path, options.unwrap, limits);
  } catch (error) {
    // A refused input stops the run: it is not one bad record among good ones.
    if (options.signal?.aborted || error instanceof InputLimitError) throw error;
    yield [{ ok: false, reason: `could not read the file: ${errorMessage(error)}`, location: { source: path } }];
  }
}

/** The records of a text stream (a file, an HTTP body, an S3 object): JSON lines or one document. */
export async function* jsonRecordsFromChunks(
  chunks: AsyncIterable<string>,
  source: string,
  unwrap?: RecordsUnwrapper,
  limits: InputLimits = inputLimits(),
): AsyncGenerator<JsonRecord> {
  for await (const batch of jsonRecordBatchesFromChunks(chunks, source, unwrap, limits)) yield* batch;
}

/** `jsonRecordsFromChunks` in batches, one per chunk of JSON lines (or one for a whole document). */
export async function* jsonRecordBatchesFromChunks(
  chunks: AsyncIterable<string>,
  source: string,
  unwrap?: RecordsUnwrapper,
  limits: InputLimits = inputLimits(),
): AsyncGenerator<JsonRecord[]> {
  const iterator = chunks[Symbol.asyncIterator]();
  const bounds = boundsOf(source, limits);
  const maxHead = Math.max(limits.maxDocumentChars, limits.maxRecordChars);
  let head = '';
  let exhausted = false;
  let firstLineEnd = -1;
  let contentStart = -1;
  // Blank text before the first content is dropped as it comes (only its lines are counted): a file of
  // gigabytes of newlines must not be held.
  let skippedLines = 0;
  // Enough text to see the first non-blank line whole: that line decides between JSON lines and a document.
  while (!exhausted) {
    contentStart = contentStart === -1 ? firstNonBlank(head) : contentStart;
    if (contentStart === -1 && head.length > 0) {
      skippedLines += countNewlines(head, head.length);
      head = '';
    }
    if (contentStart !== -1) {
      firstLineEnd = head.indexOf('\n', contentStart);
      if (firstLineEnd !== -1) break;
      if (head.length - contentStart > maxHead) {
        throw new InputLimitError('TOO_LARGE', source, `line ${skippedLines + countNewlines(head, contentStart) + 1}`, `a line longer than ${formatBytes(maxHead)}`);
      }
    }
    const next = await iterator.next();
    if (next.done) exhausted = true;
    else head += next.value;
  }
  const lines = linesStart(head, contentStart, firstLineEnd, bounds, skippedLines);
  if (lines === null) {
    if (contentStart === -1) return;
    let text = head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      text += next.value;
      if (text.length > limits.maxDocumentChars && !secondLineIsObject(text, bounds)) throw documentTooLarge(text, source, limits, skippedLines);
    }
    for (const batch of documentRecordBatches(text, source, unwrap, limits)) yield shiftLines(batch, skippedLines);
    return;
  }
  // JSON lines: the first line is parsed already; the rest is parsed a chunk at a time.
  const { first, splitter, after } = lines;
  const batch: JsonRecord[] = [];
  pushLineRecords(batch, first, source, unwrap);
  yield linesRecordsOf(splitter.push(after), source, unwrap, batch);
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    const parsed = splitter.push(next.value);
    if (parsed.length > 0) yield linesRecordsOf(parsed, source, unwrap);
  }
  const last = splitter.end();
  if (last.length > 0) yield linesRecordsOf(last, source, unwrap);
}

/**
 * JSON lines held whole are parsed this many characters at a time: only a slice's records are held at once.
 * Small enough for a slice's records to die young: 1 MiB slices had them outlive the young generation, and
 * collecting them from the old one took a quarter of an OCSF read. 256 KiB slices (~400 OCSF events, alive
 * through their mapping) still had each scavenge keep half of what it found; 64 KiB (~100 events) took the
 * OCSF read from 0.41–0.56 to 0.54–0.61 of plain JSON.parse in CPU time (bench/parse-speed.main.ts, large
 * scale, load 7–10); 32 and 16 KiB measured worse.
 */
const TEXT_SLICE_CHARS = 1 << 16;

/**
 * `jsonRecordsFromChunks` over a text held whole, synchronously: a batch per slice of JSON lines (the
 * parsed values of a whole large file are never all alive at once), or one batch for a document.
 */
export function* jsonRecordBatchesOfText(
  text: string,
  source: string,
  unwrap?: RecordsUnwrapper,
  limits: InputLimits = inputLimits(),
): Generator<JsonRecord[]> {
  const contentStart = firstNonBlank(text);
  if (contentStart === -1) return;
  const lines = linesStart(text, contentStart, text.indexOf('\n', contentStart), boundsOf(source, limits));
  if (lines === null) {
    yield* documentRecordBatches(text, source, unwrap, limits);
    return;
  }
  const { first, splitter, after } = lines;
  const batch: JsonRecord[] = [];
  pushLineRecords(batch, first, source, unwrap);
  yield* lineBatchesOfText(after, splitter, source, unwrap, batch);
}

/** The records of JSON lines held whole, a batch per slice of text (after those already in `batch`). */
function* lineBatchesOfText(text: string, splitter: JsonLineSplitter, source: string, unwrap?: RecordsUnwrapper, batch: JsonRecord[] = []): Generator<JsonRecord[]> {
  for (let start = 0; start < text.length; start += TEXT_SLICE_CHARS) {
    linesRecordsOf(splitter.push(text.slice(start, start + TEXT_SLICE_CHARS)), source, unwrap, batch);
    yield batch.splice(0);
  }
  linesRecordsOf(splitter.end(), source, unwrap, batch);
  if (batch.length > 0) yield batch;
}

/**
 * When the first non-blank line (from `contentStart` to `firstLineEnd`, -1 for the end of the text) is a
 * JSON value or looks like one object, the text is JSON lines: that line parsed, a splitter for the rest
 * and the text after it. Null for a document (or no content).
 */
function linesStart(
  head: string,
  contentStart: number,
  firstLineEnd: number,
  bounds: LineBounds,
  skippedLines = 0,
): { first: JsonLine; splitter: JsonLineSplitter; after: string } | null {
  if (contentStart === -1) return null;
  const firstLine = head.slice(contentStart, firstLineEnd === -1 ? head.length : firstLineEnd).trim();
  const firstLineNumber = skippedLines + countNewlines(head, contentStart) + 1;
  // A long first line is a one-line document (a minified array), not a record: it is judged as a document.
  if (firstLine.length > bounds.maxRecordChars) return null;
  const first = parseLine(firstLine, firstLineNumber, bounds);
  if (!first.ok && !looksLikeOneObject(firstLine)) return null;
  return { first, splitter: new JsonLineSplitter(firstLineNumber + 1, bounds), after: firstLineEnd === -1 ? '' : head.slice(firstLineEnd + 1) };
}

/** The line of the first character `textProblem` objects to. */
function lineOfProblem(text: string): number {
  const offsets = [text.indexOf(NOT_UTF8_MARK), text.indexOf('\u0000'), text.indexOf('\\u0000')].filter((offset) => offset !== -1);
  return countNewlines(text, Math.min(...offsets)) + 1;
}

function boundsOf(source: string, limits: InputLimits): LineBounds {
  return { source, maxRecordChars: limits.maxRecordChars, maxDepth: limits.maxDepth };
}

function documentTooLarge(text: string, source: string, limits: InputLimits, skippedLines = 0): InputLimitError {
  const line = skippedLines + countNewlines(text, limits.maxDocumentChars) + 1;
  return new InputLimitError(
    'TOO_LARGE',
    source,
    `line ${line}`,
    `a JSON document larger than ${formatBytes(limits.maxDocumentChars)} is not read in one piece (send JSON lines instead)`,
  );
}

function shiftLines(records: JsonRecord[], lines: number): JsonRecord[] {
  if (lines === 0) return records;
  for (const record of records) if (record.location.line !== undefined) record.location = { ...record.location, line: record.location.line + lines };
  return records;
}

/**
 * The records of one whole JSON document; invalid JSON is one rejection naming the parser's position.
 * A text that turns out to be JSON lines with a broken first line is read as lines, keeping the good ones.
 */
export async function* documentRecords(text: string, source: string, unwrap?: RecordsUnwrapper, limits?: Partial<InputLimits>): AsyncGenerator<JsonRecord> {
  for await (const batch of withTurns(documentRecordBatches(text, source, unwrap, inputLimits(limits)))) yield* batch;
}

/** Records handed out per batch of a parsed document: a batch is mapped before the event loop may turn, and its records die young. */
const DOCUMENT_RECORDS_PER_BATCH = 256;

/**
 * `documentRecords` in batches, synchronously. The document is parsed in one piece when small (CloudTrail's files),
 * else a step at a time (`parseJsonDocumentPaced`): an empty batch is yielded after the parse and after each step,
 * for the caller to let the event loop turn; then its records, as a document is one set of records, refused whole
 * when it is invalid.
 */
export function* documentRecordBatches(text: string, source: string, unwrap?: RecordsUnwrapper, limits: InputLimits = inputLimits()): Generator<JsonRecord[]> {
  const bounds = boundsOf(source, limits);
  const asLines = (): Generator<JsonRecord[]> => lineBatchesOfText(text, new JsonLineSplitter(1, bounds), source, unwrap);
  if (text.length > limits.maxDocumentChars) {
    if (secondLineIsObject(text, bounds)) return yield* asLines();
    throw documentTooLarge(text, source, limits);
  }
  const problem = textProblem(text);
  if (problem !== null) {
    // Read as lines, a bad line costs only itself; a document is one record set, refused where the problem is.
    if (secondLineIsObject(text, bounds)) return yield* asLines();
    yield [{ ok: false, reason: problem, location: { source, line: lineOfProblem(text) } }];
    return;
  }
  const steps = parseJsonDocumentPaced(text, source, limits.maxDepth);
  let step = steps.next();
  for (; !step.done; step = steps.next()) yield [];
  const document = step.value;
  if (document.ok) {
    const list = Array.isArray(document.value) ? document.value : (unwrap?.(document.value) ?? null);
    if (list === null) {
      yield [{ ok: true, value: document.value, location: { source } }];
      return;
    }
    for (let from = 0; from < list.length; from += DOCUMENT_RECORDS_PER_BATCH) {
      const batch: JsonRecord[] = [];
      for (let record = from; record < Math.min(from + DOCUMENT_RECORDS_PER_BATCH, list.length); record += 1) {
        batch.push({ ok: true, value: list[record], location: { source, record } });
      }
      yield batch;
    }
    return;
  }
  if (secondLineIsObject(text, bounds)) return yield* asLines();
  yield [{ ok: false, reason: document.reason, location: document.line === undefined ? { source } : { source, line: document.line } }];
}

/** A top-level array, or an object the unwrapper opens, is a list of records; anything else is one record. */
export function* recordsOf(value: unknown, at: SourceLocation, unwrap?: RecordsUnwrapper): Generator<JsonRecord> {
  const records: JsonRecord[] = [];
  pushRecordsOf(records, value, at, unwrap);
  yield* records;
}

function pushRecordsOf(out: JsonRecord[], value: unknown, at: SourceLocation, unwrap?: RecordsUnwrapper): void {
  const list = Array.isArray(value) ? value : (unwrap?.(value) ?? null);
  if (list === null) {
    out.push({ ok: true, value, location: at });
    return;
  }
  // `{ ...at, record }`, built directly when `at` is a plain file location (a spread per record shows in profiles).
  const keys = Object.keys(at).join();
  const { source, line } = at;
  for (let record = 0; record < list.length; record += 1) {
    const location: SourceLocation =
      keys === 'source' ? { source, record } : keys === 'source,line' ? { source, line, record } : { ...at, record };
    out.push({ ok: true, value: list[record], location });
  }
}

function pushLineRecords(out: JsonRecord[], parsed: JsonLine, source: string, unwrap?: RecordsUnwrapper): void {
  if (parsed.ok) pushRecordsOf(out, parsed.value, { source, line: parsed.line }, unwrap);
  else out.push({ ok: false, reason: parsed.reason, location: { source, line: parsed.line } });
}

function linesRecordsOf(lines: readonly JsonLine[], source: string, unwrap?: RecordsUnwrapper, out: JsonRecord[] = []): JsonRecord[] {
  for (const parsed of lines) pushLineRecords(out, parsed, source, unwrap);
  return out;
}

function looksLikeOneObject(line: string): boolean {
  return line.startsWith('{') && line.endsWith('}');
}

function secondLineIsObject(text: string, bounds: LineBounds): boolean {
  const firstStart = firstNonBlank(text);
  const firstEnd = firstStart === -1 ? -1 : text.indexOf('\n', firstStart);
  if (firstEnd === -1) return false;
  const start = firstNonBlank(text, firstEnd + 1);
  if (start === -1) return false;
  const end = text.indexOf('\n', start);
  if ((end === -1 ? text.length : end) - start > bounds.maxRecordChars) return false;
  const line = text.slice(start, end === -1 ? text.length : end).trim();
  if (!line.startsWith('{')) return false;
  const parsed = parseLine(line, 2, bounds);
  return parsed.ok && typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value);
}

function firstNonBlank(text: string, from = 0): number {
  for (let index = from; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0d && code !== 0x0a) return index;
  }
  return -1;
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < end; index = text.indexOf('\n', index + 1)) count += 1;
  return count;
}

function errorMessage(error: unknown): string {
  const code = codeOf(error);
  const message = messageOf(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
