import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import type { CollectContext } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import type { GeoIpResolver } from '../geoip/geoip.resolver.js';
import { createAccessRollupsFileSource } from './access-rollups.file-source.js';

const context: CollectContext = { signal: new AbortController().signal, now: new Date('2026-12-01T00:00:00Z') };
/** A fixed resolver: the test says which country an address is in, not a database that may change. */
const geo: GeoIpResolver = (ip) => (ip === '203.0.113.7' ? 'KP' : ip?.startsWith('10.') ? 'internal' : null);
const source = createAccessRollupsFileSource(geo);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'access-rollups-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(path: string): Promise<CollectedRecord[]> {
  const records: CollectedRecord[] = [];
  for await (const record of source.collectFile(path, context)) records.push(record);
  return records;
}

/** Writes Parquet as a lake's engine does (DuckDB's writer: DATE, BIGINT and VARCHAR columns, ZSTD pages). */
async function writeParquet(path: string, select: string, options = 'COMPRESSION zstd'): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  try {
    // One thread: rows are written in the order the query gives them.
    await connection.run('SET threads = 1');
    await connection.run(`COPY (${select}) TO '${path}' (FORMAT parquet, ${options})`);
  } finally {
    connection.closeSync();
  }
}

const rollup = (day: string, principal: string, credentialExternalId: string | null, country: string | null, events: number, bytes: number, records = 0) => ({
  kind: 'access-rollup',
  day,
  principal,
  credentialExternalId,
  country,
  events,
  bytes,
  records,
});

describe('access-rollups file source', () => {
  it('reads CSV rows with any header case, country names and codes, and a source IP standing in for the country', async () => {
    const path = join(dir, 'rollups.csv');
    writeFileSync(
      path,
      'Day,Principal,Credential,Country,Source_IP,Events,Bytes,Records\r\n' +
        '2026-11-02,alice@example.com,AKIAALICE,us,,12,1048576,3\r\n' +
        '2026-11-02,alice@example.com,,United States,,1,0,\r\n' +
        '2026-11-03,bob,AKIABOB,,203.0.113.7,4000,5000000000,\r\n' +
        '2026-11-03,svc-batch,,,10.0.0.5,9,0,0\r\n' +
        '2026-11-03,carol,,,,2,0,0\r\n',
    );
    const records = await collect(path);
    expect(records).toEqual([
      { accepted: true, location: { source: path, line: 2 }, observation: rollup('2026-11-02', 'alice@example.com', 'AKIAALICE', 'US', 12, 1048576, 3) },
      { accepted: true, location: { source: path, line: 3 }, observation: rollup('2026-11-02', 'alice@example.com', null, 'US', 1, 0) },
      { accepted: true, location: { source: path, line: 4 }, observation: rollup('2026-11-03', 'bob', 'AKIABOB', 'KP', 4000, 5_000_000_000) },
      { accepted: true, location: { source: path, line: 5 }, observation: rollup('2026-11-03', 'svc-batch', null, 'internal', 9, 0) },
      { accepted: true, location: { source: path, line: 6 }, observation: rollup('2026-11-03', 'carol', null, null, 2, 0) },
    ]);
  });

  it('rejects a malformed CSV row with its file, line and every bad column, and keeps the rows around it', async () => {
    const path = join(dir, 'bad.csv');
    writeFileSync(
      path,
      'day,principal,credential,country,events,bytes\n' +
        '2026-11-02,alice,,US,3,10\n' +
        '2026-02-30,,,Atlantis,0,-5\n' +
        '2026-11-02 10:00,bob,,US,1.5,1e3\n' +
        '2026-11-02,carol,,US,1,10\n',
    );
    const records = await collect(path);
    expect(records.map((r) => r.accepted)).toEqual([true, false, false, true]);
    expect(records[1]).toEqual({
      accepted: false,
      location: { source: path, line: 3, field: 'day' },
      reason: expect.stringMatching(/day is not a UTC date.*"2026-02-30".*principal is empty.*events must be a whole number of at least 1.*bytes must be a whole number.*country is neither/),
    });
    expect(records[2]).toMatchObject({ accepted: false, location: { source: path, line: 4, field: 'day' }, reason: expect.stringMatching(/day .*events .*bytes /s) });
  });

  it('refuses a CSV without the required columns, naming them', async () => {
    const path = join(dir, 'columns.csv');
    writeFileSync(path, 'day,principal,country\n2026-11-02,alice,US\n');
    const records = await collect(path);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ accepted: false, location: { source: path, line: 1 }, reason: expect.stringMatching(/events.*bytes|bytes.*events/) });
  });

  it('reads gzipped CSV by its content, whatever the file is called', async () => {
    const path = join(dir, 'part-00000');
    writeFileSync(path, gzipSync('day,principal,events,bytes\n2026-11-04,dave,7,70\n'));
    expect(await collect(path)).toEqual([{ accepted: true, location: { source: path, line: 2 }, observation: rollup('2026-11-04', 'dave', null, null, 7, 70) }]);
  });

  it('reads Parquet by row group (DATE and BIGINT columns, ZSTD pages, a file without extension) with each row placed', async () => {
    const path = join(dir, '20261105_000000_00001_abcde');
    await writeParquet(
      path,
      `SELECT * FROM (VALUES
         (DATE '2026-11-05', 'alice@example.com', 'AKIAALICE', 'US', NULL, 10::BIGINT, 2000000000::BIGINT, 5::BIGINT),
         (DATE '2026-11-05', 'bob', NULL, NULL, '203.0.113.7', 3::BIGINT, 0::BIGINT, NULL),
         (DATE '2026-11-06', 'bob', 'AKIABOB', 'DE', NULL, 1::BIGINT, 1::BIGINT, 0::BIGINT)
       ) t(day, principal, credential, country, source_ip, events, bytes, records)`,
    );
    expect(await collect(path)).toEqual([
      { accepted: true, location: { source: path, record: 1 }, observation: rollup('2026-11-05', 'alice@example.com', 'AKIAALICE', 'US', 10, 2_000_000_000, 5) },
      { accepted: true, location: { source: path, record: 2 }, observation: rollup('2026-11-05', 'bob', null, 'KP', 3, 0) },
      { accepted: true, location: { source: path, record: 3 }, observation: rollup('2026-11-06', 'bob', 'AKIABOB', 'DE', 1, 1) },
    ]);
  });

  it.each(['gzip', 'snappy', 'brotli', 'lz4_raw', 'uncompressed'])('reads Parquet with %s pages, as engines write them', async (codec) => {
    const path = join(dir, `codec-${codec}`);
    await writeParquet(path, `SELECT DATE '2026-11-05' AS day, 'alice' AS principal, 'KR' AS country, 3::BIGINT AS events, 4000000000::BIGINT AS bytes`, `COMPRESSION ${codec}`);
    expect(await collect(path)).toEqual([{ accepted: true, location: { source: path, record: 1 }, observation: rollup('2026-11-05', 'alice', null, 'KR', 3, 4_000_000_000) }]);
  });

  it('rejects a bad Parquet row naming its row group and row, and a timestamp that is not a day', async () => {
    const path = join(dir, 'bad.parquet');
    // DuckDB cuts row groups at multiples of 2,048 rows: 2,048 good rows fill the first, the bad ones open the second.
    await writeParquet(
      path,
      `SELECT * FROM (
         SELECT TIMESTAMP '2026-11-05 00:00:00' AS day, 'user' || i AS principal, 1::BIGINT AS events, 0::BIGINT AS bytes, i AS n FROM range(2048) t(i)
         UNION ALL SELECT TIMESTAMP '2026-11-05 13:30:00', 'carol', 1, 0, 2048
         UNION ALL SELECT TIMESTAMP '2026-11-05 00:00:00', 'dave', 0, 0, 2049
       ) ORDER BY n`,
      'ROW_GROUP_SIZE 2048',
    );
    const records = await collect(path);
    expect(records).toHaveLength(2050);
    expect(records.slice(0, 2048).every((r) => r.accepted)).toBe(true);
    expect(records[2047]).toMatchObject({ accepted: true, location: { source: path, record: 2048 }, observation: { day: '2026-11-05', principal: 'user2047' } });
    expect(records[2048]).toEqual({ accepted: false, location: { source: path, record: 2049, field: 'day' }, reason: expect.stringMatching(/^row group 2, row 1: day is not a UTC date .*13:30/) });
    expect(records[2049]).toEqual({ accepted: false, location: { source: path, record: 2050, field: 'events' }, reason: expect.stringMatching(/^row group 2, row 2: events must be a whole number of at least 1/) });
  });

  it('refuses a Parquet file that lacks a required column, and a damaged one, with the file named', async () => {
    const missing = join(dir, 'missing.parquet');
    await writeParquet(missing, `SELECT DATE '2026-11-05' AS day, 'alice' AS principal, 1::BIGINT AS events`);
    expect(await collect(missing)).toEqual([{ accepted: false, location: { source: missing, field: 'bytes' }, reason: expect.stringMatching(/missing column bytes/) }]);
    const damaged = join(dir, 'damaged.parquet');
    writeFileSync(damaged, 'PAR1 this is not really parquet');
    expect(await collect(damaged)).toEqual([{ accepted: false, location: { source: damaged }, reason: expect.stringMatching(/not a readable Parquet file/) }]);
  });

  it('reads a folder of CSV and Parquet files in name order', async () => {
    const folder = join(dir, 'unload');
    mkdirSync(folder);
    await writeParquet(join(folder, 'b'), `SELECT DATE '2026-11-07' AS day, 'erin' AS principal, 2::BIGINT AS events, 20::BIGINT AS bytes`);
    writeFileSync(join(folder, 'a.csv'), 'day,principal,events,bytes\n2026-11-07,frank,1,10\n');
    const records = await collect(folder);
    expect(records.map((r) => (r.accepted && r.observation.kind === 'access-rollup' ? r.observation.principal : null))).toEqual(['frank', 'erin']);
  });
});
