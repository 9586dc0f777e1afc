import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { CollectContext, CollectedRecord, SourceLocation } from '@postureboard/connectors';
import {
  AccessEventStoreRepository,
  AccessRollupStoreRepository,
  AccountStoreRepository,
  CredentialStoreRepository,
  DataSourceRepository,
  EntitlementStoreRepository,
  IdentityStoreRepository,
  type IngestRunOutcome,
  type IngestRunRecord,
  IngestRunRepository,
  PgClientRepository,
  ReviewDecisionStoreRepository,
  type SqlClient,
} from '@postureboard/server-database';
import { IngestQueue } from '../queue/ingest-queue.js';
import { INGEST_OPTIONS, type ResolvedIngestOptions } from '../ingest.options.js';
import { abortable } from './abortable.util.js';
import { IngestErrorCollector } from './ingest-error.collector.js';
import { DEFAULT_BATCH_SIZE, ObservationWriter, type ObservationStores } from './observation.writer.js';
import { completedOutcome, describeFailure, emptyTally, failedOutcome } from './run-outcome.js';

/** Where one attempt of a run reads its records. */
export interface RunInput {
  records(context: CollectContext): AsyncIterable<CollectedRecord>;
  /** Names the input in errors not tied to one record (a path, a URL, a connector). */
  label: string;
  /** Secret configuration values (a pull's token): redacted from every stored error, in every encoding. */
  secrets?: readonly string[];
}

export interface ExecuteOptions {
  /** Aborts the attempt (and bounds every statement) after this long; unset for no limit. */
  timeoutMs?: number;
  /** False when a failure will be retried: the run then goes back to QUEUED instead of FAILED. */
  finalAttempt?: boolean;
  /** Aborts the attempt like a timeout, with the signal's reason as the failure (a worker shutting down). */
  signal?: AbortSignal;
  batchSize?: number;
  /** Observes progress (tests use it to fail or kill a run mid-stream). */
  onRecord?: (index: number) => void | Promise<void>;
}

export type ExecutionResult =
  /** `cause` is what stopped a failed attempt (an `InputLimitError` for a refused input). */
  | { executed: true; run: IngestRunRecord; failure: string | null; requeued: boolean; cause?: unknown }
  /** Another live process holds the run, or it has finished already: nothing was done. */
  | { executed: false; run: IngestRunRecord | null };

class RunTimeoutError extends Error {
  constructor(ms: number) {
    super(`the run timed out after ${Math.round(ms / 1000)} s`);
    this.name = 'RunTimeoutError';
  }
}

/**
 * Executes one run: all its writes in one transaction, so a fatal error (unreadable input, connector
 * failure, timeout, a killed process) leaves the previous data exactly as it was. The transaction holds the
 * run's advisory lock, which is how other processes know the run is alive, and an organization lock, so two
 * runs never merge identities of one organization at the same time.
 */
@Injectable()
export class IngestRunExecutor {
  private readonly stores: ObservationStores;
  private readonly logger = new Logger('IngestRunExecutor');

  constructor(
    private readonly pg: PgClientRepository,
    private readonly runs: IngestRunRepository,
    private readonly dataSources: DataSourceRepository,
    identities: IdentityStoreRepository,
    accounts: AccountStoreRepository,
    entitlements: EntitlementStoreRepository,
    credentials: CredentialStoreRepository,
    accessEvents: AccessEventStoreRepository,
    accessRollups: AccessRollupStoreRepository,
    reviewDecisions: ReviewDecisionStoreRepository,
    private readonly queue: IngestQueue,
    @Optional() @Inject(INGEST_OPTIONS) private readonly options?: ResolvedIngestOptions,
  ) {
    this.stores = { identities, accounts, entitlements, credentials, accessEvents, accessRollups, reviewDecisions };
  }

  async execute(runId: string, input: RunInput, options: ExecuteOptions = {}): Promise<ExecutionResult> {
    const controller = new AbortController();
    const timer = options.timeoutMs ? setTimeout(() => controller.abort(new RunTimeoutError(options.timeoutMs!)), options.timeoutMs) : undefined;
    const outer = options.signal;
    const onAbort = (): void => controller.abort(outer!.reason);
    if (outer?.aborted) onAbort();
    else outer?.addEventListener('abort', onAbort, { once: true });
    const tally = emptyTally();
    const errors = new IngestErrorCollector(undefined, input.secrets);
    // Set inside the transaction callback; a holder object so the catch block sees the assignment.
    const claim: { run: IngestRunRecord | null } = { run: null };
    try {
      const finished = await this.pg.transaction(
        async (client) => {
          if (!(await this.runs.lockForExecution(client, runId))) return null;
          const run = await this.runs.claim(runId);
          if (!run) return null;
          claim.run = run;
          await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('ingest_org:' || $1::text, 0))`, [run.organizationId]);
          const observedAt = new Date();
          const reject = (location: SourceLocation, reason: string): void => {
            tally.rejected += 1;
            errors.add(location, reason);
          };
          const writer = new ObservationWriter(
            { client, organizationId: run.organizationId, source: run.sourceType, observedAt },
            this.stores,
            tally,
            reject,
            options.batchSize ?? DEFAULT_BATCH_SIZE,
          );
          const context: CollectContext = { signal: controller.signal, now: observedAt, limits: this.options?.inputLimits };
          const onRecord = options.onRecord;
          let index = 0;
          try {
            for await (const record of abortable(input.records(context), controller.signal)) {
              if (record.accepted) {
                // Most records need no waiting: an await on each would cost a turn of the event loop.
                const wait = writer.add(record.observation, record.location);
                if (wait) await wait;
              } else {
                reject(record.location, record.reason);
              }
              if (onRecord) await onRecord(index++);
            }
            controller.signal.throwIfAborted();
            await writer.finish();
          } catch (error) {
            // An events COPY may still be open on the connection: it must end before the rollback can run.
            await writer.abort();
            throw error;
          }
          // A file with no record is a broken export, not news that nothing changed: it never counts as fresh.
          const file = run.trigger === 'FILE' || run.trigger === 'UPLOAD';
          const outcome = completedOutcome(tally, errors, { emptyIsWarning: file });
          return this.record(client, run, outcome, file && outcome.accepted === 0 ? null : observedAt);
        },
        { statementTimeoutMs: options.timeoutMs },
      );
      if (!finished) return { executed: false, run: await this.runs.findById(runId) };
      await this.requestEvaluation(finished);
      return { executed: true, run: finished, failure: null, requeued: false };
    } catch (error) {
      const run = claim.run;
      if (!run) throw error;
      // Aborted (a timeout, a shutdown): the abort's reason says why, whatever the interrupted step threw.
      const reason = controller.signal.aborted && controller.signal.reason instanceof Error ? controller.signal.reason : error;
      const message = errors.clean(describeFailure(reason));
      if (options.finalAttempt === false) {
        await this.runs.requeue(runId, `an attempt failed: ${message}; it will be retried`);
        return { executed: true, run: (await this.runs.findById(runId))!, failure: message, requeued: true, cause: reason };
      }
      const failed = await this.pg.transaction((client) => this.record(client, run, failedOutcome(tally, errors, message, input.label), null));
      return { executed: true, run: failed, failure: message, requeued: false, cause: reason };
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * New data is evaluated by the evaluation job, not by whoever reads next. Best effort: when the queue cannot
   * take the request, the evaluation workers' sweep finds the changed data version within seconds anyway.
   */
  private async requestEvaluation(run: IngestRunRecord): Promise<void> {
    if (run.status === 'FAILED') return;
    try {
      await this.queue.requestEvaluation(run.organizationId);
    } catch (error) {
      this.logger.warn(`could not queue the evaluation after run ${run.id}: ${(error as Error).message}`);
    }
  }

  /** A run that never reached a worker (the queue refused it) is recorded as FAILED, not left QUEUED. */
  async failUnqueued(run: IngestRunRecord, message: string): Promise<IngestRunRecord> {
    const outcome = failedOutcome(emptyTally(), new IngestErrorCollector(), `could not queue the run: ${message}`, run.input ?? run.sourceType);
    return this.pg.transaction((client) => this.record(client, run, outcome, null));
  }

  /** Bookkeeping in the same transaction as the data: a run is SUCCEEDED exactly when its data is there. */
  private async record(client: SqlClient, run: IngestRunRecord, outcome: IngestRunOutcome, succeededAt: Date | null): Promise<IngestRunRecord> {
    const dataSourceId = run.dataSourceId ?? (await this.dataSources.ensureForType(client, run.organizationId, run.sourceType));
    if (succeededAt && outcome.status !== 'FAILED') await this.dataSources.markSucceeded(client, dataSourceId, succeededAt);
    return this.runs.finish(client, run.id, { ...outcome, dataSourceId });
  }
}
