import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The version of the data an organisation's posture is evaluated from: the organisation's row, the per-table
 * versions its statement triggers bump (people, credentials, settings, findings, ...), its activity days (and
 * whether events wait for the rollup fold: days an events run recorded, which the evaluation job folds) and its
 * last finished ingest run. Two equal versions mean nothing evaluation reads has changed.
 */
export interface DataVersion {
  organization: string;
  /** Version per table name (posture_data_version). */
  tables: Record<string, string>;
  activity: string;
  runs: string;
}

export const formatDataVersion = (v: DataVersion): string =>
  [
    v.organization,
    Object.keys(v.tables)
      .sort()
      .map((t) => `${t}:${v.tables[t]}`)
      .join(','),
    v.activity,
    v.runs,
  ].join('|');

/** The posture of an organisation as the evaluation job stored it. */
export interface StoredCurrentPosture<V> {
  organizationId: string;
  asOf: Date;
  evaluatedAt: Date;
  durationMs: number;
  dataVersion: string;
  view: V;
  topRiskIds: string[];
}

const VERSION_PARTS_SQL = `
  SELECT o.id AS organization_id, o.xmin::text AS organization,
    coalesce((SELECT jsonb_object_agg(v.table_name, v.version::text) FROM posture_data_version v WHERE v.organization_id = o.id), '{}'::jsonb) AS tables,
    (SELECT count(*) || ':' || coalesce(sum(a.version), 0) FROM activity_day_version a WHERE a.organization_id = o.id)
      || CASE WHEN EXISTS (SELECT 1 FROM access_rollup_pending p WHERE p.organization_id = o.id) THEN ':pending' ELSE '' END AS activity,
    coalesce((SELECT max(r.finished_at)::text FROM ingest_run r WHERE r.organization_id = o.id), '') AS runs
  FROM organization o`;

interface VersionRow {
  organization_id: string;
  organization: string;
  tables: Record<string, string>;
  activity: string;
  runs: string;
}

const toVersion = (r: VersionRow): DataVersion => ({ organization: r.organization, tables: r.tables, activity: r.activity, runs: r.runs });

const toStored = <V>(organizationId: string, r: Record<string, unknown>): StoredCurrentPosture<V> => ({
  organizationId,
  asOf: r['as_of'] as Date,
  evaluatedAt: r['evaluated_at'] as Date,
  durationMs: Number(r['duration_ms']),
  dataVersion: r['data_version'] as string,
  view: r['view'] as V,
  topRiskIds: (r['top_risk_ids'] as string[] | null) ?? [],
});

/** The stored current posture of each organisation, and the versions that tell whether it is up to date. */
@Injectable()
export class CurrentPostureRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The version of the data the organisation's posture reads now (null for an unknown organisation). */
  async dataVersion(organizationId: string, manager?: EntityManager): Promise<DataVersion | null> {
    const rows = (await (manager ?? this.dataSource.manager).query(`${VERSION_PARTS_SQL} WHERE o.id = $1`, [organizationId])) as VersionRow[];
    return rows[0] ? toVersion(rows[0]) : null;
  }

  /**
   * Organisations whose stored posture is missing, was evaluated from other data than the database now holds,
   * or is as of a day before `dayStart` (time has passed: SLA states move with the date). One statement for
   * every organisation: the evaluation workers sweep with it every few seconds.
   */
  async stale(dayStart: Date): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT v.*, c.data_version, c.as_of FROM (${VERSION_PARTS_SQL}) v LEFT JOIN current_posture c ON c.organization_id = v.organization_id`,
    )) as (VersionRow & { data_version: string | null; as_of: Date | null })[];
    return rows
      .filter((r) => r.data_version === null || r.as_of === null || r.as_of.getTime() < dayStart.getTime() || r.data_version !== formatDataVersion(toVersion(r)))
      .map((r) => r.organization_id);
  }

  async read<V>(organizationId: string): Promise<StoredCurrentPosture<V> | null> {
    const rows = (await this.dataSource.query(`SELECT * FROM current_posture WHERE organization_id = $1`, [organizationId])) as Record<string, unknown>[];
    return rows[0] ? toStored<V>(organizationId, rows[0]) : null;
  }

  /**
   * The stored posture and the version of the data it would be evaluated from now, in one statement: what a
   * read of the current posture needs to say whether a newer evaluation is due (every overview request).
   */
  async readWithVersion<V>(organizationId: string): Promise<{ stored: StoredCurrentPosture<V> | null; version: DataVersion | null }> {
    const rows = (await this.dataSource.query(
      `SELECT v.*, c.as_of, c.evaluated_at, c.duration_ms, c.data_version, c.view, c.top_risk_ids
         FROM (${VERSION_PARTS_SQL} WHERE o.id = $1) v LEFT JOIN current_posture c ON c.organization_id = v.organization_id`,
      [organizationId],
    )) as (VersionRow & Record<string, unknown>)[];
    const r = rows[0];
    if (!r) return { stored: null, version: null };
    return { stored: r['evaluated_at'] ? toStored<V>(organizationId, r) : null, version: toVersion(r) };
  }

  /** The stored as-of instant (locked until the transaction ends), so no older evaluation replaces a newer one. */
  async lockAsOf(organizationId: string, manager: EntityManager): Promise<Date | null> {
    const rows = (await manager.query(`SELECT as_of FROM current_posture WHERE organization_id = $1 FOR UPDATE`, [organizationId])) as { as_of: Date }[];
    return rows[0]?.as_of ?? null;
  }

  async write<V>(posture: StoredCurrentPosture<V>, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO current_posture (organization_id, as_of, evaluated_at, duration_ms, data_version, view, top_risk_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[])
       ON CONFLICT (organization_id) DO UPDATE SET as_of = EXCLUDED.as_of, evaluated_at = EXCLUDED.evaluated_at,
         duration_ms = EXCLUDED.duration_ms, data_version = EXCLUDED.data_version, view = EXCLUDED.view, top_risk_ids = EXCLUDED.top_risk_ids`,
      [posture.organizationId, posture.asOf, posture.evaluatedAt, Math.round(posture.durationMs), posture.dataVersion, JSON.stringify(posture.view), posture.topRiskIds],
    );
  }
}
