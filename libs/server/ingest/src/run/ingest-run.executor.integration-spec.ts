import type { CollectedRecord, Observation } from '@postureboard/connectors';
import { IngestRunRepository, PgClientRepository } from '@postureboard/server-database';
import { createIngestTestContext, type IngestTestContext } from '../testing/ingest-test-context.js';
import { IngestRunExecutor, type RunInput } from './ingest-run.executor.js';

const credential = (i: number): Observation => ({
  kind: 'credential',
  credentialKind: 'API_TOKEN',
  externalId: `tok-${i}`,
  name: `token ${i}`,
  algorithm: null,
  environment: 'PRODUCTION',
  status: 'ACTIVE',
  createdAt: new Date(Date.UTC(2024, 0, 1 + (i % 300))),
  lastRotatedAt: null,
  expiresAt: null,
  deactivatedAt: null,
  lastUsedAt: null,
  useObserved: false,
  owner: null,
  ageFromFirstSeen: false,
  attributes: { i },
});

const event = (i: number): Observation => ({
  kind: 'access-event',
  eventId: `ev-${i}`,
  occurredAt: new Date(Date.UTC(2025, i % 12, 1 + (i % 28), 12)),
  principal: `user${i % 7}`,
  credentialExternalId: `tok-${i % 7}`,
  sourceIp: '203.0.113.9',
  country: 'KR',
  action: 'GetObject',
  resource: 'bucket/key',
  bytes: 1000,
  records: null,
  success: true,
});

const identity = (i: number): Observation => ({
  kind: 'identity',
  externalId: `E${i}`,
  email: `person${i}@example.com`,
  employeeNumber: `E${i}`,
  displayName: `Person ${i}`,
  employmentType: 'EMPLOYEE',
  status: 'ACTIVE',
  startDate: null,
  terminationDate: null,
  workCountry: 'KR',
  department: `Dept ${i % 3}`,
  managerEmail: null,
});

const accepted = (observation: Observation, record: number): CollectedRecord => ({
  accepted: true,
  observation,
  location: { source: 'generated', record },
});

/** `count` records of mixed kinds; throws after `failAfter` records when given. */
function generated(count: number, failAfter?: number): RunInput {
  return {
    label: 'generated',
    async *records() {
      for (let i = 0; i < count; i += 1) {
        if (failAfter !== undefined && i === failAfter) throw new Error('the source broke mid-stream');
        const make = [credential, event, identity][i % 3]!;
        yield accepted(make(i), i);
      }
    },
  };
}

async function tables(ctx: IngestTestContext): Promise<unknown> {
  return {
    credential: await ctx.query('SELECT * FROM credential ORDER BY external_id'),
    identity: await ctx.query('SELECT * FROM identity ORDER BY email'),
    team: await ctx.query('SELECT * FROM team ORDER BY name'),
    access_event: await ctx.query('SELECT * FROM access_event ORDER BY event_id'),
    access_daily_rollup: await ctx.query('SELECT * FROM access_daily_rollup ORDER BY day, principal, credential_external_id, country'),
    data_source: await ctx.query('SELECT * FROM data_source ORDER BY name'),
  };
}

describe('IngestRunExecutor', () => {
  let ctx: IngestTestContext;
  let executor: IngestRunExecutor;
  let runs: IngestRunRepository;

  const newRun = () =>
    runs.create({ organizationId: ctx.organization.id, dataSourceId: null, sourceType: 'generated', trigger: 'FILE', input: 'generated' });

  beforeAll(async () => {
    ctx = await createIngestTestContext();
    executor = ctx.app.get(IngestRunExecutor);
    runs = ctx.app.get(IngestRunRepository);
    // Earlier good data that a failed run must leave exactly as it is.
    const first = await executor.execute((await newRun()).id, generated(3_000), { batchSize: 500 });
    expect(first.executed && first.run.status).toBe('SUCCEEDED');
  });

  afterAll(async () => {
    await ctx.close();
  });

  it('rolls back every write of a run that fails mid-stream, after several batches were written', async () => {
    const before = await tables(ctx);
    const run = await newRun();
    let flushedBatches = 0;
    const result = await executor.execute(run.id, generated(12_000, 9_000), {
      batchSize: 1_000,
      onRecord: (i) => {
        if (i > 0 && i % 1_000 === 0) flushedBatches += 1;
      },
    });
    expect(flushedBatches).toBeGreaterThanOrEqual(8);
    expect(result.executed && result.run).toMatchObject({ status: 'FAILED', accepted: 9_000, inserted: 0, updated: 0, unchanged: 0 });
    expect(result.executed && result.run.errorMessage).toMatch(/the source broke mid-stream; nothing from this run was stored/);
    expect(await tables(ctx)).toEqual(before);
    const errors = await ctx.query<{ reason: string }>(`SELECT reason FROM ingest_error WHERE run_id = $1`, [run.id]);
    expect(errors.map((e) => e.reason)).toEqual(['the source broke mid-stream']);
  });

  it('rolls back a run of events that fails while their COPY is still open on the connection', async () => {
    const before = await tables(ctx);
    const run = await newRun();
    // Events only, fewer than a chunk: by the failure they are streaming into the staging table, not merged.
    const events: RunInput = {
      label: 'generated events',
      async *records() {
        for (let i = 0; i < 5_000; i += 1) {
          if (i === 4_000) throw new Error('the event source broke mid-stream');
          yield accepted(event(100_000 + i), i);
        }
      },
    };
    const result = await executor.execute(run.id, events);
    expect(result.executed && result.run).toMatchObject({ status: 'FAILED', accepted: 4_000, inserted: 0 });
    expect(await tables(ctx)).toEqual(before);
  });

  it('rolls back when the database connection dies mid-run (as when the process is killed)', async () => {
    const before = await tables(ctx);
    const run = await newRun();
    const pg = ctx.app.get(PgClientRepository);
    const result = await executor.execute(run.id, generated(6_000), {
      batchSize: 500,
      onRecord: async (i) => {
        // Terminate the run's own backend: what PostgreSQL sees when a worker is killed with SIGKILL.
        if (i === 4_000) {
          await pg.query(
            `SELECT pg_terminate_backend(l.pid) FROM pg_locks l
             WHERE l.locktype = 'advisory' AND l.objid = (hashtextextended('ingest_run:' || $1::text, 0) & x'ffffffff'::bigint)::oid`,
            [run.id],
          );
        }
      },
    });
    expect(result.executed && result.run.status).toBe('FAILED');
    expect(await tables(ctx)).toEqual(before);
  });

  it('gives up on a source that hangs when the run times out, and stores nothing', async () => {
    const before = await tables(ctx);
    const run = await newRun();
    const hanging: RunInput = {
      label: 'https://slow.example',
      async *records() {
        yield accepted(credential(99_999), 0);
        await new Promise(() => undefined);
      },
    };
    const started = Date.now();
    const result = await executor.execute(run.id, hanging, { timeoutMs: 400 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.executed && result.run.errorMessage).toMatch(/the run timed out after 0 s/);
    expect(await tables(ctx)).toEqual(before);
  });

  it('puts a failed attempt back in the queue when it will be retried', async () => {
    const run = await newRun();
    const result = await executor.execute(run.id, generated(10, 5), { finalAttempt: false });
    expect(result).toMatchObject({ executed: true, requeued: true, failure: 'the source broke mid-stream' });
    const stored = await runs.findById(run.id);
    expect(stored).toMatchObject({ status: 'QUEUED', errorMessage: 'an attempt failed: the source broke mid-stream; it will be retried' });
    const retried = await executor.execute(run.id, generated(10));
    expect(retried.executed && retried.run.status).toBe('SUCCEEDED');
  });

  it('never executes a finished run again', async () => {
    const run = await newRun();
    await executor.execute(run.id, generated(3));
    const again = await executor.execute(run.id, generated(3));
    expect(again.executed).toBe(false);
  });

  it('executes a run once when two executors race for it', async () => {
    const run = await newRun();
    const results = await Promise.all([executor.execute(run.id, generated(900), { batchSize: 100 }), executor.execute(run.id, generated(900), { batchSize: 100 })]);
    expect(results.filter((r) => r.executed)).toHaveLength(1);
    expect((await runs.findById(run.id))!.status).toBe('SUCCEEDED');
  });

  it('marks a RUNNING run FAILED once its process is gone, and leaves a live one alone', async () => {
    const dead = await newRun();
    await ctx.query(`UPDATE ingest_run SET status = 'RUNNING', started_at = now() - interval '10 minutes' WHERE id = $1`, [dead.id]);
    const live = await newRun();
    let abandoned: string[] = [];
    await executor.execute(live.id, generated(50), {
      onRecord: async (i) => {
        if (i === 10) {
          await ctx.query(`UPDATE ingest_run SET started_at = now() - interval '10 minutes' WHERE id = $1`, [live.id]);
          abandoned = await runs.failAbandoned(60_000);
        }
      },
    });
    expect(abandoned).toEqual([dead.id]);
    expect((await runs.findById(dead.id))!).toMatchObject({ status: 'FAILED', errorMessage: expect.stringMatching(/process running this ingest ended/) });
    expect((await runs.findById(live.id))!.status).toBe('SUCCEEDED');
  });
});
