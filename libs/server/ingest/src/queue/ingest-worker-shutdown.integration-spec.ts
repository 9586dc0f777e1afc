import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CollectedRecord } from '@postureboard/connectors';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import type { IngestModuleOptions } from '../ingest.options.js';
import type { RunInput } from '../run/ingest-run.executor.js';
import { RunInputFactory } from '../run/run-input.factory.js';
import { createIngestTestContext, type IngestTestContext } from '../testing/ingest-test-context.js';
import { waitUntil } from '../testing/wait-until.js';

const HR_HEADER = 'employee_id,email,full_name,employment_type,status,start_date,termination_date,work_country,department,manager_email';
/** Starting a context, a run and a shutdown with real timers: seconds each on a loaded machine. */
const SHUTDOWN_TEST_TIMEOUT = 120_000;

/** A run holding its connection forever would keep the pool, and so the close, from ever ending. */
async function closeWithin(ctx: IngestTestContext, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`closing the app took over ${ms} ms`)), ms)));
  try {
    await Promise.race([ctx.close(), late]);
  } finally {
    clearTimeout(timer);
  }
}

const person = (i: number, department: string): CollectedRecord => ({
  accepted: true,
  observation: {
    kind: 'identity',
    externalId: `S${i}`,
    email: `s${i}@example.com`,
    employeeNumber: `S${i}`,
    displayName: `Slow ${i}`,
    employmentType: 'EMPLOYEE',
    status: 'ACTIVE',
    startDate: null,
    terminationDate: null,
    workCountry: 'KR',
    department,
    managerEmail: null,
  },
  location: { source: 'slow', record: i },
});

/**
 * More people than one write batch (so some are written inside the run's transaction), then a wait that
 * ignores the run's signal, as a hung socket would; `reached` resolves when the source starts waiting.
 */
function slowSource(count: number, wait: () => Promise<void>): { input: RunInput; reached: Promise<void> } {
  let reach!: () => void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  return {
    reached,
    input: {
      label: 'slow source',
      async *records() {
        for (let i = 0; i < count; i += 1) yield person(i, 'Slow');
        reach();
        await wait();
        yield person(count, 'Slow');
      },
    },
  };
}

describe('stopping a worker while a run is in progress', () => {
  let db: TestDatabase;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => {
    rejections.push(reason);
  };
  let release: () => void = () => undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    process.on('unhandledRejection', onRejection);
  }, SHUTDOWN_TEST_TIMEOUT);

  afterAll(async () => {
    release();
    // Whatever a hung run still does after its process "exited" must not reach the listener later.
    await new Promise((r) => setTimeout(r, 500));
    process.off('unhandledRejection', onRejection);
    await db.drop();
  });

  beforeEach(() => {
    rejections.length = 0;
  });

  /**
   * A worker process on the shared database whose runs read `input`, with one person ingested before, and a
   * queued run: of a file, or a manual pull of a data source (which is retried).
   */
  async function workerWith(options: IngestModuleOptions, input: RunInput, trigger: 'file' | 'pull' = 'file'): Promise<{ ctx: IngestTestContext; runId: string }> {
    const ctx = await createIngestTestContext({ pollingIntervalSeconds: 0.5, ...options }, db);
    const first = join(ctx.dir, 'first.csv');
    writeFileSync(first, `${HR_HEADER}\nS0,s0@example.com,Slow Zero,employee,active,2020-01-01,,KR,Before,\n`);
    expect(await ctx.ingest.ingestFile(ctx.organization.slug, 'hr-roster', first)).toMatchObject({ status: 'SUCCEEDED' });
    const inputs = ctx.app.get(RunInputFactory);
    inputs.forRun = () => Promise.resolve(input);
    await ctx.worker.start({ concurrency: 1, schedule: false });
    if (trigger === 'file') return { ctx, runId: (await ctx.ingest.enqueueFile(ctx.organization.slug, 'hr-roster', first)).id };
    const source = await ctx.dataSources.configure(ctx.organization.slug, {
      type: 'jwks',
      name: 'Issuer keys',
      config: JSON.stringify({ url: 'http://127.0.0.1:9/jwks.json', environment: 'PRODUCTION' }),
    });
    return { ctx, runId: (await ctx.ingest.runDataSource(ctx.organization.slug, source.id)).id };
  }

  const people = (organizationId: string) =>
    db.dataSource.query(`SELECT email, display_name, department, updated_at FROM identity WHERE organization_id = $1 ORDER BY email`, [organizationId]) as Promise<
      unknown[]
    >;
  const runOf = async (id: string) =>
    ((await db.dataSource.query(`SELECT status, error_message, inserted FROM ingest_run WHERE id = $1`, [id])) as {
      status: string;
      error_message: string | null;
      inserted: number;
    }[])[0]!;

  it('lets a run longer than the old 10 s stop timeout finish within the grace period before the database closes', async () => {
    const { input, reached } = slowSource(6_000, () => new Promise((r) => setTimeout(r, 11_000)));
    const { ctx, runId } = await workerWith({ shutdownGraceMs: 20_000 }, input);
    await reached;
    expect((await runOf(runId)).status).toBe('RUNNING');

    await ctx.close();

    expect(await runOf(runId)).toMatchObject({ status: 'SUCCEEDED', error_message: null, inserted: 6_000 });
    expect(await people(ctx.organization.id)).toHaveLength(6_001);
    // Anything pg-boss would still do on the closed pool (complete the job) would surface by now.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(rejections).toEqual([]);
  }, SHUTDOWN_TEST_TIMEOUT);

  it('aborts a run still going at the end of the grace period: rolled back, not left RUNNING, nothing unhandled', async () => {
    const { input, reached } = slowSource(6_000, () => new Promise<void>((resolve) => (release = resolve)));
    const { ctx, runId } = await workerWith({ shutdownGraceMs: 2_000 }, input);
    const before = await people(ctx.organization.id);
    await reached;
    expect((await runOf(runId)).status).toBe('RUNNING');

    const started = Date.now();
    await closeWithin(ctx, 30_000);
    const took = Date.now() - started;

    expect(took).toBeGreaterThanOrEqual(2_000);
    // The grace, then the abort and pg-boss's stop: well under the old 10 s and compose's 60 s.
    expect(took).toBeLessThan(9_000);
    // A file run is not retried: it fails with the reason, and the people ingested before are as they were.
    const run = await runOf(runId);
    expect(run.status).toBe('FAILED');
    expect(run.error_message).toMatch(/shut down/);
    expect(await people(ctx.organization.id)).toEqual(before);
    release();
    await new Promise((r) => setTimeout(r, 1_000));
    expect(rejections).toEqual([]);
  }, SHUTDOWN_TEST_TIMEOUT);

  it('puts an aborted pull back in the queue for another worker, which finishes it', async () => {
    const { input, reached } = slowSource(6_000, () => new Promise<void>((resolve) => (release = resolve)));
    const options = { shutdownGraceMs: 1_000, retryDelaySeconds: 1 };
    const { ctx, runId } = await workerWith(options, input, 'pull');
    const before = await people(ctx.organization.id);
    await reached;

    await closeWithin(ctx, 30_000);

    const requeued = await runOf(runId);
    expect(requeued.status).toBe('QUEUED');
    expect(requeued.error_message).toMatch(/shut down.*retried/);
    expect(await people(ctx.organization.id)).toEqual(before);

    // Another worker process takes the retry (pg-boss's job was failed with backoff, not lost).
    const other = await createIngestTestContext({ pollingIntervalSeconds: 0.5, ...options }, db);
    try {
      other.app.get(RunInputFactory).forRun = () => Promise.resolve(slowSource(3, () => Promise.resolve()).input);
      await other.worker.start({ concurrency: 1, schedule: false });
      const finished = await waitUntil('the retried run to finish', async () => {
        const run = await runOf(runId);
        return run.status === 'SUCCEEDED' || run.status === 'FAILED' ? run : null;
      });
      expect(finished).toMatchObject({ status: 'SUCCEEDED', error_message: null });
    } finally {
      await other.close();
    }
    expect(rejections).toEqual([]);
  }, SHUTDOWN_TEST_TIMEOUT);
});
