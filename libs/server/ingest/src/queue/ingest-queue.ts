import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { PgClientRepository } from '@postureboard/server-database';
import { IngestError, IngestErrorCode } from '../ingest.error.js';
import { INGEST_OPTIONS, type ResolvedIngestOptions } from '../ingest.options.js';

/** pg-boss keeps its tables in their own schema, created (and migrated) when it starts. */
export const QUEUE_SCHEMA = 'pgboss';
export const RUN_QUEUE = 'postureboard-ingest-run';
export const SCHEDULE_QUEUE = 'postureboard-ingest-schedule';
/** The daily retention pass over access activity (POSTUREBOARD_RETENTION_DAYS). */
export const RETENTION_QUEUE = 'postureboard-retention';
/**
 * Evaluations of an organisation's posture (the write side: reads never evaluate). One job per organisation
 * may wait at a time ('short' policy, keyed by organisation): many changes while one waits coalesce into it.
 */
export const EVALUATION_QUEUE = 'postureboard-evaluate';

export interface EvaluationJob {
  organizationId: string;
}

export interface RunJob {
  runId: string;
}

type Mode = 'send' | 'work';

/** After the grace period, how long aborted runs get to roll back and record themselves before pg-boss stops. */
const ABORT_SETTLE_MS = 5_000;
/** How long pg-boss's own last statements (completing or failing the last jobs) get before the pool may close. */
const STATEMENTS_SETTLE_MS = 2_000;

/** The abort reason of runs still going when a worker's shutdown grace period ends. */
export class WorkerShutdownError extends Error {
  constructor(graceMs: number) {
    super(`the worker shut down before the run finished (after a grace period of ${Math.round(graceMs / 1000)} s); nothing it read was stored`);
    this.name = 'WorkerShutdownError';
  }
}

/** One started pg-boss and the work in flight on it: what a shutdown waits for before the pool may close. */
interface Boss {
  mode: Mode;
  ready: Promise<PgBoss>;
  workerIds: string[];
  /** Handlers of claimed jobs that have not returned yet. */
  handlers: Set<Promise<void>>;
  /** pg-boss's statements in flight (it completes and fails jobs without awaiting them). */
  statements: Set<Promise<unknown>>;
  /** Aborted when the grace period of a shutdown ends. */
  shutdown: AbortController;
  /** Set once pg-boss has stopped: a handler still running then must not report to it. */
  stopped: boolean;
}

/**
 * The PostgreSQL job queue (pg-boss) on the application's own pool. Each queued run is one job whose id is
 * the run's id: SKIP LOCKED hands it to exactly one worker, and the run's advisory lock guards the rest
 * (a job retried after its worker died, or delivered twice). Processes that only enqueue start it without
 * maintenance or cron; workers start it with both.
 *
 * Stopping (the worker's stop, or the application closing) takes no new job at once, lets handlers in progress
 * finish within `shutdownGraceMs`, aborts those still going (their runs roll back), and only then stops
 * pg-boss and waits for its last statements: the application's pool closes after all of that.
 */
@Injectable()
export class IngestQueue implements BeforeApplicationShutdown {
  private readonly logger = new Logger('IngestQueue');
  private boss: Boss | undefined;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly pg: PgClientRepository,
    @Inject(INGEST_OPTIONS) private readonly options: ResolvedIngestOptions,
  ) {}

  async start(mode: Mode): Promise<PgBoss> {
    // While a stop drains its runs, runs may still be queued on it (another worker will take them).
    if (this.boss && mode === 'send') return this.boss.ready;
    if (this.stopping) await this.stopping;
    if (this.boss?.mode === 'work') return this.boss.ready;
    // A sender asked to become a worker: restart with maintenance and cron.
    if (this.boss) await this.stop();
    const statements = new Set<Promise<unknown>>();
    const ready = this.create(mode, statements);
    const boss: Boss = { mode, ready, workerIds: [], handlers: new Set(), statements, shutdown: new AbortController(), stopped: false };
    this.boss = boss;
    ready.catch(() => {
      if (this.boss === boss) this.boss = undefined;
    });
    return ready;
  }

  private async create(mode: Mode, statements: Set<Promise<unknown>>): Promise<PgBoss> {
    const executeSql = (text: string, values: unknown[]): Promise<{ rows: unknown[] }> => {
      const statement = this.pg.executeSql(text, values);
      statements.add(statement);
      const forget = (): void => void statements.delete(statement);
      statement.then(forget, forget);
      return statement;
    };
    const boss = new PgBoss({
      db: { executeSql },
      schema: QUEUE_SCHEMA,
      migrate: true,
      supervise: mode === 'work',
      schedule: mode === 'work',
    });
    boss.on('error', (error) => this.logger.error(`job queue: ${error.message}`));
    await boss.start();
    const expireInSeconds = Math.ceil(this.options.pullTimeoutMs / 1000) + 300;
    await ensureQueue(boss, {
      name: RUN_QUEUE,
      retryLimit: this.options.retryLimit,
      retryDelay: this.options.retryDelaySeconds,
      retryBackoff: true,
      // Longer than any attempt may take: an expired job is handed out again.
      expireInSeconds,
    });
    await ensureQueue(boss, { name: SCHEDULE_QUEUE, retryLimit: 0, expireInSeconds: 300 });
    await ensureQueue(boss, { name: RETENTION_QUEUE, retryLimit: 2, retryDelay: 600, expireInSeconds: 3600 });
    // An evaluation of a large organisation takes about a minute; a failed one is retried with backoff.
    await ensureQueue(boss, { name: EVALUATION_QUEUE, policy: 'short', retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 3600 });
    return boss;
  }

  /**
   * Claims jobs of `name` one at a time and hands each to `handler`, with a signal that aborts when a
   * shutdown's grace period ends. A handler that throws fails the job (pg-boss retries it if it may).
   */
  async work<T>(
    name: string,
    options: Omit<PgBoss.WorkOptions, 'batchSize'>,
    handler: (job: PgBoss.JobWithMetadata<T>, signal: AbortSignal) => Promise<void>,
  ): Promise<string> {
    const boss = await this.start('work');
    const current = this.boss!;
    const id = await boss.work<T>(name, { ...options, batchSize: 1, includeMetadata: true }, async ([job]) => {
      const handled = handler(job!, current.shutdown.signal);
      current.handlers.add(handled);
      const outcome = await handled.then(
        () => ({ error: null }),
        (error: unknown) => ({ error: error ?? new Error('the job failed') }),
      );
      current.handlers.delete(handled);
      if (current.stopped) {
        // pg-boss stopped without it (and failed its job, which will be retried): completing or failing it now
        // would write on a pool that may be closed, in a promise pg-boss does not await. Never report back.
        this.logger.warn(`a ${name} job finished after the job queue stopped; it will be handed out again`);
        return new Promise<void>(() => undefined);
      }
      if (outcome.error) throw outcome.error;
    });
    current.workerIds.push(id);
    return id;
  }

  /** Queues a run; `retries` 0 for inputs a retry cannot fix (a file). */
  async send(runId: string, options: { retries: number }): Promise<void> {
    let boss: PgBoss;
    try {
      boss = await this.start('send');
    } catch (error) {
      throw new IngestError(IngestErrorCode.QUEUE_UNAVAILABLE, `The job queue is not available: ${(error as Error).message}`);
    }
    await boss.send(RUN_QUEUE, { runId } satisfies RunJob, { id: runId, retryLimit: options.retries });
  }

  /**
   * Asks for an evaluation of the organisation's posture: a no-op while one is already waiting (it will read
   * the newer data too). Returns whether a new job was queued.
   */
  async requestEvaluation(organizationId: string): Promise<boolean> {
    const boss = await this.start('send');
    const id = await boss.send(EVALUATION_QUEUE, { organizationId } satisfies EvaluationJob, { singletonKey: organizationId });
    return id !== null;
  }

  /** Stops claiming jobs, drains or aborts the ones in progress, then stops pg-boss. Concurrent calls share one stop. */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown().finally(() => (this.stopping = undefined));
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    const current = this.boss;
    if (!current) return;
    const boss = await current.ready.catch(() => null);
    if (!boss) {
      if (this.boss === current) this.boss = undefined;
      return;
    }
    // No new job from now on; a fetch already under way may still deliver one, which counts as in progress.
    for (const id of current.workerIds) await boss.offWork({ id });
    const grace = this.options.shutdownGraceMs;
    if (!(await settled(current.handlers, grace))) {
      this.logger.warn(`${current.handlers.size} ingest job(s) still running after the ${Math.round(grace / 1000)} s shutdown grace period: aborting them`);
      current.shutdown.abort(new WorkerShutdownError(grace));
      if (!(await settled(current.handlers, ABORT_SETTLE_MS))) {
        this.logger.error(`${current.handlers.size} ingest job(s) did not stop when aborted; their jobs are failed and will be handed out again`);
      }
    }
    // Graceful with nothing in progress (or only what ignored the abort, whose jobs it fails): stops at once.
    // close: false because the pool is the application's.
    await boss.stop({ graceful: true, close: false, wait: true, timeout: 1_000 });
    current.stopped = true;
    if (!(await settled(current.statements, STATEMENTS_SETTLE_MS))) this.logger.warn('the job queue stopped with statements still in flight');
    if (this.boss === current) this.boss = undefined;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}

/**
 * Waits until `pending` is empty (it may grow meanwhile) or `ms` have passed; true when it emptied. A turn of
 * the event loop first, so what a settled handler set off (pg-boss completing its job) is in `pending` too.
 */
export async function settled(pending: Set<Promise<unknown>>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    await new Promise((resolve) => setImmediate(resolve));
    if (pending.size === 0) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...pending]), new Promise((resolve) => (timer = setTimeout(resolve, left)))]);
    clearTimeout(timer);
  }
}

async function ensureQueue(boss: PgBoss, queue: PgBoss.Queue): Promise<void> {
  const { name, ...options } = queue;
  if (await boss.getQueue(name)) await boss.updateQueue(name, { name, ...options });
  else {
    try {
      await boss.createQueue(name, { name, ...options });
    } catch (error) {
      // Another process created it between the check and here.
      if (!(await boss.getQueue(name))) throw error;
    }
  }
}
