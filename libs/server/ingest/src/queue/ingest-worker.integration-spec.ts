import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { IngestRunRepository } from '@postureboard/server-database';
import { createIngestTestContext, type IngestTestContext } from '../testing/ingest-test-context.js';
import { waitUntil } from '../testing/wait-until.js';

const JWKS = readFileSync('/work/shared/samples/jwks-x509/rfc7517_A1_example_public_keys.json', 'utf8');
/** Polling, retries with backoff and timeouts take real seconds; more on a loaded machine. */
const QUEUE_TEST_TIMEOUT = 150_000;
const OPTIONS = { pollingIntervalSeconds: 0.5, retryDelaySeconds: 1, retryLimit: 2, pullTimeoutMs: 1_500 };

describe('IngestWorker', () => {
  let a: IngestTestContext;
  let b: IngestTestContext;
  let server: Server;
  let respond: (attempt: number) => { status: number; body?: string } | 'hang' = () => ({ status: 200, body: JWKS });
  let attempts = 0;
  let baseUrl: string;

  beforeAll(async () => {
    a = await createIngestTestContext(OPTIONS);
    // A second "process": its own Nest context, pool and pg-boss, on the same database.
    b = await createIngestTestContext(OPTIONS, a.db);
    await b.query(`DELETE FROM organization WHERE id = $1`, [b.organization.id]);
    server = createServer((request, response) => {
      attempts += 1;
      const answer = respond(attempts);
      if (answer === 'hang') return;
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(answer.body ?? '{"error":"boom"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await b.close();
    await a.close();
  });

  it('shares queued runs between two workers and executes each exactly once', async () => {
    const executed: string[] = [];
    const onRun = (runId: string) => executed.push(runId);
    await a.worker.start({ concurrency: 2, schedule: false, onRun });
    await b.worker.start({ concurrency: 2, schedule: false, onRun });
    const queued: string[] = [];
    for (let i = 0; i < 16; i += 1) {
      const file = join(a.dir, `roster-${i}.csv`);
      writeFileSync(
        file,
        'employee_id,email,full_name,employment_type,status,start_date,termination_date,work_country,department,manager_email\n' +
          `Q${i},q${i}@example.com,Q ${i},employee,active,2020-01-01,,KR,Queue,\n`,
      );
      queued.push((await a.ingest.enqueueFile(a.organization.slug, 'hr-roster', file)).id);
    }
    const runs = a.app.get(IngestRunRepository);
    await waitUntil('every queued run to finish', async () => {
      const states = await Promise.all(queued.map((id) => runs.findById(id)));
      return states.every((r) => r?.status === 'SUCCEEDED');
    });
    expect([...executed].sort()).toEqual([...queued].sort());
    const [{ people }] = await a.query<{ people: number }>(`SELECT count(*)::int AS people FROM identity WHERE department = 'Queue'`);
    expect(people).toBe(16);
  }, QUEUE_TEST_TIMEOUT);

  it('queues a due scheduled pull once however many schedulers tick, and executes it', async () => {
    const source = await a.dataSources.configure(a.organization.slug, {
      type: 'jwks',
      name: 'Issuer keys',
      config: JSON.stringify({ url: `${baseUrl}/jwks.json`, environment: 'PRODUCTION' }),
      schedule: '*/5 * * * *',
    });
    // A schedule fires from its first fire time after the source was configured: configured an hour ago.
    await a.query(`UPDATE data_source SET created_at = now() - interval '1 hour' WHERE id = $1`, [source.id]);
    const ticks = await Promise.all([a.worker.tick(), b.worker.tick(), a.worker.tick()]);
    expect(ticks.reduce((x, y) => x + y, 0)).toBe(1);
    expect(await a.worker.tick()).toBe(0);
    const run = await waitUntil('the scheduled run to finish', async () => {
      const [latest] = await a.query<{ status: string; trigger: string; inserted: number }>(
        `SELECT status, trigger, inserted FROM ingest_run WHERE data_source_id = $1 AND status NOT IN ('QUEUED', 'RUNNING')`,
        [source.id],
      );
      return latest;
    });
    expect(run).toMatchObject({ status: 'SUCCEEDED', trigger: 'SCHEDULE', inserted: 2 });
    const keys = await a.query(`SELECT external_id FROM credential WHERE source = 'jwks' AND organization_id = $1`, [a.organization.id]);
    expect(keys).toHaveLength(2);
    const [freshness] = await a.query<{ last_successful_run_at: Date | null }>(`SELECT last_successful_run_at FROM data_source WHERE id = $1`, [source.id]);
    expect(freshness!.last_successful_run_at).toBeInstanceOf(Date);
  }, QUEUE_TEST_TIMEOUT);

  it('retries a failed pull with backoff and succeeds when the source recovers', async () => {
    attempts = 0;
    respond = (attempt) => (attempt === 1 ? { status: 500 } : { status: 200, body: JWKS });
    const [source] = await a.query<{ id: string }>(`SELECT id FROM data_source WHERE name = 'Issuer keys'`);
    const queued = await a.ingest.runDataSource(a.organization.slug, source!.id);
    expect(queued).toMatchObject({ status: 'QUEUED', trigger: 'MANUAL' });
    const run = await waitUntil('the retried run to finish', async () => {
      const found = await a.app.get(IngestRunRepository).findById(queued.id);
      return found && found.status !== 'QUEUED' && found.status !== 'RUNNING' ? found : null;
    });
    expect(run).toMatchObject({ status: 'SUCCEEDED', unchanged: 2 });
    expect(attempts).toBe(2);
  }, QUEUE_TEST_TIMEOUT);

  it('fails a pull whose source hangs past the run timeout on every attempt, with the reason', async () => {
    attempts = 0;
    respond = () => 'hang';
    const [source] = await a.query<{ id: string }>(`SELECT id FROM data_source WHERE name = 'Issuer keys'`);
    const queued = await a.ingest.runDataSource(a.organization.slug, source!.id);
    const run = await waitUntil('the timed-out run to fail', async () => {
      const found = await a.app.get(IngestRunRepository).findById(queued.id);
      return found?.status === 'FAILED' ? found : null;
    });
    expect(run.errorMessage).toMatch(/timed out/);
    expect(attempts).toBe(3);
  }, QUEUE_TEST_TIMEOUT);
});
