import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AccountObservation, CollectedRecord } from '../observation.js';
import { collectJsonFiles, collectJsonRecords, mapRecord } from './json-collect.util.js';
import { readJsonRecords } from './json-records.reader.js';
import { readsSynchronously } from './json-text.reader.js';
import { RecordRejection } from './json-value.util.js';

const account: AccountObservation = {
  kind: 'account',
  system: 'scim',
  externalId: 'u1',
  userName: 'u1',
  email: null,
  employeeNumber: null,
  status: 'ACTIVE',
  createdAt: null,
  deactivatedAt: null,
  lastLoginAt: null,
};

describe('mapRecord', () => {
  it('gives every observation of a record the record location', () => {
    expect(mapRecord({}, { source: 'f', line: 3 }, () => [account, account])).toEqual([
      { accepted: true, observation: account, location: { source: 'f', line: 3 } },
      { accepted: true, observation: account, location: { source: 'f', line: 3 } },
    ]);
  });

  it('turns a RecordRejection into a rejection naming the field', () => {
    const rejected = mapRecord({}, { source: 'f', record: 2 }, () => {
      throw new RecordRejection('eventTime is not an ISO 8601 date: "yesterday"', 'eventTime');
    });
    expect(rejected).toEqual([
      { accepted: false, location: { source: 'f', record: 2, field: 'eventTime' }, reason: 'eventTime is not an ISO 8601 date: "yesterday"' },
    ]);
  });

  it('rejects only the record when the mapper fails unexpectedly', () => {
    const rejected = mapRecord({}, { source: 'f', line: 1 }, () => {
      throw new TypeError('boom');
    });
    expect(rejected).toEqual([{ accepted: false, location: { source: 'f', line: 1 }, reason: 'could not read the record: boom' }]);
  });

  it('never drops a record silently: no observation is a rejection', () => {
    expect(mapRecord({}, { source: 'f' }, () => [])).toEqual([
      { accepted: false, location: { source: 'f' }, reason: 'the record yields no observation' },
    ]);
  });
});

describe('collectJsonRecords', () => {
  it('passes unreadable records on as rejections and maps the rest', async () => {
    const out = [];
    for await (const record of collectJsonRecords(
      [
        { ok: false, reason: 'invalid JSON at column 3', location: { source: 'f', line: 1 } },
        { ok: true, value: {}, location: { source: 'f', line: 2 } },
      ],
      () => [account],
    )) {
      out.push(record);
    }
    expect(out).toEqual([
      { accepted: false, location: { source: 'f', line: 1 }, reason: 'invalid JSON at column 3' },
      { accepted: true, observation: account, location: { source: 'f', line: 2 } },
    ]);
  });
});

describe('collectJsonFiles', () => {
  const context = { signal: new AbortController().signal, now: new Date('2025-06-01T00:00:00Z') };
  const mapper = (value: unknown) => {
    if (typeof value !== 'object' || value === null || !('n' in value)) throw new RecordRejection('no n', 'n');
    return [{ ...account, externalId: String(value.n) }];
  };
  const root = mkdtempSync(join(tmpdir(), 'pb-json-files-'));
  beforeAll(() => {
    mkdirSync(join(root, 'b', 'skipped'), { recursive: true });
    writeFileSync(join(root, 'a.jsonl'), '{"n":1}\n{"x":2}\n{"n":\n');
    writeFileSync(join(root, 'b', 'c.json.gz'), gzipSync('[{"n":3},{"n":4}]'));
    writeFileSync(join(root, 'b', 'skipped', 'd.jsonl'), '{"n":5}\n');
    writeFileSync(join(root, 'b', 'notes.txt'), 'not json');
  });

  async function all(records: AsyncIterable<CollectedRecord>): Promise<CollectedRecord[]> {
    const out: CollectedRecord[] = [];
    for await (const record of records) out.push(record);
    return out;
  }

  it('gives, file by file in walk order, what collectJsonRecords gives over readJsonRecords', async () => {
    const options = { skipDirectory: (name: string) => name === 'skipped', rejectFile: (file: string) => (file.endsWith('.txt') ? 'not JSON' : null) };
    const expected: CollectedRecord[] = [
      ...(await all(collectJsonRecords(readJsonRecords(join(root, 'a.jsonl')), mapper))),
      ...(await all(collectJsonRecords(readJsonRecords(join(root, 'b', 'c.json.gz')), mapper))),
      { accepted: false, location: { source: join(root, 'b', 'notes.txt') }, reason: 'not JSON' },
    ];
    expect(expected.map((record) => record.accepted)).toEqual([true, false, false, true, true, false]);
    expect(await all(collectJsonFiles(root, context, options, mapper))).toEqual(expected);
  });

  it('gives the same records whether a file is read ahead (too large to read synchronously) or in its turn (small)', async () => {
    const mixed = mkdtempSync(join(tmpdir(), 'pb-json-files-'));
    // Over a MiB on disk: read ahead, in the thread pool; the small files around it are read when their turn comes.
    const large = Array.from({ length: 30_000 }, (_, n) => JSON.stringify({ n, pad: 'x'.repeat(30) })).join('\n');
    writeFileSync(join(mixed, '1.jsonl'), '{"n":"a"}\n{"x":1}\n');
    writeFileSync(join(mixed, '2.jsonl'), large);
    writeFileSync(join(mixed, '3.json.gz'), gzipSync('[{"n":"b"},{"n":"c"}]'));
    writeFileSync(join(mixed, '4.jsonl'), large);
    expect([readsSynchronously(join(mixed, '1.jsonl')), readsSynchronously(join(mixed, '2.jsonl'))]).toEqual([true, false]);
    const expected: CollectedRecord[] = [];
    for (const name of ['1.jsonl', '2.jsonl', '3.json.gz', '4.jsonl']) expected.push(...(await all(collectJsonRecords(readJsonRecords(join(mixed, name)), mapper))));
    expect(expected).toHaveLength(2 + 30_000 + 2 + 30_000);
    expect(await all(collectJsonFiles(mixed, context, {}, mapper))).toEqual(expected);
  });

  it('reads a file given by its path even when a folder walk would reject it', async () => {
    const path = join(root, 'b', 'notes.txt');
    const records = await all(collectJsonFiles(path, context, { rejectFile: () => 'not JSON' }, mapper));
    expect(records).toEqual([expect.objectContaining({ accepted: false, location: { source: path, line: 1 } })]);
  });

  it('stops at the abort of the run between files, though the next file was read ahead', async () => {
    const flat = mkdtempSync(join(tmpdir(), 'pb-json-files-'));
    for (const name of ['1', '2', '3']) writeFileSync(join(flat, `${name}.jsonl`), '{"n":1}\n{"n":2}\n');
    const controller = new AbortController();
    const seen: CollectedRecord[] = [];
    const reading = (async () => {
      for await (const record of collectJsonFiles(flat, { ...context, signal: controller.signal }, {}, mapper)) {
        seen.push(record);
        if (seen.length === 2) controller.abort();
      }
    })();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toHaveLength(2);
  });

  it('lets the event loop turn between batches, so other work runs while a folder is read', async () => {
    const flat = mkdtempSync(join(tmpdir(), 'pb-json-files-'));
    for (const name of ['1', '2', '3']) writeFileSync(join(flat, `${name}.jsonl`), '{"n":1}\n{"n":2}\n');
    let ranAt = -1;
    let index = 0;
    for await (const record of collectJsonFiles(flat, context, { turnEveryMs: 0 }, mapper)) {
      expect(record.accepted).toBe(true);
      index += 1;
      if (index === 1) setImmediate(() => (ranAt = index));
    }
    expect(index).toBe(6);
    expect(ranAt).toBe(2);
  });
});
