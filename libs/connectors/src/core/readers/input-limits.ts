/**
 * How much work one input may cause. Every reader stops at these bounds, so no file (a gzip bomb, a
 * 250 MB line, a 40,000-deep document) can take the process's memory or event loop with it.
 * The server sets the two decompression limits from its configuration (README: Configuration).
 */
export interface InputLimits {
  /** Bytes a compressed file may inflate to. */
  maxInflatedBytes: number;
  /** Inflated bytes per compressed byte; checked once a file has inflated past `INFLATE_RATIO_GRACE_BYTES`. */
  maxInflateRatio: number;
  /** Characters of one JSON line or one CSV record (its quoted line breaks included). */
  maxRecordChars: number;
  /** Characters of one CSV field: a longer one rejects its row only. */
  maxFieldChars: number;
  /**
   * Characters of a whole JSON document (CloudTrail files, JWKS, a JSON array of records): all its values are
   * held at once. Past 2 MiB it is parsed in steps (`parseJsonDocumentPaced`): one JSON.parse of 16 MiB held the event
   * loop about 200 ms (8 MiB 110 ms, 16 MiB 198 ms, 32 MiB 487 ms on the CI machine).
   */
  maxDocumentChars: number;
  /** Nesting of arrays and objects: deeper values would overflow the stack of recursive code downstream. */
  maxDepth: number;
}

export const DEFAULT_INPUT_LIMITS: Readonly<InputLimits> = {
  maxInflatedBytes: 1 << 30,
  // JSON logs gzip 10-20:1, very repetitive ones up to ~50:1; a bomb of spaces or newlines is ~1000:1.
  maxInflateRatio: 100,
  maxRecordChars: 8 << 20,
  maxFieldChars: 1 << 20,
  maxDocumentChars: 16 << 20,
  maxDepth: 128,
};

/** Small files may compress far better than any real log: the ratio is only judged past this much output. */
export const INFLATE_RATIO_GRACE_BYTES = 16 << 20;

export function inputLimits(partial?: Partial<InputLimits>): InputLimits {
  return { ...DEFAULT_INPUT_LIMITS, ...partial };
}

/** `TOO_LARGE` is an input too big to read (HTTP 413); `UNPROCESSABLE` one whose shape is refused (422). */
export type InputLimitKind = 'TOO_LARGE' | 'UNPROCESSABLE';

/**
 * An input refused because it exceeds a limit: fatal for the run (what was read so far is rolled back),
 * and the message names the source and where reading stopped.
 */
export class InputLimitError extends Error {
  readonly code = 'INPUT_LIMIT';

  constructor(
    readonly kind: InputLimitKind,
    readonly source: string,
    /** Where reading stopped: `line 12`, `after 30 MiB of decompressed text`. */
    readonly where: string,
    readonly detail: string,
  ) {
    super(`${source}: refused at ${where}: ${detail}`);
    this.name = 'InputLimitError';
  }

  /** The same refusal under another name for its source (an upload's original name for its temporary file). */
  relabel(path: string, shownAs: string): InputLimitError {
    if (this.source !== path && !this.source.startsWith(`${path}/`)) return this;
    return new InputLimitError(this.kind, shownAs + this.source.slice(path.length), this.where, this.detail);
  }
}

export function isInputLimitError(error: unknown): error is InputLimitError {
  return error instanceof InputLimitError;
}

export const formatBytes = (bytes: number): string =>
  bytes >= 1 << 30 && bytes % (1 << 30) === 0
    ? `${bytes / (1 << 30)} GiB`
    : bytes >= 1 << 20
      ? `${Math.round(bytes / (1 << 20))} MiB`
      : bytes >= 1 << 10
        ? `${Math.round(bytes / (1 << 10))} KiB`
        : `${bytes} bytes`;

/**
 * Whether a JSON text nests arrays and objects deeper than `maxDepth`. Texts with fewer opening brackets
 * than that cannot, and are answered by counting with `indexOf` (no per-character loop on ordinary records).
 */
export function exceedsJsonDepth(text: string, maxDepth: number): boolean {
  let openers = 0;
  for (let at = text.indexOf('{'); at !== -1 && openers <= maxDepth; at = text.indexOf('{', at + 1)) openers += 1;
  for (let at = text.indexOf('['); at !== -1 && openers <= maxDepth; at = text.indexOf('[', at + 1)) openers += 1;
  if (openers <= maxDepth) return false;
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index += 1;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x7b || code === 0x5b) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (code === 0x7d || code === 0x5d) {
      depth -= 1;
    }
  }
  return false;
}
