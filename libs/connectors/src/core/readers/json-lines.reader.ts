import { describeJsonSyntaxError } from './json-document.reader.js';

/** One line of a JSON lines stream: its 1-based number and the parsed value or why it could not be parsed. */
export type JsonLine = { line: number; ok: true; value: unknown } | { line: number; ok: false; reason: string };

/**
 * Splits a text stream into JSON lines and parses each on its own, so a bad line costs only itself.
 * Blank lines are skipped (they carry nothing); `\r\n` endings are whitespace to JSON.parse.
 */
export async function* readJsonLines(chunks: AsyncIterable<string> | Iterable<string>, firstLine = 1): AsyncGenerator<JsonLine> {
  let pending = '';
  let line = firstLine - 1;
  for await (const chunk of chunks) {
    let start = 0;
    let newline = chunk.indexOf('\n');
    while (newline !== -1) {
      line += 1;
      const text = pending.length > 0 ? pending + chunk.slice(start, newline) : chunk.slice(start, newline);
      pending = '';
      if (!isBlank(text)) yield parseLine(text, line);
      start = newline + 1;
      newline = chunk.indexOf('\n', start);
    }
    if (start < chunk.length) pending += start === 0 ? chunk : chunk.slice(start);
  }
  if (!isBlank(pending)) yield parseLine(pending, line + 1);
}

export function parseLine(text: string, line: number): JsonLine {
  try {
    return { line, ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { line, ok: false, reason: describeJsonSyntaxError(error, text).replace(/ at line 1, column (\d+)/, ' at column $1') };
  }
}

function isBlank(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0d && code !== 0x0a) return false;
  }
  return true;
}
