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
