import { DEFAULT_INPUT_LIMITS, InputLimitError, exceedsJsonDepth } from './input-limits.js';
import { closingQuote, findJsonErrorOffset, scanChildren } from './json-syntax.scanner.js';
import { messageOf } from './json-value.util.js';

export type JsonDocumentResult = { ok: true; value: unknown } | { ok: false; reason: string; line?: number };

/**
 * Text parsed per step of a document. JSON.parse cannot be interrupted and a 16 MiB document took ~200 ms in
 * one piece; 1 MiB is 5–10 ms, so a reader that lets the event loop turn between steps answers in time.
 */
export const DOCUMENT_STEP_CHARS = 1 << 20;

/** Refuses a JSON text nested deeper than `maxDepth` (V8 parses it, but recursive code downstream would overflow). */
export function assertJsonDepth(text: string, maxDepth: number, source: string, where: string): void {
  if (exceedsJsonDepth(text, maxDepth)) throw tooDeep(source, where, maxDepth);
}

function tooDeep(source: string, where: string, maxDepth: number): InputLimitError {
  return new InputLimitError('UNPROCESSABLE', source, where, `JSON nested deeper than ${maxDepth} levels`);
}

/**
 * Parses a whole JSON document; on failure the reason names the parser's position as line and column.
 * A document nested deeper than `maxDepth` is refused (`InputLimitError`).
 */
export function parseJsonDocument(text: string, source = 'the input', maxDepth = DEFAULT_INPUT_LIMITS.maxDepth): JsonDocumentResult {
  const steps = parseJsonDocumentInSteps(text, source, maxDepth);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * A document of at most this many characters is parsed by one JSON.parse (`parseJsonDocumentPaced`), not in steps:
 * well under the 20 ms a reader may hold the event loop. Measured on the 2-core dev machine (load 3–7): one JSON.parse
 * of a 2 MiB CloudTrail document (2,780 records) 7.2 ms median, 18.6 ms at worst of 30, 7–8 ms in a fresh process
 * with a 128 MiB heap; a 1.5 MB file of 2,000 records 4.7 ms. The step parser's element scan and per-record
 * JSON.parse cost more than that: CloudTrail's files (~1.5 MB) read with 13% less CPU this way.
 */
export const DOCUMENT_WHOLE_PARSE_MAX_CHARS = 2 << 20;

/**
 * `parseJsonDocumentInSteps`, with a document of at most `wholeMaxChars` parsed by one JSON.parse: its value when it
 * is valid and within `maxDepth` (checked on the parsed value, which costs a fraction of a millisecond where a scan
 * of the text costs as much as the parse). Anything else (invalid, too deep) pauses once, then goes through the
 * step parser, so the reason, the line and the refusal are the step parser's.
 */
export function* parseJsonDocumentPaced(
  text: string,
  source = 'the input',
  maxDepth = DEFAULT_INPUT_LIMITS.maxDepth,
  stepChars = DOCUMENT_STEP_CHARS,
  wholeMaxChars = DOCUMENT_WHOLE_PARSE_MAX_CHARS,
): Generator<void, JsonDocumentResult, void> {
  if (text.length <= wholeMaxChars) {
    let value: unknown;
    let parsed = true;
    try {
      value = JSON.parse(text);
    } catch {
      parsed = false;
    }
    // A pause either way: the caller may let the event loop turn before the records are mapped (or the steps begin).
    yield;
    if (parsed && !nestsDeeper(value, maxDepth)) return { ok: true, value };
  }
  return yield* parseJsonDocumentInSteps(text, source, maxDepth, stepChars);
}

/** Whether a parsed value has arrays or objects nested deeper than `levels` (the value itself, if one, is level 1). */
function nestsDeeper(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (levels < 1) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (nestsDeeper(item, levels - 1)) return true;
    return false;
  }
  for (const key in value) if (nestsDeeper((value as Record<string, unknown>)[key], levels - 1)) return true;
  return false;
}

/** An array or object being built from runs of its children; only containers too large for one step get one. */
interface Frame {
  readonly opener: number;
  /** Its nesting: the document's own array or object is 1. */
  readonly depth: number;
  /** The key under which it goes in its parent object. */
  readonly key: string | null;
  value: unknown[] | Record<string, unknown> | null;
  /** Where the next run of children starts, and what may come there: a first child, a child after a separator, or `,` and the closer after one. */
  next: number;
  state: 'open' | 'separator' | 'value';
}

const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;

/**
 * `parseJsonDocument` a step at a time: it pauses (yields) after about `stepChars` of text, so a caller can let
 * the event loop turn, and returns the same value or the same reason as parsing the text in one piece.
 *
 * The document's array or object is built from runs of its children: a scan of brackets and strings finds where
 * a run of about `stepChars` ends, and JSON.parse parses that run (and so validates it). A child longer than a
 * step (CloudTrail's `Records`) is entered the same way. The scan also bounds the nesting. On an error, the text
 * from the failing run on is parsed behind brackets that put JSON.parse where the document had it, so the
 * reason and position are V8's for the whole text.
 */
export function* parseJsonDocumentInSteps(
  text: string,
  source = 'the input',
  maxDepth = DEFAULT_INPUT_LIMITS.maxDepth,
  stepChars = DOCUMENT_STEP_CHARS,
): Generator<void, JsonDocumentResult, void> {
  const start = skipSpace(text, 0);
  const first = text.charCodeAt(start);
  if (first !== OPEN_ARRAY && first !== OPEN_OBJECT) return parseWhole(text);
  if (maxDepth < 1) throw tooDeep(source, `line ${lineAndColumn(text, start).line}`, maxDepth);
  const frames: Frame[] = [{ opener: first, depth: 1, key: null, value: null, next: start + 1, state: 'open' }];
  const search = new ForwardSearch(text);
  let sincePause = 0;
  for (;;) {
    const frame = frames[frames.length - 1]!;
    const from = frame.next;
    if (frame.opener === OPEN_ARRAY && frame.state !== 'value') {
      const taken = addObjectElements(frame, search, from + stepChars, maxDepth - frame.depth);
      if (taken > from) {
        sincePause += taken - from;
        if (sincePause >= stepChars) {
          yield;
          sincePause = 0;
        }
        continue;
      }
    }
    // The document's own members are taken one at a time, and one holding an array (CloudTrail's `Records`, SCIM's
    // `Resources`) is entered at once rather than scanned a step into first.
    const memberAtATime = frame.opener === OPEN_OBJECT && frame.depth === 1;
    if (memberAtATime && frame.state !== 'value') {
      const child = childFrame(frame, text);
      if (child !== null && child.opener === OPEN_ARRAY) {
        if (child.depth > maxDepth) throw tooDeep(source, `line ${lineAndColumn(text, child.next - 1).line}`, maxDepth);
        frames.push(child);
        continue;
      }
    }
    const scan = scanChildren(text, from, memberAtATime ? from : from + stepChars, stepChars, maxDepth - frame.depth);
    sincePause += scan.at - from;
    if (scan.stop === 'deep') throw tooDeep(source, `line ${lineAndColumn(text, scan.at).line}`, maxDepth);
    if (scan.stop === 'end') return failure(text, frames, from);
    if (scan.stop === 'cut') {
      if (!addRun(frame, text, from, scan.at)) return failure(text, frames, from);
      frame.next = scan.at + 1;
      frame.state = 'separator';
    } else if (scan.stop === 'large') {
      if (scan.childStart > from) {
        if (!addRun(frame, text, from, scan.childStart - 1)) return failure(text, frames, from);
        frame.next = scan.childStart;
        frame.state = 'separator';
      }
      const child = childFrame(frame, text);
      if (child === null) return failure(text, frames, frame.next);
      frames.push(child);
    } else {
      if (text.charCodeAt(scan.at) !== frame.opener + 2 || !addRun(frame, text, from, scan.at, true)) return failure(text, frames, from);
      frames.pop();
      const value = frame.value ?? (frame.opener === OPEN_ARRAY ? [] : {});
      const after = skipSpace(text, scan.at + 1);
      const parent = frames[frames.length - 1];
      if (parent === undefined) return after < text.length ? failure(text, frames, after) : { ok: true, value };
      addChild(parent, frame.key, value);
      parent.state = 'value';
      parent.next = after;
      if (text.charCodeAt(after) === 0x2c) {
        parent.next = after + 1;
        parent.state = 'separator';
      } else if (text.charCodeAt(after) !== parent.opener + 2) {
        return failure(text, frames, after);
      }
    }
    if (sincePause >= stepChars) {
      yield;
      sincePause = 0;
    }
  }
}

/** An object element longer than this is left to the scan. */
const ELEMENT_MAX_CHARS = 1 << 16;

/**
 * Takes the array's object elements (CloudTrail records, an array of events) one by one without scanning their
 * characters: an element runs from its `{` to a `},` where its braces balance, and it is parsed alone. A text that
 * parses whole as one value ends where the document's element ends (JSON.parse reads from the element's start in
 * the state the document had there), so a `},` inside a string or a nested array is never taken for the end: its
 * braces do not balance, or the piece does not parse. Brackets counted bound the nesting. Returns `frame.next`,
 * moved past the elements taken (up to `until`); anything else (the last element, a long one, one that does not
 * parse, another kind of value) is left to the scan.
 */
function addObjectElements(frame: Frame, search: ForwardSearch, until: number, maxNesting: number): number {
  const text = search.text;
  while (frame.next < until) {
    const start = skipSpace(text, frame.next);
    if (text.charCodeAt(start) !== OPEN_OBJECT) break;
    let end = start;
    let opens = 0;
    let closes = 0;
    for (;;) {
      const next = search.next('},', end);
      if (next === -1 || next - start > ELEMENT_MAX_CHARS) return frame.next;
      opens += search.count('{', end, next + 1);
      closes += search.count('}', end, next + 1);
      end = next + 1;
      if (opens === closes) break;
    }
    if (opens + search.count('[', start, end) > maxNesting) break;
    let value: unknown;
    try {
      value = JSON.parse(text.slice(start, end));
    } catch {
      break;
    }
    addChild(frame, null, value);
    frame.next = end + 1;
    frame.state = 'separator';
  }
  return frame.next;
}

/**
 * `indexOf` for a text read forwards: the occurrence found for each pattern is kept, so a pattern absent for a long
 * stretch (no `[` in any record) is searched for once, not once per element.
 */
class ForwardSearch {
  private readonly found = new Map<string, { from: number; at: number }>();

  constructor(readonly text: string) {}

  /** The first occurrence of `pattern` at or after `from`, or -1. */
  next(pattern: string, from: number): number {
    const known = this.found.get(pattern);
    if (known !== undefined && known.from <= from && (known.at === -1 || known.at >= from)) return known.at;
    const at = this.text.indexOf(pattern, from);
    this.found.set(pattern, { from, at });
    return at;
  }

  /** Occurrences of `pattern` from `from` to before `to`. */
  count(pattern: string, from: number, to: number): number {
    let count = 0;
    for (let at = this.next(pattern, from); at !== -1 && at < to; at = this.next(pattern, at + 1)) count += 1;
    return count;
  }
}

/**
 * Parses the children from `from` to `to` (no separator at either end) into the frame; false when they are not
 * valid JSON. Only a run that ends at the closer may be empty, and not after a separator.
 */
function addRun(frame: Frame, text: string, from: number, to: number, closing = false): boolean {
  if (skipSpace(text, from) >= to) return closing && frame.state !== 'separator';
  let run: unknown[] | Record<string, unknown>;
  try {
    run = JSON.parse(frame.opener === OPEN_ARRAY ? `[${text.slice(from, to)}]` : `{${text.slice(from, to)}}`) as unknown[] | Record<string, unknown>;
  } catch {
    return false;
  }
  if (frame.value === null) {
    frame.value = run;
  } else if (Array.isArray(run)) {
    const list = frame.value as unknown[];
    for (const item of run) list.push(item);
  } else {
    for (const key of Object.keys(run)) addChild(frame, key, run[key]);
  }
  frame.state = 'value';
  return true;
}

function addChild(frame: Frame, key: string | null, value: unknown): void {
  if (frame.value === null) frame.value = frame.opener === OPEN_ARRAY ? [] : {};
  if (Array.isArray(frame.value)) frame.value.push(value);
  // Defined, not assigned: a `__proto__` key is data, as JSON.parse makes it (a later duplicate replaces the value in place, as there).
  else Object.defineProperty(frame.value, key!, { value, writable: true, enumerable: true, configurable: true });
}

/** The frame of the child at `frame.next` (its key read for an object), or null when the text there is not a member opening an array or object. */
function childFrame(frame: Frame, text: string): Frame | null {
  let at = skipSpace(text, frame.next);
  let key: string | null = null;
  if (frame.opener === OPEN_OBJECT) {
    const close = text.charCodeAt(at) === 0x22 ? closingQuote(text, at) : -1;
    if (close === -1) return null;
    try {
      key = JSON.parse(text.slice(at, close + 1)) as string;
    } catch {
      return null;
    }
    at = skipSpace(text, close + 1);
    if (text.charCodeAt(at) !== 0x3a) return null;
    at = skipSpace(text, at + 1);
  }
  const opener = text.charCodeAt(at);
  if (opener !== OPEN_ARRAY && opener !== OPEN_OBJECT) return null;
  return { opener, depth: frame.depth + 1, key, value: null, next: at + 1, state: 'open' };
}

/**
 * The reason a document is invalid, found by JSON.parse on the text from `from` on, behind a prefix that puts
 * it in the state the open frames had there (their brackets, a member name, a value, a separator): the parts
 * already parsed were valid, so the first error it meets is the document's first error.
 */
function failure(text: string, frames: readonly Frame[], from: number): JsonDocumentResult {
  let prefix = '';
  frames.forEach((frame, index) => {
    prefix += String.fromCharCode(frame.opener);
    const inner = index < frames.length - 1;
    // `null`, not a number, which the text after it could extend (`0` then `1` reads as `01`).
    const placeholder = frame.opener === OPEN_ARRAY ? 'null' : '"":null';
    if (inner) prefix += frame.opener === OPEN_OBJECT ? '"":' : '';
    else if (frame.state === 'value') prefix += placeholder;
    else if (frame.state === 'separator') prefix += `${placeholder},`;
  });
  // After the document's own closer: a value was read, anything but space is an error.
  if (frames.length === 0) prefix = 'null';
  const parsed = prefix + text.slice(from);
  try {
    JSON.parse(parsed);
  } catch (error) {
    return located(locate(error, parsed, text, from - prefix.length));
  }
  // Not reached for a text the runs refused; the one-piece parse has the last word.
  return parseWhole(text);
}

function parseWhole(text: string): JsonDocumentResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return located(locateJsonSyntaxError(error, text));
  }
}

function located({ reason, line }: { reason: string; line?: number }): JsonDocumentResult {
  return line === undefined ? { ok: false, reason } : { ok: false, reason, line };
}

function skipSpace(text: string, from: number): number {
  let at = from;
  for (;;) {
    const code = text.charCodeAt(at);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return at;
    at += 1;
  }
}

export function describeJsonSyntaxError(error: unknown, text: string): string {
  return locateJsonSyntaxError(error, text).reason;
}

/**
 * V8's message, stripped of the quoted input it sometimes carries (source data may be sensitive),
 * with the byte position turned into a line and column a person can open in an editor.
 */
export function locateJsonSyntaxError(error: unknown, text: string): { reason: string; line?: number } {
  return locate(error, text, text, 0);
}

/** `locateJsonSyntaxError` for an error JSON.parse raised on `parsed`, whose offset `o` is `o + shift` in `text`. */
function locate(error: unknown, parsed: string, text: string, shift: number): { reason: string; line?: number } {
  const message = messageOf(error);
  // V8 quotes the text around the error, cut short with "..." on either side of a long one.
  const withoutSnippet = message.replace(/,\s*(?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '').replace(/\s*\(line \d+ column \d+\)$/, '');
  const position = /at position (\d+)/.exec(withoutSnippet);
  // V8 names no position for an unexpected token: the scanner finds it (only ever run on failure).
  const inParsed = position ? Number(position[1]) : findJsonErrorOffset(parsed);
  const offset = inParsed < 0 ? -1 : inParsed + shift;
  const what = withoutSnippet
    .replace(/\s*in JSON at position \d+/, '')
    .replace(/\s*at position \d+/, '')
    .replace(/[\n\r\t]/g, (char) => JSON.stringify(char).slice(1, -1));
  if (offset < 0) return { reason: `invalid JSON: ${what}` };
  if (offset >= text.trimEnd().length) {
    const { line, column } = lineAndColumn(text, text.trimEnd().length);
    return { reason: `invalid JSON: unexpected end of input at line ${line}, column ${column} (truncated?)`, line };
  }
  const { line, column } = lineAndColumn(text, offset);
  return { reason: `invalid JSON at line ${line}, column ${column} (position ${offset}): ${what}`, line };
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let index = text.indexOf('\n'); index !== -1 && index < end; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: end - lineStart + 1 };
}
