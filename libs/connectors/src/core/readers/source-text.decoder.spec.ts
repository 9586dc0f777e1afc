import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { readCsv } from './csv-reader.js';
import { type JsonRecord, readJsonRecords } from './json-records.reader.js';
import { NOT_UTF8_MARK, SourceTextDecoder, decodeSourceText } from './source-text.decoder.js';

const dir = mkdtempSync(join(tmpdir(), 'pb-encodings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;
const file = (bytes: Buffer, name = `f${(counter += 1)}`): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();

async function drain<T>(records: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const record of records) out.push(record);
  return out;
}

const LINES = '{"name":"Jürgen Ñandú","n":1}\n{"name":"김민준","n":2}\n';

describe('source text decoding', () => {
  it.each([
    ['UTF-8', Buffer.from(LINES)],
    ['UTF-8 with a byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LINES)])],
    ['UTF-16LE with a byte-order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LINES, 'utf16le')])],
    ['UTF-16LE without one', Buffer.from(LINES, 'utf16le')],
    ['UTF-16BE with a byte-order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(LINES)])],
  ])('reads JSON lines written in %s, streamed or whole', async (_encoding, bytes) => {
    const path = file(bytes);
    for (const wholeTextMaxBytes of [0, 1 << 20]) {
      const records = await drain(readJsonRecords(path, { wholeTextMaxBytes }));
      expect(records.map((r: JsonRecord) => r.ok && r.value)).toEqual([
        { name: 'Jürgen Ñandú', n: 1 },
        { name: '김민준', n: 2 },
      ]);
    }
  });

  it('rejects only the line holding bytes that are not UTF-8, a raw NUL or an escaped one, with its line', async () => {
    const latin1 = Buffer.from('{"name":"J\xfcrgen"}', 'latin1');
    const bytes = Buffer.concat([Buffer.from('{"n":1}\n'), latin1, Buffer.from('\n{"n":"a\u0000b"}\n{"n":"a\\u0000b"}\n{"n":"\uFFFD stays"}\n')]);
    for (const wholeTextMaxBytes of [0, 1 << 20]) {
      const records = await drain(readJsonRecords(file(bytes), { wholeTextMaxBytes }));
      expect(records.map((r) => [r.location.line, r.ok ? r.value : r.reason])).toEqual([
        [1, { n: 1 }],
        [2, 'the text is not UTF-8 (bytes of another encoding, e.g. Latin-1): export it as UTF-8'],
        [3, 'contains a NUL character, which cannot be stored'],
        [4, 'contains a NUL character, which cannot be stored'],
        [5, { n: '\uFFFD stays' }],
      ]);
    }
  });

  it('reads a UTF-16 CSV (Excel "Unicode text") and rejects a row with a NUL or Latin-1 bytes by line and field', async () => {
    const text = 'employee_id,email\n1,ana@x.io\n2,b\u0000@x.io\n';
    const utf16 = await drain(readCsv(file(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])), { requiredColumns: ['employee_id', 'email'] }));
    expect(utf16).toEqual([
      { ok: true, line: 2, values: { employee_id: '1', email: 'ana@x.io' } },
      { ok: false, line: 3, field: 'email', reason: 'contains a NUL character, which cannot be stored' },
    ]);
    const latin1 = await drain(readCsv(file(Buffer.from('employee_id,email\n1,j\xfcrgen@x.io\n2,b@x.io\n', 'latin1')), { requiredColumns: ['employee_id', 'email'] }));
    expect(latin1.map((row) => [row.line, row.ok])).toEqual([
      [2, false],
      [3, true],
    ]);
  });

  /** Decodes `bytes` fed to one decoder in pieces cut at `cuts` (taken modulo the length, in order). */
  const decodeInChunks = (bytes: Buffer, cuts: readonly number[]): string => {
    const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
    const decoder = new SourceTextDecoder();
    let out = '';
    let from = 0;
    for (const point of [...points, bytes.length]) {
      out += decoder.write(bytes.subarray(from, point));
      from = point;
    }
    return out + decoder.end();
  };

  it('decodes UTF-8 split anywhere across chunks exactly as in one piece, with no false marks', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
        const bytes = Buffer.from(`x${text}`);
        const out = decodeInChunks(bytes, cuts);
        expect(out).toBe(`x${text}`);
        expect(out.includes(NOT_UTF8_MARK)).toBe(text.includes(NOT_UTF8_MARK));
      }),
    );
    expect(decodeSourceText(Buffer.from([0x61, 0xff, 0x62]))).toBe(`a${NOT_UTF8_MARK}b`);
  });

  it('decodes any bytes, split anywhere, as TextDecoder does, with a mark for each invalid sequence', () => {
    const replacement = Buffer.from('\uFFFD');
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.uint8Array({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 8 }).map((text) => Buffer.from(text))), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (parts, cuts) => {
          // ASCII first, so the bytes are read as UTF-8 (no byte-order mark or UTF-16 zero bytes to find).
          const bytes = Buffer.concat([Buffer.from('abcd'), ...parts]);
          fc.pre(!bytes.includes(replacement));
          const out = decodeInChunks(bytes, cuts);
          expect(out).toBe(new TextDecoder().decode(bytes).replaceAll('\uFFFD', NOT_UTF8_MARK));
          expect(decodeSourceText(bytes)).toBe(out);
        },
      ),
    );
  });
});
