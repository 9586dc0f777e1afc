import { DEFAULT_INPUT_LIMITS, InputLimitError, formatBytes } from './input-limits.js';
import { assertJsonDepth, describeJsonSyntaxError } from './json-document.reader.js';
import { textProblem } from './source-text.decoder.js';

/** What a line may cost, and the source named when it costs more. */
export interface LineBounds {
  source: string;
  maxRecordChars: number;
  maxDepth: number;
}

const UNNAMED_BOUNDS: LineBounds = { source: 'the input', maxRecordChars: DEFAULT_INPUT_LIMITS.maxRecordChars, maxDepth: DEFAULT_INPUT_LIMITS.maxDepth };

/** One line of a JSON lines stream: its 1-based number and the parsed value or why it could not be parsed. */
export type JsonLine = { line: number; ok: true; value: unknown } | { line: number; ok: false; reason: string };

/**
 * Splits a text stream into JSON lines and parses each on its own, so a bad line costs only itself.
 * Blank lines are skipped (they carry nothing); `\r\n` endings are whitespace to JSON.parse.
 */
export async function* readJsonLines(
  chunks: AsyncIterable<string> | Iterable<string>,
  firstLine = 1,
  bounds: LineBounds = UNNAMED_BOUNDS,
): AsyncGenerator<JsonLine> {
  const splitter = new JsonLineSplitter(firstLine, bounds);
  for await (const chunk of chunks) yield* splitter.push(chunk);
  yield* splitter.end();
}

/**
 * The synchronous core of `readJsonLines`: fed the text chunk by chunk, it parses every complete line at
 * once (a line cut by a chunk boundary waits for the next chunk), so a caller can handle a chunk's lines
 * as one batch instead of one asynchronous step per line.
 */
export class JsonLineSplitter {
  private pending = '';
  private line: number;

  constructor(
    firstLine = 1,
    private readonly bounds: LineBounds = UNNAMED_BOUNDS,
  ) {
    this.line = firstLine - 1;
  }

  /** The lines the chunk completes, parsed, added to `out`. */
  push(chunk: string, out: JsonLine[] = []): JsonLine[] {
    // Checked once for the whole chunk: when it holds no invalid bytes or NUL, neither does a line within it
    // (a line joined with text of the previous chunk is checked on its own: an escape may span the two).
    const clean = textProblem(chunk) === null;
    let start = 0;
    let newline = chunk.indexOf('\n');
    while (newline !== -1) {
      this.line += 1;
      const joined = this.pending.length > 0;
      const text = joined ? this.pending + chunk.slice(start, newline) : chunk.slice(start, newline);
      this.pending = '';
      if (text.length > this.bounds.maxRecordChars) throw this.tooLong(this.line);
      if (!isBlank(text)) out.push(parseLine(text, this.line, this.bounds, clean && !joined));
      start = newline + 1;
      newline = chunk.indexOf('\n', start);
    }
    if (start < chunk.length) this.pending += start === 0 ? chunk : chunk.slice(start);
    // A line without an end in sight is refused rather than held: a 250 MB line would be 500 MB of heap.
    if (this.pending.length > this.bounds.maxRecordChars) throw this.tooLong(this.line + 1);
    return out;
  }

  private tooLong(line: number): InputLimitError {
    return new InputLimitError('TOO_LARGE', this.bounds.source, `line ${line}`, `a line longer than ${formatBytes(this.bounds.maxRecordChars)} is not a record`);
  }

  /** The last line, when the text does not end with a line break. */
  end(out: JsonLine[] = []): JsonLine[] {
    if (!isBlank(this.pending)) out.push(parseLine(this.pending, this.line + 1, this.bounds));
    this.pending = '';
    return out;
  }
}

/** Parses one line; `textChecked` when `textProblem` already found nothing in a text holding it. */
export function parseLine(text: string, line: number, bounds: LineBounds = UNNAMED_BOUNDS, textChecked = false): JsonLine {
  const problem = textChecked ? null : textProblem(text);
  if (problem !== null) return { line, ok: false, reason: problem };
  assertJsonDepth(text, bounds.maxDepth, bounds.source, `line ${line}`);
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
