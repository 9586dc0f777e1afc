import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { jest } from '@jest/globals';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AuthModule } from '@postureboard/server-auth';
import { API_SCHEMA_OPTIONS, CoreModule, loadConfig } from '@postureboard/server-core';
import { DatabaseModule } from '@postureboard/server-database';
import { createEmptyTestDatabase } from '@postureboard/server-database/testing';
import { IngestModule } from '@postureboard/server-ingest';
import { OrganizationModule } from '@postureboard/server-organization';
import { PostureModule } from '@postureboard/server-posture';
import { PostureReportDataSource, ReportsModule } from '@postureboard/server-reports';
import { closeContext } from '../cli-context.js';
import { buildProgram } from '../program.js';

const CREDENTIAL_REPORT = resolvePath('../shared/samples/aws-iam-credential-report/AWS_testbench_credential_report_2023.csv');
/** Nothing listens here: a remote command that touched the local database would fail. */
const NO_DATABASE = 'postgres://postgres@127.0.0.1:1/none';

/** Runs `postureboard <args>` in-process with these environment variables, returning what it printed. */
async function cli(env: Record<string, string | undefined>, ...args: string[]): Promise<string> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const assign = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...values: unknown[]) => void lines.push(values.join(' ')));
  assign(env);
  try {
    await buildProgram().parseAsync(['node', 'postureboard', ...args]);
  } finally {
    log.mockRestore();
    assign(saved);
    await closeContext();
  }
  return lines.join('\n');
}

describe('postureboard CLI against a remote server with an API token', () => {
  let drop: () => Promise<void>;
  let app: INestApplication;
  let server: string;
  let local: Record<string, string | undefined>;
  const tokens: Record<string, string> = {};
  const out = mkdtempSync(join(tmpdir(), 'pb-remote-cli-'));
  const remote = (who: string, extra: Record<string, string | undefined> = {}) => ({
    ...local,
    DATABASE_URL: NO_DATABASE,
    POSTUREBOARD_SERVER_URL: server,
    POSTUREBOARD_API_TOKEN: tokens[who],
    ...extra,
  });

  beforeAll(async () => {
    const db = await createEmptyTestDatabase();
    drop = db.drop;
    local = {
      DATABASE_URL: db.url,
      POSTUREBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'pb-remote-data-')),
      POSTUREBOARD_SECRET_KEY: Buffer.alloc(32, 13).toString('base64'),
      POSTUREBOARD_SERVER_URL: undefined,
      POSTUREBOARD_API_TOKEN: undefined,
    };
    // The operator's own database, prepared with the CLI as they would.
    await cli(local, 'migrate');
    await cli(local, 'org', 'create', '--slug', 'acme', '--name', 'Acme', '--approved-countries', 'KR,US', '--currency', 'KRW');
    await cli(local, 'org', 'create', '--slug', 'other', '--name', 'Other Corp');
    await cli(local, 'ingest', '--org', 'acme', '--source', 'iam-credential-report', '--path', CREDENTIAL_REPORT);
    for (const [who, role] of [['analyst', 'ANALYST'], ['viewer', 'BOARD_VIEWER']] as const) {
      await cli(local, 'user', 'create', '--email', `${who}@acme.test`, '--org', 'acme', '--role', role);
      tokens[who] = JSON.parse(await cli(local, 'token', 'create', '--email', `${who}@acme.test`, '--org', 'acme', '--expires-in', '1d', '--json')).token;
    }

    // The API, wired as apps/api wires it (an app cannot import another app, so the modules are listed here).
    const config = loadConfig({ ...local, NODE_ENV: 'test' } as Record<string, string>);
    app = await NestFactory.create(
      {
        module: class RemoteApiTestModule {},
        imports: [
          CoreModule.forRoot(config),
          DatabaseModule.forRoot({ migrate: false, poolSize: 4 }),
          GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, path: '/graphql', autoSchemaFile: true, sortSchema: true, buildSchemaOptions: API_SCHEMA_OPTIONS, includeStacktraceInErrorResponses: false }),
          OrganizationModule,
          PostureModule,
          AuthModule.forRoot(),
          IngestModule.forRoot(),
          ReportsModule.forRoot({ imports: [PostureModule, OrganizationModule], dataSource: PostureReportDataSource }),
        ],
      },
      { logger: false, abortOnError: false },
    );
    await app.listen(0, '127.0.0.1');
    server = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('lists only the organizations the token reaches, in the local JSON shape', async () => {
    const everything = JSON.parse(await cli(local, 'org', 'list', '--json'));
    expect(everything.map((o: { slug: string }) => o.slug)).toEqual(['acme', 'other']);
    expect(JSON.parse(await cli(remote('analyst'), 'org', 'list', '--json'))).toEqual(everything.filter((o: { slug: string }) => o.slug === 'acme'));
  });

  it('prints the same posture JSON as the local database', async () => {
    const fromServer = JSON.parse(await cli(remote('analyst'), 'posture', '--org', 'acme', '--as-of', '2025-12-31', '--json'));
    const fromLocal = JSON.parse(await cli(local, 'posture', '--org', 'acme', '--as-of', '2025-12-31', '--json'));
    expect(fromServer.domains.length).toBeGreaterThan(0);
    expect(fromServer.findingCounts.total).toBeGreaterThan(0);
    // A past date is evaluated on demand by each side: the same posture, evaluated at two instants.
    const { evaluatedAt: serverEvaluatedAt, ...server } = fromServer as { evaluatedAt: string };
    const { evaluatedAt: localEvaluatedAt, ...onLocal } = fromLocal as { evaluatedAt: string };
    expect(server).toEqual(onLocal);
    expect(Date.parse(serverEvaluatedAt)).toBeGreaterThan(0);
    expect(Date.parse(localEvaluatedAt)).toBeGreaterThan(0);
    // The current posture is the stored one: the very same, down to when it was evaluated (by the CLI's ingest).
    const storedOnServer = JSON.parse(await cli(remote('analyst'), 'posture', '--org', 'acme', '--json'));
    const storedLocally = JSON.parse(await cli(local, 'posture', '--org', 'acme', '--json'));
    expect(storedOnServer.evaluatedAt).not.toBeNull();
    expect(storedOnServer).toEqual(storedLocally);
  });

  it('prints the same findings JSON as the local database (the contract other tools read)', async () => {
    const fromServer = JSON.parse(await cli(remote('analyst'), 'findings', '--org', 'acme', '--json')) as Record<string, unknown>[];
    const fromLocal = JSON.parse(await cli(local, 'findings', '--org', 'acme', '--json')) as Record<string, unknown>[];
    expect(fromServer.length).toBeGreaterThan(0);
    for (const finding of fromServer) {
      expect(Object.keys(finding)).toEqual(expect.arrayContaining(['kind', 'severity', 'status', 'subject', 'ownerTeam', 'firstDetectedAt', 'lastDetectedAt', 'dueAt', 'evidence']));
      expect(finding['subject']).toEqual({ type: expect.any(String), externalId: expect.any(String), name: expect.any(String) });
      expect(finding['evidence']).toEqual(expect.arrayContaining([expect.objectContaining({ source: expect.any(String), summary: expect.any(String), data: expect.any(Object) })]));
    }
    // Each run evaluates now, moving lastDetectedAt forward; everything else must match field for field.
    const stable = (rows: Record<string, unknown>[]) => rows.map(({ lastDetectedAt: _moves, ...rest }) => rest);
    expect(stable(fromServer)).toEqual(stable(fromLocal));
  });

  it('filters findings by kind on the server', async () => {
    const overdue = JSON.parse(await cli(remote('analyst'), 'findings', '--org', 'acme', '--kind', 'key_rotation_overdue', '--json')) as { kind: string }[];
    expect(overdue.length).toBeGreaterThan(0);
    expect(new Set(overdue.map((f) => f.kind))).toEqual(new Set(['KEY_ROTATION_OVERDUE']));
  });

  it('downloads the board report the server generated, checked against its stored checksum', async () => {
    const file = join(out, 'board.pdf');
    const printed = JSON.parse(await cli(remote('analyst'), 'report', '--org', 'acme', '--out', file, '--json'));
    const pdf = readFileSync(file);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(printed).toEqual({
      id: expect.any(String),
      asOf: expect.any(String),
      lang: 'en',
      generatedAt: expect.any(String),
      // The server names who generated it: the token's owner, through that token.
      generatedBy: expect.stringMatching(/^analyst@acme\.test \(API token [0-9a-f-]{36}\)$/),
      checksum: createHash('sha256').update(pdf).digest('hex'),
      sizeBytes: pdf.length,
      out: file,
    });
  });

  it('takes the server from --server, the token still only from the environment', async () => {
    const listed = JSON.parse(await cli(remote('analyst', { POSTUREBOARD_SERVER_URL: undefined }), '--server', server, 'org', 'list', '--json'));
    expect(listed.map((o: { slug: string }) => o.slug)).toEqual(['acme']);
    await expect(cli(remote('analyst', { POSTUREBOARD_SERVER_URL: undefined }), 'org', 'list', '--server', server, '--token', tokens['analyst']!)).rejects.toThrow(/unknown option '--token'/);
    await expect(cli({ ...local, DATABASE_URL: NO_DATABASE }, '--server', server, 'org', 'list')).rejects.toThrow(/needs an API token in POSTUREBOARD_API_TOKEN/);
  });

  it('refuses every other command with a message saying it is local-only, touching no database', async () => {
    const localOnly: [string, string[]][] = [
      ['migrate', []],
      ['org create', ['--slug', 'x', '--name', 'X']],
      ['snapshot', ['--org', 'acme']],
      ['user deactivate', ['--email', 'analyst@acme.test']],
      ['audit verify', []],
    ];
    for (const [path, args] of localOnly) {
      await expect(cli(remote('analyst'), ...path.split(' '), ...args)).rejects.toThrow(`"${path}" is local-only: it works on this machine's database`);
    }
    expect(JSON.parse(await cli(local, 'org', 'list', '--json')).map((o: { slug: string }) => o.slug)).toEqual(['acme', 'other']);
  });

  it("answers the server's refusals clearly: a role that may not read findings, a token that is not valid", async () => {
    await expect(cli(remote('viewer'), 'findings', '--org', 'acme')).rejects.toThrow(/refused: .*the token's role or organization does not allow this/);
    await expect(cli(remote('analyst'), 'posture', '--org', 'other')).rejects.toThrow(/refused/);
    await expect(cli(remote('analyst', { POSTUREBOARD_API_TOKEN: 'pbt_not-a-real-token' }), 'org', 'list')).rejects.toThrow(/refused the API token/);
    await expect(cli(remote('analyst'), 'findings', '--org', 'acme', '--as-of', '2025-12-31')).rejects.toThrow(/"findings --as-of" is local-only/);
  });

  it('never sends the token over plain http to another machine, nor works with half a setup', async () => {
    await expect(cli(remote('analyst', { POSTUREBOARD_SERVER_URL: 'http://posture.example.com' }), 'org', 'list')).rejects.toThrow(/POSTUREBOARD_SERVER_URL: expected an https:\/\/ URL/);
    await expect(cli(remote('analyst', { POSTUREBOARD_SERVER_URL: undefined }), 'org', 'list')).rejects.toThrow(/POSTUREBOARD_API_TOKEN is set but no server is/);
  });
});
