/**
 * Finds the offset of the first syntax error in a JSON text, for the messages where V8 names none
 * ("Unexpected token"). It validates without building values and is only run on text that failed to parse.
 * Returns the text length when the text ends too early, or -1 when it finds no error.
 */
export function findJsonErrorOffset(text: string): number {
  const scanner = new Scanner(text);
  try {
    scanner.skipSpace();
    scanner.value(0);
    scanner.skipSpace();
    return scanner.at < text.length ? scanner.at : -1;
  } catch (error) {
    if (error instanceof ScanError) return error.offset;
    throw error;
  }
}

class ScanError {
  constructor(readonly offset: number) {}
}

/** Nesting deeper than this is treated as an error rather than risking the call stack. */
const MAX_DEPTH = 10_000;

class Scanner {
  at = 0;

  constructor(private readonly text: string) {}

  value(depth: number): void {
    if (depth > MAX_DEPTH) this.fail();
    const char = this.text[this.at];
    if (char === '{') return this.object(depth);
    if (char === '[') return this.array(depth);
    if (char === '"') return this.string();
    if (char === 't') return this.literal('true');
    if (char === 'f') return this.literal('false');
    if (char === 'n') return this.literal('null');
    return this.number();
  }

  object(depth: number): void {
    this.at += 1;
    this.skipSpace();
    if (this.text[this.at] === '}') {
      this.at += 1;
      return;
    }
    for (;;) {
      if (this.text[this.at] !== '"') this.fail();
      this.string();
      this.skipSpace();
      this.expect(':');
      this.skipSpace();
      this.value(depth + 1);
      this.skipSpace();
      if (this.text[this.at] === '}') {
        this.at += 1;
        return;
      }
      this.expect(',');
      this.skipSpace();
    }
  }

  array(depth: number): void {
    this.at += 1;
    this.skipSpace();
    if (this.text[this.at] === ']') {
      this.at += 1;
      return;
    }
    for (;;) {
      this.value(depth + 1);
      this.skipSpace();
      if (this.text[this.at] === ']') {
        this.at += 1;
        return;
      }
      this.expect(',');
      this.skipSpace();
    }
  }

  string(): void {
    this.at += 1;
    while (this.at < this.text.length) {
      const code = this.text.charCodeAt(this.at);
      if (code === 0x22) {
        this.at += 1;
        return;
      }
      if (code < 0x20) this.fail();
      if (code === 0x5c) {
        const escape = this.text[this.at + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 2, this.at + 6))) this.fail(this.at + 1);
          this.at += 6;
          continue;
        }
        if (escape === undefined || !'"\\/bfnrt'.includes(escape)) this.fail(this.at + 1);
        this.at += 2;
        continue;
      }
      this.at += 1;
    }
    this.fail();
  }

  number(): void {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.at, this.at + 400));
    if (!match || match[0] === '' || match[0] === '-') this.fail();
    this.at += match[0].length;
  }

  literal(word: string): void {
    for (let index = 0; index < word.length; index += 1) {
      if (this.text[this.at + index] !== word[index]) this.fail(this.at + index);
    }
    this.at += word.length;
  }

  expect(char: string): void {
    if (this.text[this.at] !== char) this.fail();
    this.at += 1;
  }

  skipSpace(): void {
    for (;;) {
      const code = this.text.charCodeAt(this.at);
      if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return;
      this.at += 1;
    }
  }

  fail(offset = this.at): never {
    throw new ScanError(Math.min(offset, this.text.length));
  }
}

/**
 * Where `scanChildren` stopped: `cut` at a separator after the run limit, `close` at the container's closer,
 * `large` inside a child longer than the child limit (from `childStart`), `deep` at an opener nesting deeper
 * than allowed, `end` when the text ended first. `at` is the offset of that character.
 */
export interface ChildrenScan {
  stop: 'cut' | 'close' | 'large' | 'deep' | 'end';
  at: number;
  /** Where the child being scanned when it stopped begins (just after the last separator). */
  childStart: number;
}

/**
 * Scans the children of an array or object from `from` (just inside its opener or after a separator) for
 * where a run of them can be cut: brackets and strings only, no values built, no validation (the run is
 * parsed afterwards, and that parse finds any syntax error). A run ends at the first separator at the
 * container's own level past `cutAfter`, or at its closer; it stops early in a child longer than
 * `childMaxChars` (to be descended into) or nested more than `maxNesting` levels below the container.
 */
export function scanChildren(text: string, from: number, cutAfter: number, childMaxChars: number, maxNesting: number): ChildrenScan {
  const length = text.length;
  let depth = 0;
  let childStart = from;
  for (let at = from; at < length; at += 1) {
    const code = text.charCodeAt(at);
    if (code === 0x22) {
      at = closingQuote(text, at);
      if (at === -1) break;
    } else if (code === 0x7b || code === 0x5b) {
      depth += 1;
      if (depth > maxNesting) return { stop: 'deep', at, childStart };
      if (at - childStart > childMaxChars) return { stop: 'large', at, childStart };
    } else if (code === 0x7d || code === 0x5d) {
      if (depth === 0) return { stop: 'close', at, childStart };
      depth -= 1;
    } else if (code === 0x2c && depth === 0) {
      if (at >= cutAfter) return { stop: 'cut', at, childStart };
      childStart = at + 1;
    }
  }
  return { stop: 'end', at: length, childStart };
}

/** The offset of the quote closing the string opened at `open`, or -1 (quotes escaped by an odd run of backslashes are data). */
export function closingQuote(text: string, open: number): number {
  let at = text.indexOf('"', open + 1);
  while (at !== -1 && text.charCodeAt(at - 1) === 0x5c) {
    let slashes = 1;
    while (text.charCodeAt(at - 1 - slashes) === 0x5c) slashes += 1;
    if (slashes % 2 === 0) break;
    at = text.indexOf('"', at + 1);
  }
  return at;
}
