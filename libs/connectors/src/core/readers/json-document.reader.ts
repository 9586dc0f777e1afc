import { DEFAULT_INPUT_LIMITS, InputLimitError, exceedsJsonDepth } from './input-limits.js';
import { findJsonErrorOffset } from './json-syntax.scanner.js';
import { messageOf } from './json-value.util.js';

export type JsonDocumentResult = { ok: true; value: unknown } | { ok: false; reason: string; line?: number };

/** Refuses a JSON text nested deeper than `maxDepth` (V8 parses it, but recursive code downstream would overflow). */
export function assertJsonDepth(text: string, maxDepth: number, source: string, where: string): void {
  if (exceedsJsonDepth(text, maxDepth)) {
    throw new InputLimitError('UNPROCESSABLE', source, where, `JSON nested deeper than ${maxDepth} levels`);
  }
}

/**
 * Parses a whole JSON document; on failure the reason names the parser's position as line and column.
 * A document nested deeper than `maxDepth` is refused (`InputLimitError`).
 */
export function parseJsonDocument(text: string, source = 'the input', maxDepth = DEFAULT_INPUT_LIMITS.maxDepth): JsonDocumentResult {
  assertJsonDepth(text, maxDepth, source, 'line 1');
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const { reason, line } = locateJsonSyntaxError(error, text);
    return line === undefined ? { ok: false, reason } : { ok: false, reason, line };
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
  const message = messageOf(error);
  const withoutSnippet = message.replace(/,\s*(?:\.\.\.)?".*" is not valid JSON$/s, '').replace(/\s*\(line \d+ column \d+\)$/, '');
  const position = /at position (\d+)/.exec(withoutSnippet);
  // V8 names no position for an unexpected token: the scanner finds it (only ever run on failure).
  const offset = position ? Number(position[1]) : findJsonErrorOffset(text);
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
