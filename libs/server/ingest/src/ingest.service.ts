import { resolve } from 'node:path';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { InputLimitError } from '@postureboard/connectors';
import {
  DataSourceRepository,
  type IngestErrorRecord,
  type IngestRunRecord,
  IngestRunRepository,
  type IngestRunTrigger,
  type OrganizationEntity,
  OrganizationRepository,
} from '@postureboard/server-database';
import { IngestError, IngestErrorCode } from './ingest.error.js';
import { ABANDONED_AFTER_MS, INGEST_OPTIONS, type ResolvedIngestOptions } from './ingest.options.js';
import { IngestQueue, settled } from './queue/ingest-queue.js';
import { type ExecuteOptions, IngestRunExecutor } from './run/ingest-run.executor.js';
import { RunInputFactory } from './run/run-input.factory.js';

export interface FileIngestOptions {
  trigger?: Extract<IngestRunTrigger, 'FILE' | 'UPLOAD'>;
  /** How the input is named in the run and its errors (an upload's original file name). */
  shownAs?: string;
  timeoutMs?: number;
  /** Test hook: observes each record as it is read. */
  onRecord?: ExecuteOptions['onRecord'];
  /**
   * Throw an `IngestError` (INPUT_TOO_LARGE / INPUT_UNPROCESSABLE, with the run's id) when the input was
   * refused by a reading limit, after the FAILED run is recorded: the upload answers 413/422 with it.
   */
  throwOnRefusal?: boolean;
}

/**
 * Ingest runs: file ingests executed at once (CLI, upload) and runs queued for the workers (pulls, and files
 * on a path the workers can read). Every run is recorded whatever its outcome.
 */
/** How long aborted inline runs get to roll back and record their failure before the database closes. */
const ABORT_SETTLE_MS = 5_000;

export class ServerShutdownError extends Error {
  constructor(graceMs: number) {
    super(`the server shut down before the run finished (after a grace period of ${Math.round(graceMs / 1000)} s); nothing it read was stored`);
    this.name = 'ServerShutdownError';
  }
}

@Injectable()
export class IngestService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Ingest');
  /**
   * File ingests running in this process (uploads, the CLI): a shutdown gives them the same grace period as
   * the queue's runs, then aborts them, so it never waits on an upload for longer than the documented bound.
   */
  private readonly inline = new Map<Promise<unknown>, AbortController>();

  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly runs: IngestRunRepository,
    private readonly dataSources: DataSourceRepository,
    private readonly executor: IngestRunExecutor,
    private readonly inputs: RunInputFactory,
    private readonly queue: IngestQueue,
    @Inject(INGEST_OPTIONS) private readonly options: ResolvedIngestOptions,
  ) {}

  /** Ingests a file or directory now, in this process, and returns the finished run. */
  async ingestFile(orgSlug: string, sourceType: string, path: string, options: FileIngestOptions = {}): Promise<IngestRunRecord> {
    const organization = await this.organization(orgSlug);
    const absolute = resolve(path);
    const input = this.inputs.forFile(sourceType, absolute, options.shownAs);
    await this.runs.failAbandoned(ABANDONED_AFTER_MS);
    const run = await this.runs.create({
      organizationId: organization.id,
      dataSourceId: null,
      sourceType,
      trigger: options.trigger ?? 'FILE',
      input: options.shownAs ?? absolute,
    });
    const controller = new AbortController();
    const running = this.executor.execute(run.id, input, { timeoutMs: options.timeoutMs, onRecord: options.onRecord, signal: controller.signal });
    this.inline.set(running, controller);
    let result: Awaited<typeof running>;
    try {
      result = await running;
    } finally {
      this.inline.delete(running);
    }
    if (options.throwOnRefusal && result.executed && result.cause instanceof InputLimitError) {
      const code = result.cause.kind === 'UNPROCESSABLE' ? IngestErrorCode.INPUT_UNPROCESSABLE : IngestErrorCode.INPUT_TOO_LARGE;
      throw new IngestError(code, `${result.cause.message}; nothing from this upload was stored`, result.run.id);
    }
    return result.run ?? run;
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.inline.size === 0) return;
    // A set that empties as the runs end, which is what `settled` waits for.
    const pending = new Set<Promise<unknown>>();
    for (const running of this.inline.keys()) {
      const tracked: Promise<unknown> = running.then(
        () => pending.delete(tracked),
        () => pending.delete(tracked),
      );
      pending.add(tracked);
    }
    const grace = this.options.shutdownGraceMs;
    if (await settled(pending, grace)) return;
    this.logger.warn(`${this.inline.size} file ingest(s) still running after the ${Math.round(grace / 1000)} s shutdown grace period: aborting them`);
    for (const controller of this.inline.values()) controller.abort(new ServerShutdownError(grace));
    await settled(pending, ABORT_SETTLE_MS);
  }

  /** Queues a file ingest for the workers (who must see the same path); returns the QUEUED run. */
  async enqueueFile(orgSlug: string, sourceType: string, path: string): Promise<IngestRunRecord> {
    const organization = await this.organization(orgSlug);
    this.inputs.forFile(sourceType, path);
    const run = await this.runs.create({ organizationId: organization.id, dataSourceId: null, sourceType, trigger: 'FILE', input: resolve(path) });
    return this.send(run, 0);
  }

  /** Queues a pull of a configured data source now (the `runDataSource` mutation). */
  async runDataSource(orgSlug: string, dataSourceId: string): Promise<IngestRunRecord> {
    const organization = await this.organization(orgSlug);
    const dataSource = isUuid(dataSourceId) ? await this.dataSources.findById(organization.id, dataSourceId) : null;
    if (!dataSource) throw new IngestError(IngestErrorCode.DATA_SOURCE_NOT_FOUND, `No data source ${dataSourceId} in ${orgSlug}`);
    const run = await this.runs.create({
      organizationId: organization.id,
      dataSourceId: dataSource.id,
      sourceType: dataSource.type,
      trigger: 'MANUAL',
      input: dataSource.name,
    });
    return this.send(run, this.options.retryLimit);
  }

  async listRuns(orgSlug: string, first: number): Promise<IngestRunRecord[]> {
    const organization = await this.organization(orgSlug);
    return this.runs.listRecent(organization.id, Math.min(Math.max(first, 1), 500));
  }

  async getRun(orgSlug: string, runId: string): Promise<IngestRunRecord> {
    const organization = await this.organization(orgSlug);
    const run = isUuid(runId) ? await this.runs.findInOrganization(organization.id, runId) : null;
    if (!run) throw new IngestError(IngestErrorCode.INVALID_INPUT, `No ingest run ${runId} in ${orgSlug}`);
    return run;
  }

  /** First `limit` errors per run, for many runs in one query (the GraphQL field's loader). */
  async errorsByRun(runIds: readonly string[], limit: number): Promise<Map<string, IngestErrorRecord[]>> {
    const byRun = new Map<string, IngestErrorRecord[]>(runIds.map((id) => [id, []]));
    for (const error of await this.runs.errorsForRuns(runIds, limit)) byRun.get(error.runId)?.push(error);
    return byRun;
  }

  async organization(slug: string): Promise<OrganizationEntity> {
    const organization = await this.organizations.findBySlug(slug);
    if (!organization) throw new IngestError(IngestErrorCode.ORGANIZATION_NOT_FOUND, `No organization with slug "${slug}"`);
    return organization;
  }

  private async send(run: IngestRunRecord, retries: number): Promise<IngestRunRecord> {
    try {
      await this.queue.send(run.id, { retries });
    } catch (error) {
      await this.executor.failUnqueued(run, (error as Error).message);
      throw error;
    }
    return run;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);
