import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { athenaLikeEngine } from '@postureboard/connectors/testing';
import { API_SCHEMA_OPTIONS, CoreModule, loadConfig, sameOriginMiddleware } from '@postureboard/server-core';
import { DatabaseModule } from '@postureboard/server-database';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { IdentityAliasService } from './alias/identity-alias.service.js';
import { IngestModule } from './ingest.module.js';

const IAM_2023 = readFileSync('/work/shared/samples/aws-iam-credential-report/AWS_testbench_credential_report_2023.csv');
const UPLOAD_LIMIT = 64 * 1024;
/** The line after the sample's last: where the broken row is appended. */
const BROKEN_LINE = IAM_2023.toString('utf8').trimEnd().split('\n').length + 1;

@Module({})
class ApiTestModule {
  static forRoot(url: string, dataDir: string): DynamicModule {
    const config = loadConfig({ DATABASE_URL: url, POSTUREBOARD_SECRET_KEY: randomBytes(32).toString('base64'), POSTUREBOARD_DATA_DIR: dataDir });
    return {
      module: ApiTestModule,
      imports: [
        CoreModule.forRoot(config),
        DatabaseModule.forRoot({ migrate: false, poolSize: 6 }),
        GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, path: '/graphql', autoSchemaFile: true, sortSchema: true, buildSchemaOptions: API_SCHEMA_OPTIONS }),
        // Small inflation bounds, so a bomb that fits the small upload limit still trips them.
        IngestModule.forRoot({ uploadLimitBytes: UPLOAD_LIMIT, inputLimits: { maxInflatedBytes: 1 << 20, maxInflateRatio: 1e6 } }),
      ],
    };
  }
}

describe('ingest over HTTP and GraphQL', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let base: string;
  let dir: string;
  const org = `api-${randomBytes(3).toString('hex')}`;

  const graphql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<{ data: T; errors?: { message: string; extensions: { code: string } }[] }> => {
    const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as { data: T };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'pb-api-'));
    await db.dataSource.query(`INSERT INTO organization (slug, name) VALUES ($1, 'API test')`, [org]);
    app = await NestFactory.create(ApiTestModule.forRoot(db.url, dir), { logger: ['error'] });
    // As apps/api does: the same-origin check of every state-changing route (CSRF).
    app.use(sameOriginMiddleware(undefined));
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ingests a raw upload and answers with the run', async () => {
    const response = await fetch(`${base}/api/orgs/${org}/ingest/iam-credential-report?filename=report.csv`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: IAM_2023,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { run: { status: string; trigger: string; input: string; inserted: number }; errors: unknown[] };
    expect(body.run).toMatchObject({ status: 'SUCCEEDED', trigger: 'UPLOAD', input: 'upload:report.csv' });
    expect(body.run.inserted).toBeGreaterThan(0);
  });

  it('ingests a multipart upload, reporting bad lines under the uploaded name', async () => {
    const text = `${IAM_2023.toString('utf8').trimEnd()}\nbroken,"unterminated\n`;
    const form = new FormData();
    form.append('file', new Blob([text]), 'creds.csv');
    const response = await fetch(`${base}/api/orgs/${org}/ingest/iam-credential-report`, { method: 'POST', body: form });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { run: { status: string; unchanged: number }; errors: { source: string; line: number }[] };
    expect(body.run.status).toBe('PARTIAL');
    expect(body.errors[0]).toMatchObject({ source: 'upload:creds.csv', line: BROKEN_LINE });
  });

  it('ingests uploaded Parquet rollups, whatever the upload is called, naming a bad row by row group and row', async () => {
    const path = join(dir, 'rollups.parquet');
    const { connection, close } = await athenaLikeEngine([]);
    try {
      await connection.run(
        `COPY (SELECT * FROM (VALUES (DATE '2026-11-01', 'dev', 'AKIADEV', 'KR', 3::BIGINT, 100::BIGINT), (DATE '2026-11-01', '', NULL, 'KR', 1::BIGINT, 0::BIGINT))
           t(day, principal, credential, country, events, bytes)) TO '${path}' (FORMAT parquet)`,
      );
    } finally {
      close();
    }
    // An organization of its own: the run listing below counts this one's runs.
    const lake = `${org}-lake`;
    await db.dataSource.query(`INSERT INTO organization (slug, name) VALUES ($1, 'Lake test')`, [lake]);
    const response = await fetch(`${base}/api/orgs/${lake}/ingest/access-rollups?filename=part-0000`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: readFileSync(path),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { run: { status: string; accepted: number; rejected: number }; errors: { source: string; record: number; reason: string }[] };
    expect(body.run).toMatchObject({ status: 'PARTIAL', accepted: 1, rejected: 1 });
    expect(body.errors).toEqual([expect.objectContaining({ source: 'upload:part-0000', record: 2, reason: 'row group 1, row 2: principal is empty' })]);
  });

  it('refuses uploads over the size limit, unknown sources and unknown organizations', async () => {
    const big = await fetch(`${base}/api/orgs/${org}/ingest/hr-roster`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(UPLOAD_LIMIT + 1, 'a'),
    });
    expect(big.status).toBe(413);
    const form = new FormData();
    form.append('file', new Blob([Buffer.alloc(UPLOAD_LIMIT + 1, 'a')]), 'big.csv');
    expect((await fetch(`${base}/api/orgs/${org}/ingest/hr-roster`, { method: 'POST', body: form })).status).toBe(413);
    const unknown = await fetch(`${base}/api/orgs/${org}/ingest/nonsense`, { method: 'POST', body: 'x' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { message: string }).message).toMatch(/Unknown source "nonsense"/);
    expect((await fetch(`${base}/api/orgs/nobody/ingest/hr-roster`, { method: 'POST', body: 'x' })).status).toBe(404);
  });

  it('answers 413 for a gzip bomb and 422 for deep nesting, naming the upload and where it stopped; the run is FAILED', async () => {
    const bomb = gzipSync(Buffer.alloc(20 << 20, 0x20), { level: 9 });
    expect(bomb.length).toBeLessThan(UPLOAD_LIMIT);
    const tooLarge = await fetch(`${base}/api/orgs/${org}/ingest/okta-system-log?filename=events.jsonl.gz`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: bomb,
    });
    expect(tooLarge.status).toBe(413);
    const refused = (await tooLarge.json()) as { error: string; message: string; runId: string };
    expect(refused.error).toBe('INPUT_TOO_LARGE');
    expect(refused.message).toMatch(/^upload:events\.jsonl\.gz: refused at \d+ MiB of decompressed text: the file inflates to more than 1 MiB/);
    const [run] = await db.dataSource.query<{ status: string; error_message: string }[]>(`SELECT status, error_message FROM ingest_run WHERE id = $1`, [refused.runId]);
    expect(run!.status).toBe('FAILED');
    expect(run!.error_message).not.toContain(tmpdir());

    const deepText = '['.repeat(30_000) + ']'.repeat(30_000);
    const deepRaw = await fetch(`${base}/api/orgs/${org}/ingest/ocsf?filename=deep.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: deepText,
    });
    expect(deepRaw.status).toBe(422);
    expect(((await deepRaw.json()) as { message: string }).message).toMatch(/^upload:deep\.json: refused at line 1: JSON nested deeper than 128 levels/);
    const deepJson = await fetch(`${base}/api/orgs/${org}/ingest/ocsf?filename=deep.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '['.repeat(40_000) + ']'.repeat(40_000),
    });
    expect(deepJson.status).toBe(422);
    expect(((await deepJson.json()) as { error: string }).error).toBe('INPUT_UNPROCESSABLE');
  });

  it('lists runs with their errors, newest first', async () => {
    const { data } = await graphql<{ ingestRuns: { status: string; sourceType: string; trigger: string; errors: { source: string; line: number | null; reason: string }[] }[] }>(
      `query($org: String!) { ingestRuns(org: $org, first: 5) { id sourceType trigger status input queuedAt startedAt finishedAt
         accepted rejected inserted updated unchanged errorMessage errors(limit: 5) { source line record field reason } } }`,
      { org },
    );
    expect(data.ingestRuns.map((r) => r.status)).toEqual(['FAILED', 'FAILED', 'PARTIAL', 'SUCCEEDED']);
    expect(data.ingestRuns[2]!.errors[0]).toMatchObject({ source: 'upload:creds.csv', line: BROKEN_LINE });
    expect(data.ingestRuns[3]!.errors).toEqual([]);
  });

  it("refuses a browser's upload from another origin (CSRF) and takes one from the app's own", async () => {
    const post = (origin: string) => {
      const form = new FormData();
      form.append('file', new Blob([IAM_2023]), 'creds.csv');
      return fetch(`${base}/api/orgs/${org}/ingest/iam-credential-report`, { method: 'POST', headers: { origin }, body: form });
    };
    const before = await db.dataSource.query('SELECT count(*)::int AS n FROM ingest_run');
    const foreign = await post('https://postureboard.evil.example');
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { message: string }).message).toMatch(/Cross-origin POST refused/);
    expect((await post(`https://${new URL(base).host}.evil.example`)).status).toBe(403);
    expect(await db.dataSource.query('SELECT count(*)::int AS n FROM ingest_run')).toEqual(before);
    expect((await post(base)).status).toBe(200);
  });

  it('configures a data source without ever returning its secret, and queues a run of it', async () => {
    const secret = 'hvs.super-secret-vault-token';
    const { data, errors } = await graphql<{ configureDataSource: { id: string; config: string; secretFieldsSet: string[]; freshness: string; lastRun: null } }>(
      `mutation($org: String!, $config: String!) {
         configureDataSource(org: $org, type: "scim-users", name: "Directory", config: $config, schedule: "0 3 * * *") {
           id type name enabled schedule config secretFieldsSet lastSuccessfulRunAt freshness lastRun { id } } }`,
      { org, config: JSON.stringify({ baseUrl: 'https://idp.example.com/scim/v2', token: secret }) },
    );
    expect(errors).toBeUndefined();
    expect(data.configureDataSource).toMatchObject({ secretFieldsSet: ['token'], freshness: 'NEVER', lastRun: null });
    expect(JSON.stringify(data)).not.toContain(secret);
    expect(JSON.parse(data.configureDataSource.config)).toMatchObject({ baseUrl: 'https://idp.example.com/scim/v2' });

    const run = await graphql<{ runDataSource: { status: string; trigger: string } }>(
      `mutation($org: String!, $id: ID!) { runDataSource(org: $org, id: $id) { id status trigger sourceType } }`,
      { org, id: data.configureDataSource.id },
    );
    expect(run.data.runDataSource).toMatchObject({ status: 'QUEUED', trigger: 'MANUAL' });

    const listed = await graphql<{ dataSources: { name: string; lastRun: { status: string } | null }[] }>(
      `query($org: String!) { dataSources(org: $org) { name type secretFieldsSet freshness lastRun { status } } }`,
      { org },
    );
    expect(listed.data.dataSources.find((s) => s.name === 'Directory')!.lastRun).toEqual({ status: 'QUEUED' });
    expect(JSON.stringify(listed.data)).not.toContain(secret);
  });

  it('maps refusals to GraphQL error codes', async () => {
    const bad = await graphql(`mutation { configureDataSource(org: "${org}", type: "scim-users", name: "X", config: "{}") { id } }`);
    expect(bad.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    const missing = await graphql(`query { ingestRuns(org: "nobody") { id } }`);
    expect(missing.errors![0]!.extensions.code).toBe('NOT_FOUND');
  });
  it('adds, lists and removes an alias over GraphQL, linking the stored GitHub token', async () => {
    const roster = join(dir, 'roster.csv');
    writeFileSync(roster, 'employee_id,email,full_name,employment_type,status,start_date,termination_date,work_country,department,manager_email\nE9,dev@example.com,Dev,employee,active,2020-01-01,,KR,Platform,\n');
    const credentials = join(dir, 'credential-authorizations.json');
    writeFileSync(credentials, JSON.stringify([{ login: 'Dev-GH', credential_id: 1, credential_type: 'personal access token', credential_authorized_at: '2024-01-01T00:00:00Z', authorized_credential_id: 55 }]));
    for (const [source, path] of [['hr-roster', roster], ['github-credentials', credentials]] as const) {
      const response = await fetch(`${base}/api/orgs/${org}/ingest/${source}?filename=${source}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: readFileSync(path) });
      expect(response.status).toBe(200);
    }
    const added = await graphql<{ addIdentityAlias: Record<string, unknown> }>(
      `mutation($org: String!) { addIdentityAlias(org: $org, identity: "DEV@example.com", alias: "Dev-GH", system: "github") { alias system outcome linkedAccounts linkedCredentials } }`,
      { org },
    );
    expect(added.errors).toBeUndefined();
    expect(added.data.addIdentityAlias).toEqual({ alias: 'dev-gh', system: 'github', outcome: 'added', linkedAccounts: 0, linkedCredentials: 1 });
    // The list is read within the caller's team scope, which needs the guard this module leaves out: read through
    // the service the resolver uses (the field's access is probed in apps/api's authorization spec).
    const listed = await app.get(IdentityAliasService).list(org);
    expect(listed.map(({ alias, system, identityEmail }) => ({ alias, system, identityEmail }))).toEqual([{ alias: 'dev-gh', system: 'github', identityEmail: 'dev@example.com' }]);
    const unknown = await graphql(`mutation($org: String!) { addIdentityAlias(org: $org, identity: "nobody@example.com", alias: "x") { alias } }`, { org });
    expect(unknown.errors?.[0]).toMatchObject({ message: `No person with e-mail or employee number "nobody@example.com" in ${org}`, extensions: { code: 'BAD_USER_INPUT' } });
    const removed = await graphql<{ removeIdentityAlias: Record<string, unknown> }>(`mutation($org: String!) { removeIdentityAlias(org: $org, alias: "DEV-GH") { outcome linkedCredentials } }`, { org });
    expect(removed.data.removeIdentityAlias).toEqual({ outcome: 'removed', linkedCredentials: 1 });
  });
});
