import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { csvRejection, readCsv, readCsvStream, type CsvReadResult } from './csv-reader.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'csv-reader-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function readAll(path: string, requiredColumns: readonly string[] = ['a', 'b']): Promise<CsvReadResult[]> {
  const out: CsvReadResult[] = [];
  for await (const result of readCsv(path, { requiredColumns })) out.push(result);
  return out;
}

describe('readCsv', () => {
  it('yields rows keyed by header name with their physical line, counting line breaks inside quoted values', async () => {
    const path = file('multiline.csv', 'a,b\r\n1,"two\r\nlines"\r\n\r\n3,4\r\n');
    expect(await readAll(path)).toEqual([
      { ok: true, line: 2, values: { a: '1', b: 'two\r\nlines' } },
      // line 2-3 is the quoted value, line 4 is blank
      { ok: true, line: 5, values: { a: '3', b: '4' } },
    ]);
  });

  it('matches header names case-insensitively, strips a byte-order mark and keeps extra columns out of the way', async () => {
    const path = file('bom.csv', '\uFEFF A ,B,Extra\n1,2,3');
    expect(await readAll(path)).toEqual([{ ok: true, line: 2, values: { a: '1', b: '2', extra: '3' } }]);
  });

  it('rejects a header without the required columns once, naming every missing column, and reads no rows', async () => {
    const path = file('missing.csv', 'a,c\n1,2\n3,4\n');
    const results = await readAll(path, ['a', 'b', 'd']);
    expect(results).toEqual([
      { ok: false, line: 1, field: 'b', reason: 'header is missing required columns b, d (found: a, c)' },
    ]);
  });

  it('reports rows with the wrong number of fields by line and still yields the good rows around them', async () => {
    const path = file('count.csv', 'a,b\n1,2\n3\n4,5,6\n7,8\n');
    const results = await readAll(path);
    expect(results.map((r) => [r.line, r.ok])).toEqual([[2, true], [3, false], [4, false], [5, true]]);
    expect(results[1]).toMatchObject({ reason: 'expected 2 fields (one per header column), found 1: the row is incomplete or the file is truncated' });
    expect(results[2]).toMatchObject({ reason: expect.stringContaining('found 3') });
  });

  it('reports a truncated last row instead of throwing', async () => {
    const path = file('truncated.csv', 'a,b,c\n1,2,3\n4,5');
    const results = await readAll(path, ['a']);
    expect(results[0]).toEqual({ ok: true, line: 2, values: { a: '1', b: '2', c: '3' } });
    expect(results[1]).toMatchObject({ ok: false, line: 3, reason: expect.stringContaining('truncated') });
  });

  it('reports an unterminated quote with the lines it swallowed and keeps the rows before it', async () => {
    const path = file('quote.csv', 'a,b\n1,2\n3,"never closed\n5,6\n7,8\n');
    const results = await readAll(path);
    expect(results).toEqual([
      { ok: true, line: 2, values: { a: '1', b: '2' } },
      { ok: false, line: 3, field: 'b', reason: 'unterminated quoted field (truncated file?): lines 3-6 could not be read as records' },
    ]);
  });

  it('reports an empty file as a missing header', async () => {
    expect(await readAll(file('empty.csv', ''))).toEqual([
      { ok: false, line: 1, reason: 'file is empty: expected a header with the columns a, b' },
    ]);
  });

  it('throws a clear error when the file cannot be read', async () => {
    await expect(readAll(join(dir, 'absent.csv'))).rejects.toThrow(/^Cannot read .*absent\.csv: ENOENT/);
  });

  it('streams a file of many chunks to a slow consumer with exact line numbers and multi-byte characters intact', async () => {
    const rows = 60_000;
    const lines = ['a,b'];
    for (let i = 0; i < rows; i += 1) lines.push(`${i},김민준-é-${i}`);
    const path = file('large.csv', lines.join('\n') + '\n');
    let count = 0;
    let mangled = 0;
    let last: CsvReadResult | undefined;
    for await (const result of readCsv(path, { requiredColumns: ['a', 'b'] })) {
      count += 1;
      if (!result.ok || result.values.b !== `김민준-é-${result.values.a}` || result.line !== Number(result.values.a) + 2) mangled += 1;
      last = result;
      // A slow consumer makes the reader pause the file and resume it.
      if (count % 5_000 === 0) await new Promise((resolve) => setTimeout(resolve, 30));
    }
    expect(count).toBe(rows);
    expect(mangled).toBe(0);
    expect(last).toMatchObject({ ok: true, line: rows + 1 });
  });

  it('lets the consumer stop early without error', async () => {
    const lines = ['a,b', ...Array.from({ length: 50_000 }, (_, i) => `${i},x`)];
    const path = file('early.csv', lines.join('\n'));
    const seen: number[] = [];
    for await (const result of readCsv(path, { requiredColumns: ['a'] })) {
      seen.push(result.line);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual([2, 3, 4]);
  });

  it('stops with the abort reason when the signal is aborted', async () => {
    const path = file('abort.csv', 'a,b\n1,2\n3,4\n');
    const controller = new AbortController();
    const iterate = async (): Promise<number> => {
      let seen = 0;
      for await (const _ of readCsv(path, { requiredColumns: ['a'], signal: controller.signal })) {
        seen += 1;
        controller.abort(new Error('run cancelled'));
      }
      return seen;
    };
    await expect(iterate()).rejects.toThrow('run cancelled');
  });
});

describe('csvRejection', () => {
  it('turns a problem into a rejected record located by file, line and field', () => {
    expect(csvRejection('/data/r.csv', { ok: false, line: 7, field: 'email', reason: 'bad' })).toEqual({
      accepted: false,
      location: { source: '/data/r.csv', line: 7, field: 'email' },
      reason: 'bad',
    });
  });
});

describe('readCsvStream', () => {
  it('reads CSV text from a stream and names the stream in read errors', async () => {
    const rows: CsvReadResult[] = [];
    for await (const row of readCsvStream(Readable.from(['a,b\n1,', '2\n']), 'report from AWS', { requiredColumns: ['a'] })) rows.push(row);
    expect(rows).toEqual([{ ok: true, line: 2, values: { a: '1', b: '2' } }]);

    const failing = new Readable({ read() { this.destroy(new Error('socket hang up')); } });
    const iterate = async (): Promise<void> => {
      for await (const _ of readCsvStream(failing, 'report from AWS', { requiredColumns: ['a'] })) {
        // drain
      }
    };
    await expect(iterate()).rejects.toThrow('Cannot read report from AWS: socket hang up');
  });
});
