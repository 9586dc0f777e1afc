import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { compileServer, createEmptyTestDatabase } from '@postureboard/server-database/testing';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const CREDENTIAL_REPORT = join(ROOT, '../shared/samples/aws-iam-credential-report/AWS_testbench_credential_report_2023.csv');
/** Child processes start a whole Nest application each: slow on a loaded two-core machine. */
const TIMEOUT = 300_000;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const waitUntil = async <T>(what: string, check: () => Promise<T | null | undefined | false>, ms = 180_000): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
};

const POSTURE = `query($org: String!) { posture(org: $org) {
  asOf evaluatedAt pending overallScore overallBand overallChange
  explanation { terms { kind label points domain } }
  domains { domain measured score band findingCounts { total critical } explanation { terms { kind label points metric fingerprint } } }
  findingCounts { critical high medium low total }
  topRisks(limit: 10) { id kind severity status title }
} }`;
const FINDINGS = `query($org: String!) { findings(org: $org, first: 500) { totalCount edges { node { id kind severity status title lastDetectedAt } } } }`;

/**
 * The write side and the read side as production runs them: two API replicas with no worker of their own and
 * one `postureboard worker` process, on one PostgreSQL. An upload through one API is evaluated by the worker;
 * both APIs then answer the same stored posture and findings, and reading changes nothing stored.
 */
describe('two API processes and one worker on one database', () => {
  let out: string;
  let compiled: ReturnType<typeof compileServer> | undefined;
  let database: { url: string; drop(): Promise<void> };
  let env: NodeJS.ProcessEnv;
  const children: { name: string; child: ChildProcess; output: string[] }[] = [];
  const apis: string[] = [];
  let token: string;

  const cli = (...args: string[]): string => {
    const result = spawnSync(process.execPath, [join(out, 'apps/cli/src/main.js'), ...args], { env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`cli ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  };
  const start = (name: string, entry: string, args: string[], extra: NodeJS.ProcessEnv = {}): { child: ChildProcess; output: string[] } => {
    const child = spawn(process.execPath, [join(out, entry), ...args], { env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => output.push(`stderr: ${chunk}`));
    children.push({ name, child, output });
    return { child, output };
  };
  const graphql = async <T>(api: string, query: string, variables: Record<string, unknown>): Promise<T> => {
    const response = await fetch(`${api}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (!body.data || body.errors?.length) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
    return body.data;
  };

  beforeAll(async () => {
    compiled = compileServer();
    out = compiled.root;
    database = await createEmptyTestDatabase();
    env = {
      ...process.env,
      DATABASE_URL: database.url,
      POSTUREBOARD_SECRET_KEY: randomBytes(32).toString('base64'),
      POSTUREBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'pb-processes-')),
      POSTUREBOARD_SEED_DEMO: 'false',
      POSTUREBOARD_ADMIN_PASSWORD: 'Correct-Horse-Battery-42',
      LOG_LEVEL: 'error',
    };
    cli('migrate');
    cli('org', 'create', '--slug', 'acme', '--name', 'Acme', '--approved-countries', 'KR');
    cli('user', 'create', '--email', 'analyst@acme.test', '--org', 'acme', '--role', 'ANALYST');
    token = JSON.parse(cli('token', 'create', '--email', 'analyst@acme.test', '--org', 'acme', '--expires-in', '1d', '--json')).token;
    for (const name of ['api-a', 'api-b']) {
      const port = await freePort();
      start(name, 'apps/api/src/main.js', [], { PORT: String(port), POSTUREBOARD_IN_PROCESS_WORKER: 'false' });
      apis.push(`http://127.0.0.1:${port}`);
    }
    const worker = start('worker', 'apps/cli/src/main.js', ['worker', '--no-schedule']);
    await waitUntil('the worker', async () => worker.output.join('').includes('worker started'));
    for (const api of apis) await waitUntil(`${api} ready`, async () => (await fetch(`${api}/readyz`)).ok);
  }, TIMEOUT);

  afterAll(async () => {
    for (const { child } of children) child.kill('SIGTERM');
    await Promise.all(children.map(({ child }) => (child.exitCode === null ? new Promise((r) => child.once('exit', r)) : null)));
    await database?.drop();
    compiled?.remove();
  }, TIMEOUT);

  it(
    'evaluates an upload in the worker; both APIs answer the same stored posture and findings, and reads write nothing',
    async () => {
      const form = new FormData();
      form.append('file', new Blob([readFileSync(CREDENTIAL_REPORT)]), 'credential-report.csv');
      const upload = await fetch(`${apis[0]}/api/orgs/acme/ingest/iam-credential-report`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, origin: apis[0]! },
        body: form,
      });
      expect(upload.status).toBeLessThan(300);

      // Visible without anyone asking for it to be evaluated: the worker stored it.
      type Reading = { posture: { evaluatedAt: string | null; pending: boolean; findingCounts: { total: number } } };
      const stored = await waitUntil('the stored posture', async () => {
        const { posture } = await graphql<Reading>(apis[1]!, POSTURE, { org: 'acme' });
        return posture.evaluatedAt && !posture.pending && posture.findingCounts.total > 0 ? posture : null;
      });
      expect(stored.findingCounts.total).toBeGreaterThan(0);
      const worker = children.find((c) => c.name === 'worker')!;
      await waitUntil('the worker to say it evaluated', async () => worker.output.join('').includes('evaluated'));

      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const rows = async () => ({
        posture: (await client.query(`SELECT organization_id, evaluated_at, data_version, view FROM current_posture ORDER BY organization_id`)).rows,
        findings: (await client.query(`SELECT id, status, last_detected_at, title FROM finding ORDER BY id`)).rows,
        history: (await client.query(`SELECT count(*)::int AS n FROM finding_status_change`)).rows,
        snapshots: (await client.query(`SELECT count(*)::int AS n FROM score_snapshot`)).rows,
      });
      try {
        const before = await rows();
        const [a, b] = await Promise.all(apis.map((api) => graphql(api, POSTURE, { org: 'acme' })));
        expect(a).toEqual(b);
        const [fa, fb] = await Promise.all(apis.map((api) => graphql(api, FINDINGS, { org: 'acme' })));
        expect(fa).toEqual(fb);
        // Reading a past and a future instant through an API is computed and changes nothing either.
        await graphql(apis[0]!, `query($org: String!, $asOf: DateTime) { posture(org: $org, asOf: $asOf) { overallScore } }`, { org: 'acme', asOf: '2031-01-01T00:00:00Z' });
        await graphql(apis[1]!, `query($org: String!, $asOf: DateTime) { posture(org: $org, asOf: $asOf) { overallScore } }`, { org: 'acme', asOf: '2020-01-01T00:00:00Z' });
        expect(await rows()).toEqual(before);
      } finally {
        await client.end();
      }
      // The API processes ran no evaluation: they have no worker, and only the worker reports evaluations.
      for (const api of children.filter((c) => c.name.startsWith('api'))) expect(api.output.join('')).not.toMatch(/evaluated/);
    },
    TIMEOUT,
  );
});
