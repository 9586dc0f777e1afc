import { Injectable } from '@nestjs/common';
import type { SqlClient, UpsertCounts } from './pg-client.repository.js';
import { lockOrganizationForRollups } from './rollup-writer-lock.util.js';

/** One day of one key, aggregated in a data lake; `credentialExternalId` and `country` null when not known. */
export interface AccessRollupRow {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  principal: string;
  credentialExternalId: string | null;
  country: string | null;
  events: number;
  bytes: number;
  records: number;
}

const STAGING = 'access_rollup_staging';
const KEY = 'day, principal, credential_external_id, country';

/**
 * Daily rollups computed outside (a data lake's SQL, docs/sql) land in access_daily_rollup, the table the raw
 * events' rollups fill and every rule reads. A run stages its rows in a temporary table; `merge` then sums
 * rows of one key within the run (a lake writes one key per file, but a day may come in several files), and
 * for each key replaces what this source contributed before: access_daily_rollup moves by the difference
 * only (access_rollup_contribution keeps the previous figures). Re-ingesting a file changes no row; a day
 * re-exported with late events moves by what was added; events of the same key from raw sources are kept.
 */
@Injectable()
export class AccessRollupStoreRepository {
  /** Stages rows in the run's transaction (the staging table goes with it, committed or not). */
  async stage(client: SqlClient, rows: readonly AccessRollupRow[]): Promise<void> {
    if (rows.length === 0) return;
    await client.query(
      `CREATE TEMP TABLE IF NOT EXISTS ${STAGING} (
         day date NOT NULL, principal text NOT NULL, credential_external_id text NOT NULL, country text NOT NULL,
         events bigint NOT NULL, bytes bigint NOT NULL, records bigint NOT NULL
       ) ON COMMIT DROP`,
    );
    await client.query(
      `INSERT INTO ${STAGING} (${KEY}, events, bytes, records)
       SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[])`,
      [
        rows.map((r) => r.day),
        rows.map((r) => r.principal),
        rows.map((r) => r.credentialExternalId ?? ''),
        rows.map((r) => r.country ?? ''),
        rows.map((r) => r.events),
        rows.map((r) => r.bytes),
        rows.map((r) => r.records),
      ],
    );
  }

  /**
   * Folds the staged rows into access_daily_rollup and records them as the source's contribution. Counts are
   * per key: inserted (new), updated (figures changed) and unchanged (the same as last time).
   */
  async merge(client: SqlClient, organizationId: string, source: string): Promise<UpsertCounts> {
    const staged = await client.query<{ present: boolean }>(`SELECT to_regclass('pg_temp.${STAGING}') IS NOT NULL AS present`);
    if (!staged.rows[0]?.present) return { inserted: 0, updated: 0, unchanged: 0 };
    await lockOrganizationForRollups(client, organizationId);
    // The difference of each key against its previous contribution, computed once, used twice.
    await client.query(
      `CREATE TEMP TABLE access_rollup_delta ON COMMIT DROP AS
       SELECT i.day, i.principal, i.credential_external_id, i.country, i.events, i.bytes, i.records,
              c.day IS NULL AS is_new,
              i.events - COALESCE(c.events, 0) AS d_events, i.bytes - COALESCE(c.bytes, 0) AS d_bytes,
              i.records - COALESCE(c.records, 0) AS d_records
         FROM (SELECT ${KEY}, sum(events)::bigint AS events, sum(bytes)::bigint AS bytes, sum(records)::bigint AS records
                 FROM ${STAGING} GROUP BY ${KEY}) i
         LEFT JOIN access_rollup_contribution c
           ON c.organization_id = $1 AND c.source = $2 AND c.day = i.day AND c.principal = i.principal
          AND c.credential_external_id = i.credential_external_id AND c.country = i.country`,
      [organizationId, source],
    );
    // A key the rollups see for the first time starts at the day's bounds: the lake gave the day, not the times.
    await client.query(
      `INSERT INTO access_daily_rollup AS r (organization_id, ${KEY}, events, bytes, records, first_at, last_at)
       SELECT $1, ${KEY}, d_events, d_bytes, d_records,
              day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC' - interval '1 millisecond'
         FROM access_rollup_delta WHERE d_events <> 0 OR d_bytes <> 0 OR d_records <> 0
         ORDER BY principal, credential_external_id, day, country
       ON CONFLICT (organization_id, day, principal, credential_external_id, country) DO UPDATE SET
         events = r.events + EXCLUDED.events, bytes = r.bytes + EXCLUDED.bytes, records = r.records + EXCLUDED.records,
         first_at = LEAST(r.first_at, EXCLUDED.first_at), last_at = GREATEST(r.last_at, EXCLUDED.last_at)`,
      [organizationId],
    );
    await client.query(
      `INSERT INTO access_rollup_contribution AS c (organization_id, source, ${KEY}, events, bytes, records)
       SELECT $1, $2, ${KEY}, events, bytes, records FROM access_rollup_delta
        WHERE is_new OR d_events <> 0 OR d_bytes <> 0 OR d_records <> 0
       ON CONFLICT (organization_id, source, day, principal, credential_external_id, country) DO UPDATE SET
         events = EXCLUDED.events, bytes = EXCLUDED.bytes, records = EXCLUDED.records`,
      [organizationId, source],
    );
    const { rows } = await client.query<{ inserted: string; updated: string; unchanged: string }>(
      `SELECT count(*) FILTER (WHERE is_new) AS inserted,
              count(*) FILTER (WHERE NOT is_new AND (d_events <> 0 OR d_bytes <> 0 OR d_records <> 0)) AS updated,
              count(*) FILTER (WHERE NOT is_new AND d_events = 0 AND d_bytes = 0 AND d_records = 0) AS unchanged
         FROM access_rollup_delta`,
    );
    await client.query(`DROP TABLE access_rollup_delta; DROP TABLE ${STAGING}`);
    const counts = rows[0]!;
    return { inserted: Number(counts.inserted), updated: Number(counts.updated), unchanged: Number(counts.unchanged) };
  }
}
