import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { athenaLikeEngine, rollupSql, unloadQuery } from '@postureboard/connectors/testing';
import { DAY_MS, evaluateFindings, isoDayOf, replay } from '@postureboard/domain';
import { PostureInputRepository } from '@postureboard/server-database';
import { createIngestTestContext, type IngestTestContext } from './testing/ingest-test-context.js';

/**
 * A data lake's daily rollups instead of its events: OCSF API Activity as Amazon Security Lake stores it (Parquet,
 * partitioned by eventday), the shipped query (docs/sql) run over it by DuckDB, its result ingested through
 * `--source access-rollups`. The rollups must be the ones raw events give, the rules must fire as on events,
 * and re-ingesting must change nothing.
 */

const DAY0 = Date.UTC(2026, 8, 1) / DAY_MS; // 2026-09-01
const DAYS = 40; // 2026-09-01 .. 2026-10-10
const at = (day: number, hour: number): number => (DAY0 + day) * DAY_MS + hour * 3_600_000;
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
const MB = 1e6;

let uid = 0;
/** An OCSF 1.1 API Activity event with Security Lake's partition columns. */
const apiActivity = (day: number, hour: number, user: object, country: string, ip: string, length: number) => {
  uid += 1;
  return {
    time: at(day, hour),
    class_uid: 6003,
    activity_id: 2,
    status_id: 1,
    metadata: { uid: `evt-${uid}`, version: '1.1.0', product: { name: 'Acme SaaS', vendor_name: 'Acme' } },
    actor: { user },
    src_endpoint: { ip, location: { country } },
    api: { operation: 'files.download', service: { name: 'files' } },
    http_response: { code: 200, length },
    region: 'ap-northeast-2',
    accountid: '111122223333',
    eventday: isoDayOf(DAY0 + day).replaceAll('-', ''),
  };
};

const ana = { uid: 'u-ana', name: 'ana', email_addr: 'ana@acme.test', credential_uid: 'tok-ana' };
const kim = { uid: 'u-kim', name: 'kim', email_addr: 'kim@acme.test', credential_uid: 'tok-kim' };

/**
 * Ana: 4 × 10 MB a day from Korea, and a 2 GB export on day 35. Kim (left 2026-09-30, day 29): 50 MB a day from
 * Korea until she left, then from day 32 1 GB a day from China.
 */
const EVENTS = [
  ...range(0, DAYS).flatMap((day) => [
    ...range(0, 4).map((n) => apiActivity(day, 9 + n, ana, 'KR', '211.234.1.10', 10 * MB)),
    ...(day === 35 ? [apiActivity(day, 15, ana, 'KR', '211.234.1.10', 2000 * MB)] : []),
  ]),
  ...[...range(0, 30), ...range(32, DAYS)].map((day) =>
    day < 30 ? apiActivity(day, 11, kim, 'KR', '211.234.1.11', 50 * MB) : apiActivity(day, 11, kim, 'CN', '1.202.1.1', 1000 * MB),
  ),
];

const OCSF_COLUMNS = [
  `time: 'BIGINT'`,
  `class_uid: 'INTEGER'`,
  `activity_id: 'INTEGER'`,
  `status_id: 'INTEGER'`,
  `metadata: 'STRUCT(uid VARCHAR, version VARCHAR, product STRUCT(name VARCHAR, vendor_name VARCHAR))'`,
  `actor: 'STRUCT("user" STRUCT(uid VARCHAR, name VARCHAR, email_addr VARCHAR, credential_uid VARCHAR))'`,
  `"user": 'STRUCT(uid VARCHAR, name VARCHAR, email_addr VARCHAR)'`,
  `src_endpoint: 'STRUCT(ip VARCHAR, location STRUCT(country VARCHAR))'`,
  `api: 'STRUCT(operation VARCHAR, service STRUCT(name VARCHAR))'`,
  `http_response: 'STRUCT(code INTEGER, length BIGINT, body_length BIGINT)'`,
  `region: 'VARCHAR'`,
  `accountid: 'VARCHAR'`,
  `eventday: 'VARCHAR'`,
].join(', ');

const HR_ROSTER = [
  'employee_id,email,full_name,employment_type,status,start_date,termination_date,work_country,department,manager_email',
  'E1,ana@acme.test,Ana Choi,employee,active,2020-01-01,,KR,Sales,',
  'E2,kim@acme.test,Kim Min-jun,employee,terminated,2019-03-01,2026-09-30,KR,Engineering,',
].join('\n');

interface RollupRow {
  day: string;
  principal: string;
  credential_external_id: string;
  country: string;
  events: string;
  bytes: string;
  records: string;
  first_at: Date;
  last_at: Date;
}

describe('access-rollups: a data lake’s daily rollups instead of its events', () => {
  let ctx: IngestTestContext;
  let lake: string;
  let rollupFile: string;
  const asOf = new Date(at(DAYS - 1, 23));
  const rollups = (org: string): Promise<RollupRow[]> =>
    ctx.query<RollupRow>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, principal, credential_external_id, country, events::text, bytes::text, records::text, first_at, last_at
         FROM access_daily_rollup WHERE organization_id = $1 ORDER BY day, principal, credential_external_id, country`,
      [org],
    );
  /** Runs the shipped Security Lake query over the lake for [first, end) days and writes its result as Parquet. */
  const unload = async (name: string, first: number, end: number): Promise<string> => {
    const { connection, close } = await athenaLikeEngine([{ name: 'ocsf_events', parquet: `${lake}/**/*.parquet` }]);
    const path = join(ctx.dir, name);
    try {
      const day = (n: number) => isoDayOf(DAY0 + n);
      const partition = (n: number) => day(n).replaceAll('-', '');
      await unloadQuery(connection, rollupSql('security-lake-access-rollups.sql'), [partition(first - 1), partition(end), day(first), day(end)], path);
    } finally {
      close();
    }
    return path;
  };

  beforeAll(async () => {
    ctx = await createIngestTestContext();
    await ctx.query(`UPDATE organization SET approved_countries = '{KR}' WHERE id = $1`, [ctx.organization.id]);
    const events = join(ctx.dir, 'events.jsonl');
    writeFileSync(events, EVENTS.map((event) => JSON.stringify(event)).join('\n'));
    lake = join(ctx.dir, 'security-lake');
    const { connection, close } = await athenaLikeEngine([]);
    try {
      await connection.run(
        `COPY (SELECT * FROM read_json('${events}', format = 'newline_delimited', columns = {${OCSF_COLUMNS}}))
           TO '${lake}' (FORMAT parquet, PARTITION_BY (region, accountid, eventday))`,
      );
    } finally {
      close();
    }
    const roster = join(ctx.dir, 'roster.csv');
    writeFileSync(roster, HR_ROSTER);
    expect((await ctx.ingest.ingestFile(ctx.organization.slug, 'hr-roster', roster)).status).toBe('SUCCEEDED');
    rollupFile = await unload('20261010_000000_00001_rollups', 0, DAYS);
    const run = await ctx.ingest.ingestFile(ctx.organization.slug, 'access-rollups', rollupFile);
    expect({ status: run.status, rejected: run.rejected, accepted: run.accepted, inserted: run.inserted }).toEqual({
      status: 'SUCCEEDED',
      rejected: 0,
      // One row a day for Ana; one for Kim on each of her 38 active days.
      accepted: DAYS + 38,
      inserted: DAYS + 38,
    });
  }, 120_000);

  afterAll(async () => {
    await ctx.close();
  });

  it('stores the rollups the raw events give, sums and keys alike', async () => {
    const other = (await ctx.query<{ id: string; slug: string }>(`INSERT INTO organization (slug, name) VALUES ($1, 'Acme events') RETURNING id, slug`, [`${ctx.organization.slug}-raw`]))[0]!;
    const raw = join(ctx.dir, 'events.ocsf.jsonl');
    writeFileSync(raw, EVENTS.map(({ region: _region, accountid: _account, eventday: _day, ...event }) => JSON.stringify({ ...event, class_name: 'API Activity' })).join('\n'));
    const run = await ctx.ingest.ingestFile(other.slug, 'ocsf', raw);
    expect({ status: run.status, rejected: run.rejected }).toEqual({ status: 'SUCCEEDED', rejected: 0 });
    await ctx.foldRollups(other.id);
    const keyAndSums = (rows: RollupRow[]) => rows.map(({ first_at: _first, last_at: _last, ...row }) => row);
    const fromRollups = keyAndSums(await rollups(ctx.organization.id));
    expect(fromRollups).toHaveLength(DAYS + 38);
    expect(fromRollups).toEqual(keyAndSums(await rollups(other.id)));
    expect(fromRollups.find((row) => row.principal === 'ana@acme.test' && row.day === isoDayOf(DAY0 + 35))).toEqual({
      day: isoDayOf(DAY0 + 35),
      principal: 'ana@acme.test',
      credential_external_id: 'tok-ana',
      country: 'KR',
      events: '5',
      bytes: String(2040 * MB),
      records: '0',
    });
  });

  it('fires bulk extraction on the day it began, as on events: the leaver from China CRITICAL, the export HIGH', async () => {
    const input = await new PostureInputRepository(ctx.db.dataSource).load(ctx.organization.id, asOf);
    const detections = replay(input, new Date(DAY0 * DAY_MS), asOf, { kinds: ['BULK_EXTRACTION'] });
    expect(detections.map((d) => [d.subject.name, d.firstDetectedOn, d.severity, d.daysToDetect])).toEqual([
      ['Kim Min-jun', isoDayOf(DAY0 + 32), 'CRITICAL', 0],
      ['Ana Choi', isoDayOf(DAY0 + 35), 'HIGH', 0],
    ]);
    const findings = evaluateFindings(input, asOf, undefined, { kinds: ['BULK_EXTRACTION'] });
    expect(findings.find((f) => f.subject.name === 'Kim Min-jun')?.evidence[0]).toMatchObject({
      type: 'bulk-summary',
      data: { afterDeparture: true, offshore: true, peakBytes: 1000 * MB, baselineMedianBytes: 50 * MB },
    });
  });

  it('finds the offshore access of the leaver, CRITICAL, with per-day evidence from China', async () => {
    const input = await new PostureInputRepository(ctx.db.dataSource).load(ctx.organization.id, asOf);
    const findings = evaluateFindings(input, asOf, undefined, { kinds: ['OFFSHORE_ACCESS'] });
    expect(findings.map((f) => [f.subject.name, f.qualifier, f.severity])).toEqual([['Kim Min-jun', 'activity', 'CRITICAL']]);
    expect(JSON.stringify(findings[0]!.evidence)).toContain('CN');
  });

  it('changes nothing when the same file is ingested again', async () => {
    const before = await rollups(ctx.organization.id);
    const versions = () => ctx.query(`SELECT day::text, version::text FROM activity_day_version WHERE organization_id = $1 ORDER BY day`, [ctx.organization.id]);
    const versionsBefore = await versions();
    const run = await ctx.ingest.ingestFile(ctx.organization.slug, 'access-rollups', rollupFile);
    expect({ status: run.status, inserted: run.inserted, updated: run.updated, unchanged: run.unchanged }).toEqual({
      status: 'SUCCEEDED',
      inserted: 0,
      updated: 0,
      unchanged: DAYS + 38,
    });
    expect(await rollups(ctx.organization.id)).toEqual(before);
    expect(await versions()).toEqual(versionsBefore);
  });

  it('replaces a re-exported day with its new figures (late events), leaving the other days as they were', async () => {
    const before = await rollups(ctx.organization.id);
    EVENTS.push(apiActivity(35, 20, ana, 'KR', '211.234.1.10', 3 * MB));
    const events = join(ctx.dir, 'late.jsonl');
    writeFileSync(events, JSON.stringify(EVENTS.at(-1)));
    const { connection, close } = await athenaLikeEngine([]);
    try {
      await connection.run(
        `COPY (SELECT * FROM read_json('${events}', format = 'newline_delimited', columns = {${OCSF_COLUMNS}}))
           TO '${lake}' (FORMAT parquet, PARTITION_BY (region, accountid, eventday), APPEND)`,
      );
    } finally {
      close();
    }
    const run = await ctx.ingest.ingestFile(ctx.organization.slug, 'access-rollups', await unload('day-35', 35, 36));
    expect({ status: run.status, inserted: run.inserted, updated: run.updated, unchanged: run.unchanged }).toEqual({ status: 'SUCCEEDED', inserted: 0, updated: 1, unchanged: 1 });
    const after = await rollups(ctx.organization.id);
    const isAnaDay35 = (row: RollupRow) => row.principal === 'ana@acme.test' && row.day === isoDayOf(DAY0 + 35);
    expect(after.filter((row) => !isAnaDay35(row))).toEqual(before.filter((row) => !isAnaDay35(row)));
    expect(after.find(isAnaDay35)).toMatchObject({ events: '6', bytes: String(2043 * MB) });
  });

  it('rejects a malformed row with its file and line and keeps the good rows', async () => {
    const path = join(ctx.dir, 'manual.csv');
    writeFileSync(path, 'day,principal,credential,country,events,bytes\n2026-10-11,ana@acme.test,tok-ana,KR,4,40000000\n2026-10-11,,tok-ana,KR,four,40\n');
    const run = await ctx.ingest.ingestFile(ctx.organization.slug, 'access-rollups', path);
    expect({ status: run.status, accepted: run.accepted, rejected: run.rejected }).toMatchObject({ accepted: 1, rejected: 1 });
    const errors = (await ctx.ingest.errorsByRun([run.id], 10)).get(run.id);
    expect(errors).toEqual([expect.objectContaining({ source: path, line: 3, field: 'principal', reason: expect.stringMatching(/principal is empty; events must be a whole number/) })]);
    const [row] = await ctx.query<{ events: string }>(`SELECT events::text FROM access_daily_rollup WHERE organization_id = $1 AND day = '2026-10-11'`, [ctx.organization.id]);
    expect(row?.events).toBe('4');
  });
});
