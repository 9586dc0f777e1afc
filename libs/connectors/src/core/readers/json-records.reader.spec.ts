import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type JsonRecord, readJsonRecords } from './json-records.reader.js';
import { readWholeText } from './json-text.reader.js';
import { isJsonObject } from './json-value.util.js';

const dir = mkdtempSync(join(tmpdir(), 'pb-json-records-'));
let counter = 0;
function file(content: string | Buffer, name = `f${(counter += 1)}.json`): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function read(path: string, options: Parameters<typeof readJsonRecords>[1] = {}): Promise<JsonRecord[]> {
  const out: JsonRecord[] = [];
  for await (const record of readJsonRecords(path, options)) out.push(record);
  return out;
}

const unwrapRecords = (value: unknown): unknown[] | null =>
  isJsonObject(value) && Array.isArray(value['Records']) ? value['Records'] : null;

describe('readJsonRecords', () => {
  it('reads JSON lines with line numbers', async () => {
    const path = file('{"n":1}\n{"n":2}\n');
    expect(await read(path)).toEqual([
      { ok: true, value: { n: 1 }, location: { source: path, line: 1 } },
      { ok: true, value: { n: 2 }, location: { source: path, line: 2 } },
    ]);
  });

  it('rejects a bad JSON line and still lands the good ones, even when the first line is the bad one', async () => {
    const path = file('{"n":1,,}\n{"n":2}\n{"n":\n{"n":4}\n');
    const records = await read(path);
    expect(records.map((record) => [record.location.line, record.ok])).toEqual([
      [1, false],
      [2, true],
      [3, false],
      [4, true],
    ]);
  });

  it('reads a JSON array document with record indexes', async () => {
    const path = file('[\n  {"n": 1},\n  {"n": 2}\n]\n');
    expect(await read(path)).toEqual([
      { ok: true, value: { n: 1 }, location: { source: path, record: 0 } },
      { ok: true, value: { n: 2 }, location: { source: path, record: 1 } },
    ]);
  });

  it('opens a {"Records": [...]} document through the unwrapper, on one line or pretty-printed', async () => {
    const oneLine = file('{"Records":[{"n":1},{"n":2}]}');
    const pretty = file('{\n  "Records": [\n    {"n": 1},\n    {"n": 2}\n  ]\n}\n');
    expect((await read(oneLine, { unwrap: unwrapRecords })).map((record) => record.location)).toEqual([
      { source: oneLine, line: 1, record: 0 },
      { source: oneLine, line: 1, record: 1 },
    ]);
    expect((await read(pretty, { unwrap: unwrapRecords })).map((record) => record.location)).toEqual([
      { source: pretty, record: 0 },
      { source: pretty, record: 1 },
    ]);
  });

  it('reads one pretty-printed object as one record', async () => {
    const path = file('{\n  "eventType": "user.session.start"\n}\n');
    expect(await read(path)).toEqual([{ ok: true, value: { eventType: 'user.session.start' }, location: { source: path } }]);
  });

  it('rejects an invalid document once, with the line and column the parser stopped at', async () => {
    const path = file('{\n  "api": {\n    "operation": "x",\n  },\n  "class_uid": 6003\n}\n');
    expect(await read(path)).toEqual([
      {
        ok: false,
        reason: 'invalid JSON at line 4, column 3 (position 37): Expected double-quoted property name',
        location: { source: path, line: 4 },
      },
    ]);
  });

  it('decompresses gzip transparently, by content and not by name', async () => {
    const path = file(gzipSync('{"n":1}\n{"n":2}\n'), 'events.jsonl.gz');
    const misnamed = file(gzipSync('{"Records":[{"n":1}]}'), 'object-without-suffix');
    expect((await read(path)).map((record) => record.ok && record.value)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await read(misnamed, { unwrap: unwrapRecords, format: 'document' })).toEqual([
      { ok: true, value: { n: 1 }, location: { source: misnamed, record: 0 } },
    ]);
  });

  it('keeps the lines read before a gzip file turns out truncated, then rejects the rest clearly', async () => {
    const lines = Array.from({ length: 5000 }, (_, n) => JSON.stringify({ n, padding: 'x'.repeat(n % 97) })).join('\n');
    const zipped = gzipSync(lines);
    const path = file(zipped.subarray(0, Math.floor(zipped.length * 0.8)), 'truncated.jsonl.gz');
    const records = await read(path);
    const accepted = records.filter((record) => record.ok);
    expect(accepted.length).toBeGreaterThan(1000);
    expect(records.at(-1)).toEqual({
      ok: false,
      reason: expect.stringMatching(/^could not read the file: unexpected end of file/),
      location: { source: path },
    });
  });

  it('strips a byte-order mark and yields nothing for an empty or blank file', async () => {
    expect(await read(file('\ufeff{"n":1}\n'))).toEqual([expect.objectContaining({ ok: true, value: { n: 1 } })]);
    expect(await read(file(''))).toEqual([]);
    expect(await read(file('\n  \n'))).toEqual([]);
  });

  it('rejects a missing file with the operating system reason instead of throwing', async () => {
    const path = join(dir, 'missing.json');
    expect(await read(path)).toEqual([
      { ok: false, reason: expect.stringContaining('ENOENT'), location: { source: path } },
    ]);
  });

  it('stops with the abort when the run is cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(read(file('{"n":1}\n'), { signal: controller.signal })).rejects.toThrow(/abort/i);
  });
});

describe('readJsonRecords in document mode', () => {
  it('reads a JSON lines file whose first line is broken as lines, keeping the good ones', async () => {
    const path = file('{"Records": [\n{"n": 2}\n{"n": 3}\n');
    const records = await read(path, { format: 'document' });
    expect(records.map((record) => [record.location.line, record.ok])).toEqual([
      [1, false],
      [2, true],
      [3, true],
    ]);
  });
});

describe('readJsonRecords read whole or streamed', () => {
  const contents: [string, string | Buffer][] = [
    ['JSON lines', '{"n":1}\n{"n":2}\n'],
    ['JSON lines without a last line break, CRLF and blank lines', '\r\n{"n":1}\r\n\r\n  \n{"n":2}'],
    ['bad lines among good ones', '{"n":1,,}\n{"n":2}\n{"n":\n[{"n":4},{"n":5}]\n'],
    ['a pretty-printed document', '{\n  "Records": [\n    {"n": 1},\n    {"n": 2}\n  ]\n}\n'],
    ['an invalid document', '{\n  "api": {\n    "operation": "x",\n  },\n  "class_uid": 6003\n}\n'],
    ['lines whose first is broken', '{"Records": [\n{"n": 2}\n{"n": 3}\n'],
    ['a byte-order mark', '\ufeff{"n":1}\n'],
    ['nothing but blanks', '\n  \n'],
    ['an empty file', ''],
    ['gzipped lines', gzipSync('{"n":1}\n{"n":2}\n'.repeat(50))],
    [
      'more lines than one slice holds, with characters outside the BMP',
      Array.from({ length: 40000 }, (_, n) => (n % 997 === 0 ? '{"broken":' : JSON.stringify({ n, who: `user ${n} 😀 ${'é'.repeat(n % 7)}` }))).join('\n'),
    ],
    ['a gzipped document', gzipSync('{"Records":[{"n":1},{"n":2}]}')],
    ['a truncated gzip file', gzipSync(Array.from({ length: 3000 }, (_, n) => JSON.stringify({ n, pad: 'x'.repeat(n % 89) })).join('\n')).subarray(0, 20000)],
  ];

  it.each(contents)('reads %s alike both ways, in both formats', async (_, content) => {
    const path = file(content);
    for (const format of ['auto', 'document'] as const) {
      const whole = await read(path, { unwrap: unwrapRecords, format });
      const streamed = await read(path, { unwrap: unwrapRecords, format, wholeTextMaxBytes: 0 });
      expect(whole).toEqual(streamed);
    }
  });

  it('reads a file larger than the limit by streaming it, gzipped or not', async () => {
    const text = Array.from({ length: 200 }, (_, n) => JSON.stringify({ n })).join('\n');
    for (const content of [text, gzipSync(text)]) {
      const path = file(content);
      const records = await read(path, { wholeTextMaxBytes: 100 });
      expect(records.map((record) => record.ok && record.value)).toEqual(Array.from({ length: 200 }, (_, n) => ({ n })));
      expect(records.at(-1)?.location).toEqual({ source: path, line: 200 });
    }
  });
});

describe('readWholeText', () => {
  it('gives the decompressed text of a file within the limit, and null above it or when it cannot', async () => {
    const text = '{"n":1}\n'.repeat(100);
    expect(await readWholeText(file(text), {}, text.length)).toBe(text);
    expect(await readWholeText(file(gzipSync(text)), {}, text.length)).toBe(text);
    expect(await readWholeText(file(text), {}, text.length - 1)).toBeNull();
    expect(await readWholeText(file(gzipSync(text)), {}, text.length - 1)).toBeNull();
    expect(await readWholeText(file(gzipSync(text).subarray(0, 20)), {})).toBeNull();
    expect(await readWholeText(join(dir, 'missing.json'), {})).toBeNull();
    expect(await readWholeText(dir, {})).toBeNull();
  });
});
