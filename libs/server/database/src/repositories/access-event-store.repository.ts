import { once } from 'node:events';
import { Injectable } from '@nestjs/common';
import { from as copyFrom } from 'pg-copy-streams';
import { PgClientRepository, type SqlClient } from './pg-client.repository.js';

export interface AccessEventRow {
  eventId: string;
  occurredAt: Date;
  principal: string;
  credentialExternalId: string | null;
  sourceIp: string | null;
  country: string | null;
  action: string;
  resource: string | null;
  bytes: number | null;
  records: number | null;
  success: boolean;
}

export interface AccessEventMergeResult {
  /** Rows staged in this run (duplicates included). */
  staged: number;
  /** Rows new to access_event; the rest were already stored (same source and event id). */
  inserted: number;
}

const STAGING = 'access_event_staging';
/** Flush the COPY buffer to the socket at about this size, so memory stays flat whatever the batch. */
const COPY_CHUNK_BYTES = 1 << 20;

/**
 * Access events at volume: COPY into a per-transaction staging table while the source streams, then one
 * set-based merge into the partitioned table that folds exactly the new rows into access_daily_rollup.
 * Re-ingesting the same events inserts nothing and counts nothing twice.
 */
@Injectable()
export class AccessEventStoreRepository {
  constructor(private readonly pg: PgClientRepository) {}

  /**
   * Columns spelled out rather than `LIKE access_event`: LIKE would lock access_event for the whole run and
   * block the partition DDL that runs on another connection before the merge.
   */
  async createStaging(client: SqlClient): Promise<void> {
    await client.query(
      `CREATE TEMP TABLE IF NOT EXISTS ${STAGING} (
         event_id text NOT NULL, occurred_at timestamptz NOT NULL, principal text NOT NULL, credential_external_id text,
         source_ip text, country text, action text NOT NULL, resource text, bytes bigint, records bigint, success boolean NOT NULL
       ) ON COMMIT DROP`,
    );
  }

  async stage(client: SqlClient, rows: readonly AccessEventRow[]): Promise<void> {
    if (rows.length === 0) return;
    const stream = client.query(copyFrom(`COPY ${STAGING} FROM STDIN`));
    const done = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    let buffer = '';
    for (const row of rows) {
      buffer += copyLine(row);
      if (buffer.length >= COPY_CHUNK_BYTES) {
        if (!stream.write(buffer)) await Promise.race([once(stream, 'drain'), done]);
        buffer = '';
      }
    }
    stream.end(buffer);
    await done;
  }

  /**
   * Monthly partitions for the given months (UTC, `YYYY-MM`), each in its own short transaction on another
   * connection so the DDL lock is held for milliseconds. A month whose rows already sit in the default
   * partition keeps them there (PostgreSQL refuses the partition otherwise), and a partition that cannot get
   * its lock in time is skipped: rows then land in the default partition, which is correct, only slower.
   */
  async ensureMonthlyPartitions(months: Iterable<string>): Promise<string[]> {
    const created: string[] = [];
    for (const month of [...new Set(months)].sort()) {
      const match = /^(\d{4})-(\d{2})$/.exec(month);
      if (!match) throw new Error(`Not a month: ${month}`);
      const [year, monthNumber] = [Number(match[1]), Number(match[2])];
      const from = new Date(Date.UTC(year, monthNumber - 1, 1)).toISOString();
      const to = new Date(Date.UTC(year, monthNumber, 1)).toISOString();
      const name = `access_event_y${match[1]}m${match[2]}`;
      const exists = await this.pg.query(`SELECT 1 FROM pg_class WHERE relname = $1 AND relkind = 'r'`, [name]);
      if (exists.length > 0) continue;
      try {
        await this.pg.transaction(async (client) => {
          await client.query(`SET LOCAL lock_timeout = '5s'`);
          const stragglers = await client.query(`SELECT 1 FROM access_event_default WHERE occurred_at >= $1 AND occurred_at < $2 LIMIT 1`, [
            from,
            to,
          ]);
          if (stragglers.rows.length > 0) return;
          await client.query(`CREATE TABLE IF NOT EXISTS ${name} PARTITION OF access_event FOR VALUES FROM ('${from}') TO ('${to}')`);
          created.push(month);
        });
      } catch (error) {
        // 55P03 lock_not_available, 23514 default partition holds rows of the range, 42P07 created concurrently.
        if (!['55P03', '23514', '42P07'].includes((error as { code?: string }).code ?? '')) throw error;
      }
    }
    return created;
  }

  /**
   * Moves the staged rows into access_event and folds exactly those into the daily rollup. Duplicates within
   * the run and events already stored are dropped from the staging table first, so the insert is a plain
   * one: no speculative ON CONFLICT insertion, which costs more than half again. That is safe only because a
   * run holds its organization's ingest lock, so no other transaction adds events for it meanwhile.
   */
  async mergeStaged(client: SqlClient, organizationId: string, source: string, span: { from: Date; to: Date }): Promise<AccessEventMergeResult> {
    const staged = await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${STAGING}`);
    await client.query(
      `DELETE FROM ${STAGING} a USING ${STAGING} b
       WHERE a.event_id = b.event_id AND a.occurred_at = b.occurred_at AND a.ctid > b.ctid`,
    );
    await client.query(
      // The time span (constants) lets the planner skip every partition outside it.
      `DELETE FROM ${STAGING} s USING access_event e
       WHERE e.organization_id = $1 AND e.source = $2 AND e.event_id = s.event_id AND e.occurred_at = s.occurred_at
         AND e.occurred_at >= $3 AND e.occurred_at <= $4`,
      [organizationId, source, span.from.toISOString(), span.to.toISOString()],
    );
    const inserted = await client.query(
      `INSERT INTO access_event (organization_id, source, event_id, occurred_at, principal, credential_external_id, source_ip, country,
         action, resource, bytes, records, success)
       SELECT $1, $2, event_id, occurred_at, principal, credential_external_id, source_ip, country, action, resource, bytes, records, success
       FROM ${STAGING}`,
      [organizationId, source],
    );
    await client.query(
      `INSERT INTO access_daily_rollup AS r (organization_id, day, principal, credential_external_id, country, events, bytes, records,
         first_at, last_at)
       SELECT $1, (occurred_at AT TIME ZONE 'UTC')::date, principal, COALESCE(credential_external_id, ''), COALESCE(country, ''),
         count(*), COALESCE(sum(bytes), 0), COALESCE(sum(records), 0), min(occurred_at), max(occurred_at)
       FROM ${STAGING} GROUP BY 2, 3, 4, 5
       ON CONFLICT (organization_id, day, principal, credential_external_id, country) DO UPDATE SET
         events = r.events + EXCLUDED.events, bytes = r.bytes + EXCLUDED.bytes, records = r.records + EXCLUDED.records,
         first_at = LEAST(r.first_at, EXCLUDED.first_at), last_at = GREATEST(r.last_at, EXCLUDED.last_at)`,
      [organizationId],
    );
    await client.query(`TRUNCATE ${STAGING}`);
    return { staged: staged.rows[0]!.count, inserted: inserted.rowCount ?? 0 };
  }
}

/** One row in COPY's text format: tab-separated, `\N` for NULL, backslash escapes. */
function copyLine(row: AccessEventRow): string {
  return (
    [
      text(row.eventId),
      row.occurredAt.toISOString(),
      text(row.principal),
      nullable(row.credentialExternalId),
      nullable(row.sourceIp),
      nullable(row.country),
      text(row.action),
      nullable(row.resource),
      integer(row.bytes),
      integer(row.records),
      row.success ? 't' : 'f',
    ].join('\t') + '\n'
  );
}

/** NUL cannot be stored in PostgreSQL text at all: it is dropped. */
const text = (value: string): string =>
  value.replaceAll('\u0000', '').replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
const nullable = (value: string | null): string => (value === null ? '\\N' : text(value));
const integer = (value: number | null): string => (value === null || !Number.isFinite(value) ? '\\N' : String(Math.trunc(value)));
