import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createIngestTestContext, type IngestTestContext } from './testing/ingest-test-context.js';

const SAMPLES = '/work/shared/samples';
const IAM_2023 = `${SAMPLES}/aws-iam-credential-report/AWS_testbench_credential_report_2023.csv`;

const IAM_HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
  'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
  'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
  'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

const iamUser = (user: string, rotated: string): string =>
  `${user},arn:aws:iam::111122223333:user/${user},2019-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,` +
  `true,${rotated},N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;

const HR_HEADER = 'employee_id,email,full_name,employment_type,status,start_date,termination_date,work_country,department,manager_email';

/** Every row of the tables an ingest writes, in a stable order: "unchanged" means exactly equal. */
async function snapshot(ctx: IngestTestContext): Promise<Record<string, unknown[]>> {
  const tables: Record<string, string> = {
    credential: 'SELECT * FROM credential ORDER BY source, external_id',
    identity: 'SELECT * FROM identity ORDER BY email, employee_number',
    account: 'SELECT * FROM account ORDER BY system, external_id',
    team: 'SELECT * FROM team ORDER BY name',
    access_event: 'SELECT * FROM access_event ORDER BY source, event_id',
    access_daily_rollup: 'SELECT * FROM access_daily_rollup ORDER BY day, principal, credential_external_id, country',
    data_source: 'SELECT id, type, name, last_successful_run_at FROM data_source ORDER BY name',
  };
  const result: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(tables)) result[name] = await ctx.query(sql);
  return result;
}

describe('file ingest', () => {
  let ctx: IngestTestContext;

  beforeAll(async () => {
    ctx = await createIngestTestContext();
  });

  afterAll(async () => {
    await ctx.close();
  });

  it('stores a real IAM credential report and records the run with its counts', async () => {
    const run = await ctx.ingest.ingestFile(ctx.organization.slug, 'iam-credential-report', IAM_2023);
    expect(run).toMatchObject({ status: 'SUCCEEDED', trigger: 'FILE', sourceType: 'iam-credential-report', rejected: 0, errorMessage: null });
    expect(run.accepted).toBeGreaterThan(0);
    expect(run.inserted).toBe(run.accepted);
    expect(run.startedAt).toBeInstanceOf(Date);
    expect(run.finishedAt!.getTime()).toBeGreaterThanOrEqual(run.startedAt!.getTime());

    const keys = await ctx.query<{ name: string; kind: string; last_rotated_at: Date }>(
      `SELECT name, kind, last_rotated_at FROM credential WHERE source = 'iam-credential-report' AND kind = 'ACCESS_KEY' ORDER BY name`,
    );
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(keys.map((k) => k.last_rotated_at.toISOString())).toEqual(
      expect.arrayContaining(['2022-05-27T10:25:44.000Z', '2022-05-18T09:51:58.000Z']),
    );
    const [source] = await ctx.query<{ id: string; name: string; last_successful_run_at: Date }>(
      `SELECT id, name, last_successful_run_at FROM data_source WHERE organization_id = $1 AND type = 'iam-credential-report'`,
      [ctx.organization.id],
    );
    expect(source!.name).toBe('iam-credential-report');
    expect(source!.last_successful_run_at).toBeInstanceOf(Date);
    const [stored] = await ctx.query<{ data_source_id: string }>(`SELECT data_source_id FROM ingest_run WHERE id = $1`, [run.id]);
    expect(stored!.data_source_id).toBe(source!.id);
  });

  it('changes nothing when the same file is ingested again, and counts everything as unchanged', async () => {
    const before = await snapshot(ctx);
    const run = await ctx.ingest.ingestFile(ctx.organization.slug, 'iam-credential-report', IAM_2023);
    expect(run).toMatchObject({ status: 'SUCCEEDED', inserted: 0, updated: 0, rejected: 0 });
    expect(run.unchanged).toBe(run.accepted);
    const after = await snapshot(ctx);
    expect({ ...after, data_source: [] }).toEqual({ ...before, data_source: [] });
  });

  it('lands the good rows of a partly bad file and reports each bad one with its line (PARTIAL)', async () => {
    const file = join(ctx.dir, 'roster.csv');
    writeFileSync(
      file,
      [
        HR_HEADER,
        'E1,Ana@Example.com,Ana Lee,employee,active,2020-01-06,,KR,Platform,boss@example.com',
        'E2,bo@example.com,Bo Kim,employee,retired,2020-01-06,,KR,Platform,',
        'E3,cy@example.com,Cy Park,contractor,terminated,2021-03-01,2025-06-20,IN,Payments,',
        'E4,di@example.com,Di Cho,employee,active,not-a-date,,KR,Platform,',
      ].join('\n'),
    );
    const run = await ctx.ingest.ingestFile(ctx.organization.slug, 'hr-roster', file);
    expect(run).toMatchObject({ status: 'PARTIAL', accepted: 2, rejected: 2, inserted: 2 });
    expect(run.errorMessage).toMatch(/2 records rejected; first: .*roster\.csv:3: /);
    const errors = await ctx.query<{ line: number; field: string; reason: string }>(
      `SELECT line, field, reason FROM ingest_error WHERE run_id = $1 ORDER BY line`,
      [run.id],
    );
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'status'],
      [5, 'start_date'],
    ]);
    const people = await ctx.query<{ email: string; status: string; team: string }>(
      `SELECT i.email, i.status, t.name AS team FROM identity i LEFT JOIN team t ON t.id = i.team_id WHERE i.organization_id = $1 ORDER BY i.email`,
      [ctx.organization.id],
    );
    expect(people).toEqual([
      { email: 'ana@example.com', status: 'ACTIVE', team: 'Platform' },
      { email: 'cy@example.com', status: 'TERMINATED', team: 'Payments' },
    ]);
  });

  it('rejects a NUL byte and Latin-1 bytes per record with file:line, never a raw PostgreSQL error, and finishes the run', async () => {
    const file = join(ctx.dir, 'roster-bytes.csv');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(`${HR_HEADER}\nE7,gil@example.com,Gil Han,employee,active,2020-01-06,,KR,Platform,\nE8,nul@example.com,N\u0000ul,employee,active,2020-01-06,,KR,Platform,\n`),
        Buffer.from('E9,jorg@example.com,J\xf6rg,employee,active,2020-01-06,,DE,Platform,\n', 'latin1'),
      ]),
    );
    const run = await ctx.ingest.ingestFile(ctx.organization.slug, 'hr-roster', file);
    expect(run).toMatchObject({ status: 'PARTIAL', accepted: 1, rejected: 2 });
    const errors = await ctx.query<{ line: number; field: string; reason: string }>(`SELECT line, field, reason FROM ingest_error WHERE run_id = $1 ORDER BY line`, [run.id]);
    expect(errors).toEqual([
      { line: 3, field: 'full_name', reason: 'contains a NUL character, which cannot be stored' },
      { line: 4, field: 'full_name', reason: 'the text is not UTF-8 (bytes of another encoding, e.g. Latin-1): export it as UTF-8' },
    ]);
    const [{ running }] = await ctx.query<{ running: string }>(`SELECT count(*) AS running FROM ingest_run WHERE status = 'RUNNING'`);
    expect(Number(running)).toBe(0);
  });

  it('keeps an empty export as a warning run that leaves the source as fresh as it was', async () => {
    const good = join(ctx.dir, 'events.jsonl');
    writeFileSync(good, '{"class_uid":3002,"time":1717200000000,"activity_id":1,"user":{"name":"ana@example.com"},"status_id":1}\n');
    expect(await ctx.ingest.ingestFile(ctx.organization.slug, 'ocsf', good)).toMatchObject({ status: 'SUCCEEDED', accepted: 1 });
    const before = await ctx.query<{ last: Date | null }>(`SELECT last_successful_run_at AS last FROM data_source WHERE organization_id = $1 AND type = 'ocsf'`, [ctx.organization.id]);
    expect(before[0]!.last).toBeInstanceOf(Date);
    const empty = join(ctx.dir, 'empty.jsonl');
    writeFileSync(empty, '');
    const run = await ctx.ingest.ingestFile(ctx.organization.slug, 'ocsf', empty);
    expect(run).toMatchObject({ status: 'PARTIAL', accepted: 0, rejected: 0, errorMessage: expect.stringMatching(/^the export held no records/) });
    const after = await ctx.query<{ last: Date | null }>(`SELECT last_successful_run_at AS last FROM data_source WHERE organization_id = $1 AND type = 'ocsf'`, [ctx.organization.id]);
    expect(after).toEqual(before);
  });

  it('fails a file with a wrong header without touching what is stored (FAILED)', async () => {
    const file = join(ctx.dir, 'wrong-header.csv');
    writeFileSync(file, 'user,arn,created\nalice,arn:aws:iam::1:user/alice,2020-01-01\n');
    const before = await snapshot(ctx);
    const run = await ctx.ingest.ingestFile(ctx.organization.slug, 'iam-credential-report', file);
    expect(run).toMatchObject({ status: 'FAILED', accepted: 0, rejected: 1, inserted: 0 });
    expect(run.errorMessage).toMatch(/none accepted; first: .*wrong-header\.csv:1: header is missing required column/);
    const after = await snapshot(ctx);
    expect({ ...after, data_source: [] }).toEqual({ ...before, data_source: [] });
  });

  it('fails a missing file with a clear reason and keeps the previous data', async () => {
    const before = await snapshot(ctx);
    const run = await ctx.ingest.ingestFile(ctx.organization.slug, 'iam-credential-report', join(ctx.dir, 'nope.csv'));
    expect(run.status).toBe('FAILED');
    expect(run.errorMessage).toMatch(/nope\.csv: no such file or directory; nothing from this run was stored/);
    expect(await snapshot(ctx)).toEqual(before);
  });

  it('keeps the first-seen date of a credential across runs and updates what changed', async () => {
    const file = join(ctx.dir, 'keys.csv');
    writeFileSync(file, [IAM_HEADER, iamUser('deploy', '2020-02-02T00:00:00+00:00')].join('\n'));
    await ctx.ingest.ingestFile(ctx.organization.slug, 'iam-credential-report', file);
    const [first] = await ctx.query<{ first_seen_at: Date }>(`SELECT first_seen_at FROM credential WHERE name LIKE 'deploy%' AND kind = 'ACCESS_KEY'`);
    writeFileSync(file, [IAM_HEADER, iamUser('deploy', '2026-01-05T00:00:00+00:00')].join('\n'));
    const run = await ctx.ingest.ingestFile(ctx.organization.slug, 'iam-credential-report', file);
    expect(run.updated).toBeGreaterThanOrEqual(1);
    const [second] = await ctx.query<{ first_seen_at: Date; last_rotated_at: Date }>(
      `SELECT first_seen_at, last_rotated_at FROM credential WHERE name LIKE 'deploy%' AND kind = 'ACCESS_KEY'`,
    );
    expect(second!.first_seen_at).toEqual(first!.first_seen_at);
    expect(second!.last_rotated_at.toISOString()).toBe('2026-01-05T00:00:00.000Z');
  });

  it('refuses an unknown source naming the ones it knows', async () => {
    await expect(ctx.ingest.ingestFile(ctx.organization.slug, 'bogus', IAM_2023)).rejects.toThrow(
      /Unknown source "bogus": expected one of iam-credential-report, jwks, x509, hr-roster/,
    );
  });

  it('refuses an unknown organization', async () => {
    await expect(ctx.ingest.ingestFile('no-such-org', 'iam-credential-report', IAM_2023)).rejects.toThrow(/No organization with slug "no-such-org"/);
  });
});
