import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { compileServer, createEmptyTestDatabase } from '@postureboard/server-database/testing';

const TIMEOUT = 300_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A worker killed in the middle of an evaluation (SIGKILL while its transaction holds the organisation's
 * evaluation lock) leaves the previous posture and findings exactly as they were; the next worker's sweep sees
 * the data still unevaluated and stores the new posture.
 */
describe('an evaluation killed mid-way', () => {
  let compiled: ReturnType<typeof compileServer>;
  let database: { url: string; drop(): Promise<void> };
  let env: NodeJS.ProcessEnv;
  let client: pg.Client;
  const children: ChildProcess[] = [];

  const cli = (...args: string[]): string => {
    const result = spawnSync(process.execPath, [join(compiled.root, 'apps/cli/src/main.js'), ...args], { env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`cli ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  };
  const start = (...args: string[]): { child: ChildProcess; output: string[] } => {
    const child = spawn(process.execPath, [join(compiled.root, 'apps/cli/src/main.js'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
    children.push(child);
    return { child, output };
  };
  const stored = async () => ({
    posture: (await client.query(`SELECT as_of, evaluated_at, data_version, view, top_risk_ids FROM current_posture`)).rows,
    findings: (await client.query(`SELECT id, fingerprint, status, last_detected_at, title FROM finding ORDER BY fingerprint`)).rows,
    history: (await client.query(`SELECT count(*)::int AS n FROM finding_status_change`)).rows,
  });

  beforeAll(async () => {
    compiled = compileServer();
    database = await createEmptyTestDatabase();
    env = {
      ...process.env,
      DATABASE_URL: database.url,
      POSTUREBOARD_SECRET_KEY: randomBytes(32).toString('base64'),
      POSTUREBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'pb-crash-')),
      LOG_LEVEL: 'error',
    };
    cli('migrate');
    cli('org', 'create', '--slug', 'acme', '--name', 'Acme', '--approved-countries', 'KR');
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  }, TIMEOUT);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await client?.end();
    await database?.drop();
    compiled?.remove();
  }, TIMEOUT);

  it(
    'leaves the previous posture served and nothing half-written; a worker then evaluates the new data',
    async () => {
      const credentials = (prefix: string, n: number) =>
        client.query(
          `INSERT INTO credential (organization_id, source, external_id, kind, name, environment, status, created_at, last_rotated_at, first_seen_at, owner_ref)
           SELECT o.id, 'test', $1 || g, 'ACCESS_KEY', $1 || g, 'PRODUCTION', 'ACTIVE', now() - interval '1000 days', now() - interval '1000 days', now() - interval '1000 days', 'someone'
             FROM organization o, generate_series(1, $2::int) g WHERE o.slug = 'acme'`,
          [prefix, n],
        );
      await credentials('old-key-', 50);
      cli('evaluate', '--org', 'acme');
      const before = await stored();
      expect(before.posture).toHaveLength(1);
      expect(before.findings.length).toBeGreaterThanOrEqual(50);

      // Thousands of new overdue keys: an evaluation that writes for long enough to be killed mid-transaction.
      await credentials('new-key-', 6000);
      const { child } = start('evaluate', '--org', 'acme');
      let killed = false;
      const deadline = Date.now() + 120_000;
      while (!killed && Date.now() < deadline && child.exitCode === null) {
        const { rows } = await client.query(
          `SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND a.datname = current_database() AND a.pid <> pg_backend_pid()`,
        );
        if (rows.length > 0) {
          child.kill('SIGKILL');
          killed = true;
        } else {
          await sleep(5);
        }
      }
      expect(killed).toBe(true);
      await new Promise((resolve) => (child.exitCode === null && child.signalCode === null ? child.once('exit', resolve) : resolve(null)));
      // PostgreSQL rolls the dead client's transaction back once it notices the connection is gone.
      for (let i = 0; i < 200; i++) {
        const { rows } = await client.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()`);
        if (rows.length === 0) break;
        await sleep(50);
      }
      expect(await stored()).toEqual(before);

      // A worker's sweep finds the data newer than the stored posture and evaluates it.
      const worker = start('worker', '--no-schedule');
      let after = before;
      for (let i = 0; i < 600 && after.posture[0]?.evaluated_at?.getTime() === before.posture[0]?.evaluated_at?.getTime(); i++) {
        await sleep(250);
        after = await stored();
      }
      expect(after.posture[0]!.evaluated_at.getTime()).toBeGreaterThan(before.posture[0]!.evaluated_at.getTime());
      expect(after.findings.length).toBeGreaterThanOrEqual(6050);
      expect(worker.output.join('')).toMatch(/evaluated/);
    },
    TIMEOUT,
  );
});
