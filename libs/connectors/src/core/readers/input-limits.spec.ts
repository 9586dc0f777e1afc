import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { type CsvReadResult, readCsv } from './csv-reader.js';
import { InputLimitError, exceedsJsonDepth } from './input-limits.js';
import { type JsonRecord, readJsonRecords } from './json-records.reader.js';
import { bufferToText, readText } from './json-text.reader.js';

const dir = mkdtempSync(join(tmpdir(), 'pb-input-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;
function file(content: string | Buffer, name = `f${(counter += 1)}.json`): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function drain<T>(records: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const record of records) out.push(record);
  return out;
}

async function refusal(records: AsyncIterable<unknown>): Promise<InputLimitError> {
  try {
    await drain(records);
  } catch (error) {
    if (error instanceof InputLimitError) return error;
    throw error;
  }
  throw new Error('expected the input to be refused');
}

/** Depth by brute force on a value (the oracle for the text scanner). */
function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (typeof value === 'object' && value !== null) return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

describe('input limits', () => {
  it('exceedsJsonDepth agrees with the depth of the parsed value, brackets inside strings included', () => {
    const leaf = fc.oneof(fc.string(), fc.constantFrom('[', ']', '{', '}', '"[', '\\"{'), fc.integer(), fc.boolean(), fc.constant(null));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'large', maxDepth: 12 }, leaf, fc.array(tie('tree'), { maxLength: 3 }), fc.dictionary(fc.string(), tie('tree'), { maxKeys: 3 })),
    }));
    fc.assert(
      fc.property(tree, fc.integer({ min: 0, max: 12 }), (value, max) => {
        expect(exceedsJsonDepth(JSON.stringify(value), max)).toBe(depthOf(value) > max);
      }),
    );
  });

  it('refuses a 40,000-deep JSON document as unprocessable, naming the file and line', async () => {
    const path = file('['.repeat(40_000) + ']'.repeat(40_000));
    const error = await refusal(readJsonRecords(path));
    expect(error.kind).toBe('UNPROCESSABLE');
    expect(error.message).toBe(`${path}: refused at line 1: JSON nested deeper than 128 levels`);
  });

  it('refuses a deep JSON line at its line number, after the lines before it', async () => {
    const path = file(`{"n":1}\n{"n":2}\n{"deep":${'['.repeat(200)}${']'.repeat(200)}}\n`);
    const error = await refusal(readJsonRecords(path));
    expect(error.where).toBe('line 3');
  });

  it('refuses a JSON line longer than the record limit where it starts, streamed or not', async () => {
    const text = `{"n":1}\n{"n":"${'x'.repeat(5000)}"}\n{"n":3}\n`;
    for (const wholeTextMaxBytes of [0, 1 << 20]) {
      const error = await refusal(readJsonRecords(file(text), { wholeTextMaxBytes, limits: { maxRecordChars: 1000 } }));
      expect([error.kind, error.where]).toEqual(['TOO_LARGE', 'line 2']);
    }
  });

  it('still reads every line of a file whose lines are all within the limits', async () => {
    const path = file(`{"n":1}\n\n{"n":2}\n`);
    const records = await drain(readJsonRecords(path, { limits: { maxRecordChars: 10, maxDepth: 1 } }));
    expect(records.map((r: JsonRecord) => r.ok && r.value)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('refuses a gzip file that inflates past the byte limit, and one that inflates past the ratio', async () => {
    const spaces = gzipSync(Buffer.alloc(40 << 20, 0x20));
    const path = file(spaces, 'spaces.json.gz');
    // Small enough to be read in one piece, large enough to be streamed: both ways refuse it.
    for (const wholeTextMaxBytes of [64 << 20, 0]) {
      const bySize = await refusal(readJsonRecords(path, { wholeTextMaxBytes, limits: { maxInflatedBytes: 1 << 20, maxInflateRatio: 1e6 } }));
      expect(bySize.message).toMatch(/refused at \d+ MiB of decompressed text: the file inflates to more than 1 MiB \(POSTUREBOARD_INGEST_MAX_INFLATED_BYTES\)/);
      const byRatio = await refusal(readJsonRecords(path, { wholeTextMaxBytes }));
      expect(byRatio.message).toContain('inflates more than 100 times its compressed size');
    }
  });

  it('does not hold a file of blank lines while looking for its first record', async () => {
    const path = file(Buffer.concat([Buffer.alloc(3 << 20, 0x0a), Buffer.from('{"n":1}\n')]));
    const records = await drain(readJsonRecords(path, { wholeTextMaxBytes: 0, limits: { maxRecordChars: 1000, maxDocumentChars: 1000 } }));
    expect(records).toEqual([{ ok: true, value: { n: 1 }, location: { source: path, line: (3 << 20) + 1 } }]);
  });

  it('refuses a document larger than the document limit instead of parsing it whole', async () => {
    const path = file(JSON.stringify({ Records: Array.from({ length: 200 }, (_, n) => ({ n })) }));
    await expect(readText(path, { limits: { maxDocumentChars: 500 } })).rejects.toThrow(/refused at line 1: a JSON document larger than 500 bytes/);
    const error = await refusal(readJsonRecords(path, { format: 'document', limits: { maxDocumentChars: 500 } }));
    expect(error.kind).toBe('TOO_LARGE');
    expect(() => bufferToText(gzipSync(Buffer.alloc(4096, 0x20)), 's3://b/k', { maxDocumentChars: 1000 })).toThrow('s3://b/k: refused at 1000 bytes of text');
  });

  it('renames the source of a refusal for an upload, and only when it is that path', () => {
    const error = new InputLimitError('TOO_LARGE', '/tmp/pb-upload-1/x.json', 'line 2', 'too long');
    expect(error.relabel('/tmp/pb-upload-1/x.json', 'upload:x.json').message).toBe('upload:x.json: refused at line 2: too long');
    expect(error.relabel('/other', 'upload:y').message).toBe(error.message);
  });

  describe('CSV', () => {
    const header = 'employee_id,email\n';
    const csv = (path: string, maxRecordChars = 1000, maxFieldChars = 100): AsyncIterable<CsvReadResult> =>
      readCsv(path, { requiredColumns: ['employee_id', 'email'], limits: { maxRecordChars, maxFieldChars } });

    it('refuses a single line longer than the record limit at its line, before reading it whole', async () => {
      const path = file(`${header}1,a@x.io\n2,${'b'.repeat(1 << 20)}\n3,c@x.io\n`, 'line.csv');
      const error = await refusal(csv(path));
      expect(error.message).toBe(`${path}: refused at line 3: a CSV record longer than 1000 bytes`);
    });

    it('counts an unterminated quote as one record that grows until refused', async () => {
      const path = file(`${header}1,a@x.io\n2,"open\n${'z,z\n'.repeat(1000)}`, 'quote.csv');
      const error = await refusal(csv(path));
      expect([error.where, error.detail]).toEqual(['line 3', 'a CSV record longer than 1000 bytes (an unterminated quoted value?)']);
    });

    it('accepts quoted line breaks and escaped quotes within the limit', async () => {
      const path = file(`${header}1,"a ""quoted""\nvalue"\n2,b@x.io\n`, 'ok.csv');
      const rows = await drain(csv(path, 30));
      expect(rows.map((row) => row.ok && row.line)).toEqual([2, 4]);
    });

    it('rejects only the row with a field longer than the field limit', async () => {
      const path = file(`${header}1,${'f'.repeat(101)}\n2,b@x.io\n`, 'field.csv');
      const rows = await drain(csv(path));
      expect(rows).toEqual([
        { ok: false, line: 2, field: 'email', reason: 'a field longer than 100 bytes' },
        { ok: true, line: 3, values: { employee_id: '2', email: 'b@x.io' } },
      ]);
    });

    it('quotes a wrong header in bounded form', async () => {
      const names = Array.from({ length: 5000 }, (_, n) => `column_${n}_${'x'.repeat(100)}`);
      const path = file(`${names.join(',')}\n`, 'header.csv');
      const [problem] = await drain(csv(path, 1 << 22));
      expect(problem.ok).toBe(false);
      expect(!problem.ok && problem.reason.length).toBeLessThan(1500);
      expect(!problem.ok && problem.reason).toContain('… 4980 more');
    });
  });
});
