import type { SourceLocation } from '../observation.js';
import { parseJsonDocument } from './json-document.reader.js';
import { type JsonLine, parseLine, readJsonLines } from './json-lines.reader.js';
import { type ReadOptions, readText, readTextChunks } from './json-text.reader.js';
import { codeOf, messageOf } from './json-value.util.js';

/** One record of a JSON source: its value, or why it could not be read; always with where it came from. */
export type JsonRecord = { ok: true; value: unknown; location: SourceLocation } | { ok: false; reason: string; location: SourceLocation };

/** Finds the array of records inside a top-level object (CloudTrail `Records`, SCIM `Resources`, JWKS `keys`). */
export type RecordsUnwrapper = (value: unknown) => unknown[] | null;

export interface JsonRecordsOptions extends ReadOptions {
  unwrap?: RecordsUnwrapper;
  /**
   * `auto` (default) streams JSON lines and falls back to one document (a JSON array or a pretty-printed
   * object); `document` reads the whole file and parses it once, for small files such as CloudTrail's.
   */
  format?: 'auto' | 'document';
}

/**
 * Reads a JSON file of records, gzipped or not: JSON lines (line numbers), a JSON array or an object
 * holding one (record indexes), or a single object. Bad lines are rejected and the rest still land.
 */
export async function* readJsonRecords(path: string, options: JsonRecordsOptions = {}): AsyncGenerator<JsonRecord> {
  try {
    if (options.format === 'document') {
      yield* documentRecords(await readText(path, options), path, options.unwrap);
      return;
    }
    yield* jsonRecordsFromChunks(readTextChunks(path, options), path, options.unwrap);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    yield { ok: false, reason: `could not read the file: ${errorMessage(error)}`, location: { source: path } };
  }
}

/** The records of a text stream (a file, an HTTP body, an S3 object): JSON lines or one document. */
export async function* jsonRecordsFromChunks(
  chunks: AsyncIterable<string>,
  source: string,
  unwrap?: RecordsUnwrapper,
): AsyncGenerator<JsonRecord> {
  const iterator = chunks[Symbol.asyncIterator]();
  let head = '';
  let exhausted = false;
  let firstLineEnd = -1;
  let contentStart = -1;
  // Enough text to see the first non-blank line whole: that line decides between JSON lines and a document.
  while (!exhausted) {
    contentStart = contentStart === -1 ? firstNonBlank(head) : contentStart;
    if (contentStart !== -1) {
      firstLineEnd = head.indexOf('\n', contentStart);
      if (firstLineEnd !== -1) break;
    }
    const next = await iterator.next();
    if (next.done) exhausted = true;
    else head += next.value;
  }
  if (contentStart === -1) return;
  const firstLine = head.slice(contentStart, firstLineEnd === -1 ? head.length : firstLineEnd).trim();
  const firstLineNumber = countNewlines(head, contentStart) + 1;
  const first = parseLine(firstLine, firstLineNumber);
  if (first.ok || looksLikeOneObject(firstLine)) {
    // JSON lines: the first line is parsed already; the rest streams line by line.
    const after = firstLineEnd === -1 ? '' : head.slice(firstLineEnd + 1);
    const rest = (async function* () {
      if (after.length > 0) yield after;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    })();
    yield* linesRecords([first], source, unwrap);
    yield* linesRecords(readJsonLines(rest, firstLineNumber + 1), source, unwrap);
    return;
  }
  let text = head;
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) text += next.value;
  yield* documentRecords(text, source, unwrap);
}

/**
 * The records of one whole JSON document; invalid JSON is one rejection naming the parser's position.
 * A text that turns out to be JSON lines with a broken first line is read as lines, keeping the good ones.
 */
export async function* documentRecords(text: string, source: string, unwrap?: RecordsUnwrapper): AsyncGenerator<JsonRecord> {
  const document = parseJsonDocument(text);
  if (document.ok) {
    yield* recordsOf(document.value, { source }, unwrap);
    return;
  }
  if (secondLineIsObject(text)) {
    yield* linesRecords(readJsonLines([text]), source, unwrap);
    return;
  }
  yield { ok: false, reason: document.reason, location: document.line === undefined ? { source } : { source, line: document.line } };
}

/** A top-level array, or an object the unwrapper opens, is a list of records; anything else is one record. */
export function* recordsOf(value: unknown, at: SourceLocation, unwrap?: RecordsUnwrapper): Generator<JsonRecord> {
  const list = Array.isArray(value) ? value : (unwrap?.(value) ?? null);
  if (list === null) {
    yield { ok: true, value, location: at };
    return;
  }
  for (let record = 0; record < list.length; record += 1) {
    yield { ok: true, value: list[record], location: { ...at, record } };
  }
}

async function* linesRecords(
  lines: AsyncIterable<JsonLine> | Iterable<JsonLine>,
  source: string,
  unwrap?: RecordsUnwrapper,
): AsyncGenerator<JsonRecord> {
  for await (const parsed of lines) {
    if (parsed.ok) yield* recordsOf(parsed.value, { source, line: parsed.line }, unwrap);
    else yield { ok: false, reason: parsed.reason, location: { source, line: parsed.line } };
  }
}

function looksLikeOneObject(line: string): boolean {
  return line.startsWith('{') && line.endsWith('}');
}

function secondLineIsObject(text: string): boolean {
  const firstStart = firstNonBlank(text);
  const firstEnd = firstStart === -1 ? -1 : text.indexOf('\n', firstStart);
  if (firstEnd === -1) return false;
  const start = firstNonBlank(text, firstEnd + 1);
  if (start === -1) return false;
  const end = text.indexOf('\n', start);
  const line = text.slice(start, end === -1 ? text.length : end).trim();
  if (!line.startsWith('{')) return false;
  const parsed = parseLine(line, 2);
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
