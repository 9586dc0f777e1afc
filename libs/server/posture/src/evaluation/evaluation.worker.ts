import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CurrentPostureRepository, OrganizationRepository } from '@postureboard/server-database';
import { EVALUATION_QUEUE, type EvaluationJob, INGEST_OPTIONS, IngestQueue, type ResolvedIngestOptions } from '@postureboard/server-ingest';
import { dayStartOf } from '../posture/posture.service.js';
import { EvaluationService, type StoredEvaluation } from './evaluation.service.js';

/** How often a worker looks for organisations whose stored posture is out of date. */
const SWEEP_INTERVAL_MS = 5_000;

export interface EvaluationWorkerOptions {
  /** Sweep for out-of-date postures (default true); tests turn it off to drive jobs themselves. */
  sweep?: boolean;
  /** Called when an evaluation was stored (the `worker` command prints it). */
  onEvaluated?: (organizationId: string, result: StoredEvaluation) => void;
}

/**
 * The write side of the posture: claims evaluation jobs and stores each organisation's current posture.
 * Jobs are queued when data changes (an ingest run commits, a finding's status changes) and by a sweep every
 * few seconds that compares each organisation's data version with the one its stored posture was evaluated
 * from, and its as-of day with today (SLA states move with the date): so a change made by any writer (the
 * CLI, another replica, SQL) is evaluated without anyone opening a page. Runs where ingest workers run (the
 * API's in-process worker, `postureboard worker`).
 */
@Injectable()
export class EvaluationWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('EvaluationWorker');
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private sweeping: Promise<number> | undefined;

  constructor(
    private readonly queue: IngestQueue,
    private readonly evaluation: EvaluationService,
    private readonly organizations: OrganizationRepository,
    private readonly currentPostures: CurrentPostureRepository,
    @Inject(INGEST_OPTIONS) private readonly options: ResolvedIngestOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.worker) await this.start();
  }

  async start(options: EvaluationWorkerOptions = {}): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.queue.work<EvaluationJob>(EVALUATION_QUEUE, { pollingIntervalSeconds: this.options.pollingIntervalSeconds }, async (job) => {
        const result = await this.evaluate(job.data.organizationId);
        if (result) options.onEvaluated?.(job.data.organizationId, result);
      });
      if (options.sweep ?? true) {
        const tick = (): void => void this.sweep().catch((e: Error) => this.logger.warn(`evaluation sweep failed: ${e.message}`));
        tick();
        this.timer = setInterval(tick, SWEEP_INTERVAL_MS);
        this.timer.unref();
      }
    } catch (error) {
      this.running = false;
      throw error;
    }
  }

  /** Queues an evaluation of every organisation whose stored posture is out of date; returns how many were queued. */
  sweep(now = new Date()): Promise<number> {
    this.sweeping ??= (async () => {
      let queued = 0;
      for (const organizationId of await this.currentPostures.stale(dayStartOf(now))) {
        if (await this.queue.requestEvaluation(organizationId)) queued += 1;
      }
      return queued;
    })().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  /**
   * Evaluates the organisation now and stores its posture: what a job does, and what the CLI does after it
   * changed data itself (it has no worker). Null for an organisation deleted meanwhile.
   */
  async evaluate(organizationId: string): Promise<StoredEvaluation | null> {
    const [organization] = await this.organizations.findByIds([organizationId]);
    if (!organization) return null;
    return this.evaluation.evaluateAndStore(organization, new Date());
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.running = false;
    await this.sweeping?.catch(() => undefined);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}
