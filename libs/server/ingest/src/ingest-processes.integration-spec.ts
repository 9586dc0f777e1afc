import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IngestRunRepository } from '@postureboard/server-database';
import { compileIngestProcess } from './testing/compiled-process.js';
import { createIngestTestContext, type IngestTestContext } from './testing/ingest-test-context.js';
import { waitUntil } from './testing/wait-until.js';

const HR_HEADER = 'employee_id,email,full_name,employment_type,status,start_date,termination_date,work_country,department,manager_email';

/** A child that exited before saying it is ready has failed: stop waiting (its output says why). */
const failedEarly = (children: { process: { exitCode: number | null } }[]): boolean => children.some((c) => c.process.exitCode !== null);

const until = <T>(what: string, check: () => Promise<T | undefined | null | false>) => waitUntil(what, check, 120_000);

interface Child {
  process: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

/** Child processes start a whole Nest context each: slow on a loaded two-core machine. */
const PROCESS_TEST_TIMEOUT = 240_000;

describe('ingest in separate processes', () => {
  let ctx: IngestTestContext;
  let compiled: ReturnType<typeof compileIngestProcess>;
  const children: ChildProcess[] = [];

  const start = (...args: string[]): Child => {
    const child = spawn(process.execPath, [compiled.entry, ...args], {
      env: { ...process.env, DATABASE_URL: ctx.db.url, POSTUREBOARD_SECRET_KEY: ctx.secretKey, POSTUREBOARD_DATA_DIR: ctx.dir, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const output: string[] = [];
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => output.push(...chunk.split('\n').filter(Boolean)));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => output.push(`stderr: ${chunk}`));
    return { process: child, output, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
  };

  const tables = async () => ({
    identity: await ctx.query('SELECT * FROM identity ORDER BY email'),
    team: await ctx.query('SELECT * FROM team ORDER BY name'),
    data_source: await ctx.query('SELECT id, name, last_successful_run_at FROM data_source ORDER BY name'),
  });

  beforeAll(async () => {
    compiled = compileIngestProcess();
    ctx = await createIngestTestContext();
  }, PROCESS_TEST_TIMEOUT);

  afterAll(async () => {
    // A failed test must not leave a worker behind.
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await ctx.close();
    compiled.remove();
  });

  it('leaves the previous data exactly as it was when the ingesting process is killed mid-run', async () => {
    const small = join(ctx.dir, 'small.csv');
    writeFileSync(small, [HR_HEADER, 'K1,k1@example.com,Kim One,employee,active,2020-01-01,,KR,Core,'].join('\n'));
    const first = start('ingest', ctx.organization.slug, 'hr-roster', small);
    expect(await first.exited).toBe(0);
    const before = await tables();

    // Large enough to take seconds: the same person changes, plus 200k new ones, in batches of 5000.
    const big = join(ctx.dir, 'big.csv');
    const out = createWriteStream(big);
    out.write(`${HR_HEADER}\nK1,k1@example.com,Kim Changed,employee,terminated,2020-01-01,2025-06-01,KR,Core,\n`);
    for (let i = 0; i < 200_000; i += 1) out.write(`B${i},b${i}@example.com,Bulk ${i},employee,active,2021-01-01,,KR,Dept ${i % 40},\n`);
    await new Promise((resolve) => out.end(resolve));

    const victim = start('ingest', ctx.organization.slug, 'hr-roster', big);
    const runs = ctx.app.get(IngestRunRepository);
    const run = await until('the big run to start writing', async () => {
      const [running] = await ctx.query<{ id: string; pid: number }>(
        `SELECT r.id, a.pid FROM ingest_run r JOIN pg_stat_activity a ON a.datname = current_database() AND a.xact_start IS NOT NULL
           AND a.application_name = 'postureboard' AND a.pid <> pg_backend_pid()
         WHERE r.status = 'RUNNING' AND r.input = $1 LIMIT 1`,
        [big],
      );
      return running;
    });
    // Let several batches reach the database inside the run's transaction.
    await new Promise((r) => setTimeout(r, 1_500));
    victim.process.kill('SIGKILL');
    expect(await victim.exited).toBeNull();

    await until('the killed backend to go', async () => {
      const [{ n }] = await ctx.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1`, [run.pid]);
      return n === 0;
    });
    expect(await tables()).toEqual(before);
    // The run is still RUNNING; the next start of anything ingesting notices its process is gone.
    await ctx.query(`UPDATE ingest_run SET started_at = now() - interval '5 minutes' WHERE id = $1`, [run.id]);
    expect(await runs.failAbandoned(60_000)).toEqual([run.id]);
    expect((await runs.findById(run.id))!.status).toBe('FAILED');
  }, PROCESS_TEST_TIMEOUT);

  it('lets two worker processes share queued runs, each executed exactly once', async () => {
    // One at a time: the first creates the queue's schema, so the second does not race it on a busy machine.
    const workers = [start('worker', '2')];
    await until('the first worker to be ready', async () => workers[0]!.output.includes('ready') || failedEarly(workers));
    workers.push(start('worker', '2'));
    await until('both workers to be ready', async () => workers.every((w) => w.output.includes('ready')) || failedEarly(workers));
    expect(workers.map((w) => [w.process.exitCode, w.output.includes('ready') ? 'ready' : w.output.join('\n')])).toEqual([
      [null, 'ready'],
      [null, 'ready'],
    ]);
    const queued: string[] = [];
    for (let i = 0; i < 24; i += 1) {
      const file = join(ctx.dir, `queued-${i}.csv`);
      writeFileSync(file, [HR_HEADER, `W${i},w${i}@example.com,Worker Test ${i},employee,active,2022-01-01,,KR,Workers,`].join('\n'));
      queued.push((await ctx.ingest.enqueueFile(ctx.organization.slug, 'hr-roster', file)).id);
    }
    const runs = ctx.app.get(IngestRunRepository);
    await until('every queued run to finish', async () => (await Promise.all(queued.map((id) => runs.findById(id)))).every((r) => r?.status === 'SUCCEEDED'));
    for (const w of workers) w.process.kill('SIGTERM');
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);

    const executed = workers.flatMap((w) => w.output.filter((line) => line.startsWith('run ')).map((line) => line.split(' ')[1]!));
    expect([...executed].sort()).toEqual([...queued].sort());
    expect(new Set(executed).size).toBe(executed.length);
    const [{ people }] = await ctx.query<{ people: number }>(`SELECT count(*)::int AS people FROM identity WHERE department = 'Workers'`);
    expect(people).toBe(24);
  }, PROCESS_TEST_TIMEOUT);
});
