import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type PgBoss from 'pg-boss';
import { DataSourceRepository, IngestRunRepository } from '@postureboard/server-database';
import { ABANDONED_AFTER_MS, INGEST_OPTIONS, type ResolvedIngestOptions } from '../ingest.options.js';
import { IngestRunExecutor } from '../run/ingest-run.executor.js';
import { RunInputFactory } from '../run/run-input.factory.js';
import { latestFireTime } from './cron-schedule.util.js';
import { ActivityRetentionService } from '../retention/activity-retention.service.js';
import { IngestQueue, RETENTION_QUEUE, RUN_QUEUE, type RunJob, SCHEDULE_QUEUE } from './ingest-queue.js';

/** When the retention pass runs (UTC): once a day, at a quiet hour. */
export const RETENTION_CRON = '17 3 * * *';

export interface WorkerOptions {
  concurrency?: number;
  /** Also run the per-minute scheduler tick that queues due pulls (every worker may; duplicates are refused). */
  schedule?: boolean;
  /** Called when a run finishes (the `worker` command prints it). */
  onRun?: (runId: string, status: string) => void;
}

/**
 * Claims queued runs and executes them. Several worker processes may share one database: pg-boss hands each
 * job to one of them, and the run's advisory lock makes a second delivery a no-op.
 */
@Injectable()
export class IngestWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('IngestWorker');
  private running = false;

  constructor(
    private readonly queue: IngestQueue,
    private readonly runs: IngestRunRepository,
    private readonly dataSources: DataSourceRepository,
    private readonly executor: IngestRunExecutor,
    private readonly inputs: RunInputFactory,
    private readonly retention: ActivityRetentionService,
    @Inject(INGEST_OPTIONS) private readonly options: ResolvedIngestOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.worker) await this.start();
  }

  async start(options: WorkerOptions = {}): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const boss = await this.queue.start('work');
      await this.runs.failAbandoned(ABANDONED_AFTER_MS);
      const work = { pollingIntervalSeconds: this.options.pollingIntervalSeconds };
      for (let i = 0; i < (options.concurrency ?? this.options.concurrency); i += 1) {
        await this.queue.work<RunJob>(RUN_QUEUE, work, (job, signal) => this.handleRun(job, options, signal));
      }
      if (options.schedule ?? true) {
        await boss.schedule(SCHEDULE_QUEUE, '* * * * *', {}, { tz: 'UTC' });
        await this.queue.work(SCHEDULE_QUEUE, { pollingIntervalSeconds: 10 }, async () => void (await this.tick()));
        // pg-boss's cron fires once per schedule across every worker (it keys the fire by time).
        await boss.schedule(RETENTION_QUEUE, RETENTION_CRON, {}, { tz: 'UTC' });
        await this.queue.work(RETENTION_QUEUE, { pollingIntervalSeconds: 60 }, async () => void (await this.retention.apply()));
      }
    } catch (error) {
      this.running = false;
      throw error;
    }
  }

  /**
   * Takes no new run at once, lets runs in progress finish within the shutdown grace period and aborts the
   * rest (they roll back, and are retried or failed), then stops the queue. Closing the application does the same.
   */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.queue.stop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Throws when the attempt failed and pg-boss should retry it (with backoff) later. */
  private async handleRun(job: PgBoss.JobWithMetadata<RunJob>, options: WorkerOptions, signal: AbortSignal): Promise<void> {
    const run = await this.runs.findById(job.data.runId);
    if (!run || (run.status !== 'QUEUED' && run.status !== 'RUNNING')) return;
    const pull = run.trigger === 'SCHEDULE' || run.trigger === 'MANUAL';
    const result = await this.executor.execute(run.id, await this.inputs.forRun(run), {
      timeoutMs: pull ? this.options.pullTimeoutMs : undefined,
      finalAttempt: job.retryCount >= job.retryLimit,
      signal,
    });
    if (!result.executed) return;
    options.onRun?.(run.id, result.run.status);
    if (result.requeued) throw new Error(result.failure ?? 'the attempt failed');
  }

  /**
   * Queues a run for every enabled data source whose cron schedule fired since its last scheduled run.
   * `createScheduled` serialises per source, so ticks running on several workers queue one run. Time is the
   * database's, the same clock that stamps runs: a worker with a skewed clock cannot queue a fire twice.
   */
  async tick(): Promise<number> {
    await this.runs.failAbandoned(ABANDONED_AFTER_MS);
    const now = await this.runs.databaseNow();
    let queued = 0;
    for (const source of await this.dataSources.listScheduled()) {
      let due: Date;
      try {
        due = latestFireTime(source.schedule!, now);
      } catch {
        continue;
      }
      if (due < source.createdAt) continue;
      const run = await this.runs.createScheduled(
        { organizationId: source.organizationId, dataSourceId: source.id, sourceType: source.type, trigger: 'SCHEDULE', input: source.name },
        due,
      );
      if (!run) continue;
      try {
        await this.queue.send(run.id, { retries: this.options.retryLimit });
        queued += 1;
      } catch (error) {
        this.logger.error(`cannot queue the scheduled run of ${source.type} "${source.name}": ${(error as Error).message}`);
        await this.executor.failUnqueued(run, (error as Error).message);
      }
    }
    return queued;
  }
}
