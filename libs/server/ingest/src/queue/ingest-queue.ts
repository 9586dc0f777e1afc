import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { PgClientRepository } from '@postureboard/server-database';
import { IngestError, IngestErrorCode } from '../ingest.error.js';
import { INGEST_OPTIONS, type ResolvedIngestOptions } from '../ingest.options.js';

/** pg-boss keeps its tables in their own schema, created (and migrated) when it starts. */
export const QUEUE_SCHEMA = 'pgboss';
export const RUN_QUEUE = 'postureboard-ingest-run';
export const SCHEDULE_QUEUE = 'postureboard-ingest-schedule';

export interface RunJob {
  runId: string;
}

type Mode = 'send' | 'work';

/**
 * The PostgreSQL job queue (pg-boss) on the application's own pool. Each queued run is one job whose id is
 * the run's id: SKIP LOCKED hands it to exactly one worker, and the run's advisory lock guards the rest
 * (a job retried after its worker died, or delivered twice). Processes that only enqueue start it without
 * maintenance or cron; workers start it with both.
 */
@Injectable()
export class IngestQueue implements BeforeApplicationShutdown {
  private readonly logger = new Logger('IngestQueue');
  private boss: { mode: Mode; ready: Promise<PgBoss> } | undefined;

  constructor(
    private readonly pg: PgClientRepository,
    @Inject(INGEST_OPTIONS) private readonly options: ResolvedIngestOptions,
  ) {}

  async start(mode: Mode): Promise<PgBoss> {
    if (this.boss && (this.boss.mode === 'work' || mode === 'send')) return this.boss.ready;
    // A sender asked to become a worker: restart with maintenance and cron.
    if (this.boss) await this.stop();
    const ready = this.create(mode);
    this.boss = { mode, ready };
    ready.catch(() => (this.boss = undefined));
    return ready;
  }

  private async create(mode: Mode): Promise<PgBoss> {
    const boss = new PgBoss({
      db: { executeSql: this.pg.executeSql },
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
    return boss;
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

  async stop(): Promise<void> {
    const current = this.boss;
    this.boss = undefined;
    if (!current) return;
    const boss = await current.ready.catch(() => null);
    // Graceful: running jobs get time to finish; close: false because the pool is the application's.
    await boss?.stop({ graceful: true, close: false, wait: true, timeout: 10_000 });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
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
