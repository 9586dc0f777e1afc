import { Injectable } from '@nestjs/common';
import { PgClientRepository, type SqlClient } from './pg-client.repository.js';

export const INGEST_RUN_TRIGGERS = ['FILE', 'UPLOAD', 'SCHEDULE', 'MANUAL'] as const;
export type IngestRunTrigger = (typeof INGEST_RUN_TRIGGERS)[number];

export const INGEST_RUN_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'PARTIAL', 'FAILED'] as const;
export type IngestRunStatus = (typeof INGEST_RUN_STATUSES)[number];

export interface IngestRunRecord {
  id: string;
  organizationId: string;
  dataSourceId: string | null;
  sourceType: string;
  trigger: IngestRunTrigger;
  input: string | null;
  status: IngestRunStatus;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  accepted: number;
  rejected: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errorMessage: string | null;
}

export interface IngestErrorRecord {
  runId: string;
  source: string;
  line: number | null;
  record: number | null;
  field: string | null;
  reason: string;
}

export interface NewIngestRun {
  organizationId: string;
  dataSourceId: string | null;
  sourceType: string;
  trigger: IngestRunTrigger;
  input: string | null;
}

/** How a run ended: its status, counts and the errors kept (already capped by the caller). */
export interface IngestRunOutcome {
  status: Extract<IngestRunStatus, 'SUCCEEDED' | 'PARTIAL' | 'FAILED'>;
  accepted: number;
  rejected: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errorMessage: string | null;
  errors: readonly Omit<IngestErrorRecord, 'runId'>[];
  /** The source the run reported to (file runs learn it while running); kept when already set. */
  dataSourceId?: string | null;
}

const COLUMNS = `id, organization_id AS "organizationId", data_source_id AS "dataSourceId", source_type AS "sourceType",
  trigger, input, status, queued_at AS "queuedAt", started_at AS "startedAt", finished_at AS "finishedAt",
  accepted, rejected, inserted, updated, unchanged, error_message AS "errorMessage"`;

/** The advisory-lock key a run's transaction holds while it executes: proof that its process is alive. */
const RUN_LOCK = `hashtextextended('ingest_run:' || $1::text, 0)`;

@Injectable()
export class IngestRunRepository {
  constructor(private readonly pg: PgClientRepository) {}

  async create(run: NewIngestRun): Promise<IngestRunRecord> {
    const [row] = await this.pg.query<IngestRunRecord>(
      `INSERT INTO ingest_run (organization_id, data_source_id, source_type, trigger, input, status)
       VALUES ($1, $2, $3, $4, $5, 'QUEUED') RETURNING ${COLUMNS}`,
      [run.organizationId, run.dataSourceId, run.sourceType, run.trigger, run.input],
    );
    return row!;
  }

  /**
   * Queues a scheduled run unless one was already queued for this source since `dueAt` (the cron's latest
   * fire time): several schedulers may look at the same source, only one run results.
   */
  async createScheduled(run: NewIngestRun & { dataSourceId: string }, dueAt: Date): Promise<IngestRunRecord | null> {
    return this.pg.transaction(async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('ingest_schedule:' || $1::text, 0))`, [run.dataSourceId]);
      const result = await client.query<IngestRunRecord>(
        `INSERT INTO ingest_run (organization_id, data_source_id, source_type, trigger, input, status)
         SELECT $1, $2, $3, 'SCHEDULE', $4, 'QUEUED'
         WHERE NOT EXISTS (SELECT 1 FROM ingest_run WHERE data_source_id = $2 AND trigger = 'SCHEDULE' AND queued_at >= $5)
         RETURNING ${COLUMNS}`,
        [run.organizationId, run.dataSourceId, run.sourceType, run.input, dueAt],
      );
      return result.rows[0] ?? null;
    });
  }

  /** The database's clock: the one that stamps `queued_at`, so schedules compare like with like. */
  async databaseNow(): Promise<Date> {
    const [row] = await this.pg.query<{ now: Date }>(`SELECT now() AS now`);
    return row!.now;
  }

  async findById(id: string): Promise<IngestRunRecord | null> {
    const [row] = await this.pg.query<IngestRunRecord>(`SELECT ${COLUMNS} FROM ingest_run WHERE id = $1`, [id]);
    return row ?? null;
  }

  async findInOrganization(organizationId: string, id: string): Promise<IngestRunRecord | null> {
    const [row] = await this.pg.query<IngestRunRecord>(`SELECT ${COLUMNS} FROM ingest_run WHERE organization_id = $1 AND id = $2`, [
      organizationId,
      id,
    ]);
    return row ?? null;
  }

  listRecent(organizationId: string, limit: number): Promise<IngestRunRecord[]> {
    return this.pg.query<IngestRunRecord>(
      `SELECT ${COLUMNS} FROM ingest_run WHERE organization_id = $1 ORDER BY queued_at DESC, id LIMIT $2`,
      [organizationId, limit],
    );
  }

  /** The latest run of each data source (one query for a whole list). */
  async lastRunsOf(dataSourceIds: readonly string[]): Promise<Map<string, IngestRunRecord>> {
    if (dataSourceIds.length === 0) return new Map();
    const rows = await this.pg.query<IngestRunRecord>(
      `SELECT DISTINCT ON (data_source_id) ${COLUMNS} FROM ingest_run
       WHERE data_source_id = ANY($1::uuid[]) ORDER BY data_source_id, queued_at DESC, id DESC`,
      [dataSourceIds],
    );
    return new Map(rows.map((run) => [run.dataSourceId!, run]));
  }

  /** The first `limit` errors of each run, in the order they were found (one query for many runs). */
  errorsForRuns(runIds: readonly string[], limit: number): Promise<IngestErrorRecord[]> {
    if (runIds.length === 0) return Promise.resolve([]);
    return this.pg.query<IngestErrorRecord>(
      `SELECT "runId", source, line, record, field, reason FROM (
         SELECT run_id AS "runId", source, line, record, field, reason, id,
                row_number() OVER (PARTITION BY run_id ORDER BY id) AS n
         FROM ingest_error WHERE run_id = ANY($1::uuid[])
       ) e WHERE n <= $2 ORDER BY "runId", id`,
      [runIds, limit],
    );
  }

  /**
   * Takes a run's execution lock inside `client`'s transaction. False when another live process holds it
   * (it is executing the run right now).
   */
  async lockForExecution(client: SqlClient, runId: string): Promise<boolean> {
    const result = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock(${RUN_LOCK}) AS locked`, [runId]);
    return result.rows[0]!.locked;
  }

  /**
   * Marks a run RUNNING. Call only while holding its execution lock: then a RUNNING run was abandoned by a
   * process that died, and taking it over is safe. Finished runs are never run again (null).
   */
  async claim(runId: string): Promise<IngestRunRecord | null> {
    const [row] = await this.pg.query<IngestRunRecord>(
      `UPDATE ingest_run SET status = 'RUNNING', started_at = now(), finished_at = NULL
       WHERE id = $1 AND status IN ('QUEUED', 'RUNNING') RETURNING ${COLUMNS}`,
      [runId],
    );
    return row ?? null;
  }

  /** Back to the queue after a failed attempt that will be retried; the reason stays visible meanwhile. */
  async requeue(runId: string, message: string): Promise<void> {
    await this.pg.query(`UPDATE ingest_run SET status = 'QUEUED', error_message = $2 WHERE id = $1 AND status = 'RUNNING'`, [runId, message]);
  }

  /** Records the outcome inside the run's own transaction, so data and bookkeeping commit together. */
  async finish(client: SqlClient, runId: string, outcome: IngestRunOutcome): Promise<IngestRunRecord> {
    const result = await client.query<IngestRunRecord>(
      `UPDATE ingest_run SET status = $2, finished_at = clock_timestamp(), accepted = $3, rejected = $4,
         inserted = $5, updated = $6, unchanged = $7, error_message = $8, data_source_id = COALESCE(data_source_id, $9)
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [
        runId,
        outcome.status,
        outcome.accepted,
        outcome.rejected,
        outcome.inserted,
        outcome.updated,
        outcome.unchanged,
        outcome.errorMessage,
        outcome.dataSourceId ?? null,
      ],
    );
    await client.query(`DELETE FROM ingest_error WHERE run_id = $1`, [runId]);
    await insertErrors(client, runId, outcome.errors);
    return result.rows[0]!;
  }

  /**
   * Fails RUNNING runs whose process is gone: nobody holds their execution lock. Started within the last
   * `graceMs` are left alone (their executor may be between claiming and locking).
   */
  async failAbandoned(graceMs: number): Promise<string[]> {
    const rows = await this.pg.transaction(async (client) => {
      const candidates = await client.query<{ id: string }>(
        `SELECT id FROM ingest_run WHERE status = 'RUNNING' AND started_at < now() - make_interval(secs => $1::double precision / 1000)`,
        [graceMs],
      );
      const abandoned: string[] = [];
      for (const { id } of candidates.rows) {
        if (!(await this.lockForExecution(client, id))) continue;
        await client.query(
          `UPDATE ingest_run SET status = 'FAILED', finished_at = now(),
             error_message = 'the process running this ingest ended before it finished; nothing it read was stored'
           WHERE id = $1 AND status = 'RUNNING'`,
          [id],
        );
        abandoned.push(id);
      }
      return abandoned;
    });
    return rows;
  }
}

async function insertErrors(client: SqlClient, runId: string, errors: IngestRunOutcome['errors']): Promise<void> {
  if (errors.length === 0) return;
  await client.query(
    `INSERT INTO ingest_error (run_id, source, line, record, field, reason)
     SELECT $1, * FROM unnest($2::text[], $3::int[], $4::int[], $5::text[], $6::text[])`,
    [
      runId,
      errors.map((e) => e.source),
      errors.map((e) => e.line),
      errors.map((e) => e.record),
      errors.map((e) => e.field),
      errors.map((e) => e.reason),
    ],
  );
}
