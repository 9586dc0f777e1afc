import fc from 'fast-check';
import { type JsonLine, JsonLineSplitter, parseLine, readJsonLines } from './json-lines.reader.js';
import { NOT_UTF8_MARK } from './source-text.decoder.js';

async function collect(chunks: string[]): Promise<JsonLine[]> {
  const lines: JsonLine[] = [];
  for await (const line of readJsonLines(chunks)) lines.push(line);
  return lines;
}

describe('readJsonLines', () => {
  it('numbers each line and parses it on its own', async () => {
    const lines = await collect(['{"a":1}\n{"a":2}\n']);
    expect(lines).toEqual([
      { line: 1, ok: true, value: { a: 1 } },
      { line: 2, ok: true, value: { a: 2 } },
    ]);
  });

  it('rejects a bad line with its number and column while the lines around it still land', async () => {
    const lines = await collect(['{"a":1}\n{"a":,}\n{"a":3}']);
    expect(lines.map((line) => [line.line, line.ok])).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ]);
    const bad = lines[1];
    expect(bad?.ok === false && bad.reason).toMatch(/^invalid JSON at column 6 \(position 5\)/);
  });

  it('skips blank lines but keeps counting them, and reads CRLF endings', async () => {
    const lines = await collect(['{"a":1}\r\n\r\n   \n{"a":2}\r\n']);
    expect(lines).toEqual([
      { line: 1, ok: true, value: { a: 1 } },
      { line: 4, ok: true, value: { a: 2 } },
    ]);
  });

  it('does not quote the offending line in its reason (source data may be secret)', async () => {
    const [bad] = await collect(['{"password": hunter2}\n']);
    expect(bad?.ok).toBe(false);
    expect(JSON.stringify(bad)).not.toContain('hunter2');
  });

  it('reads the same lines however the text is cut into chunks', async () => {
    const records = fc.array(fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.integer(), fc.string({ maxLength: 6 }))), {
      maxLength: 8,
    });
    await fc.assert(
      fc.asyncProperty(records, fc.array(fc.nat(), { maxLength: 6 }), async (values, cuts) => {
        const text = values.map((value) => JSON.stringify(value)).join('\n');
        const points = [...new Set(cuts.map((cut) => (text.length === 0 ? 0 : cut % text.length)))].sort((a, b) => a - b);
        const chunks = [0, ...points].map((start, index, all) => text.slice(start, all[index + 1] ?? text.length));
        const lines = await collect(chunks);
        expect(lines.map((line) => (line.ok ? line.value : line.reason))).toEqual(values);
      }),
    );
  });

  it('rejects exactly the lines holding a NUL, an escaped NUL or invalid bytes, however the text is cut into chunks', () => {
    const bad = fc.constantFrom('\u0000', '\\u0000', NOT_UTF8_MARK);
    const line = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
      fc.tuple(fc.string({ maxLength: 6 }), bad, fc.string({ maxLength: 6 })).map(([a, b, c]) => JSON.stringify(a + b + c)),
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 8 }), (lines, cuts) => {
        const text = lines.join('\n');
        const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
        const splitter = new JsonLineSplitter();
        const out: JsonLine[] = [];
        let from = 0;
        for (const point of [...points, text.length]) {
          splitter.push(text.slice(from, point), out);
          from = point;
        }
        splitter.end(out);
        // Each line on its own, checked on its own, is the oracle.
        const expected = lines.map((one, index) => parseLine(one, index + 1)).filter((_, index) => lines[index]!.trim() !== '');
        expect(out).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
