import type { ScoreBand, ScoreDomain } from '@postureboard/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type SnapshotTrigger = 'SCHEDULED' | 'ON_DEMAND' | 'SEED';

export interface StoredSnapshot<P = unknown> {
  id: string;
  asOf: Date;
  takenAt: Date;
  trigger: SnapshotTrigger;
  overallScore: number | null;
  overallBand: ScoreBand | null;
  posture: P;
}

const toSnapshot = <P>(r: Record<string, unknown>): StoredSnapshot<P> => ({
  id: r['id'] as string,
  asOf: r['as_of'] as Date,
  takenAt: r['taken_at'] as Date,
  trigger: r['trigger'] as SnapshotTrigger,
  overallScore: r['overall_score'] === null ? null : Number(r['overall_score']),
  // Written only from the domain's ScoreBand (insert below), so the column holds nothing else.
  overallBand: r['overall_band'] as ScoreBand | null,
  posture: r['posture'] as P,
});

/** What a snapshot holds when read as part of a trend (`history`). */
export interface SnapshotTrend {
  domains: { domain: ScoreDomain; measured: boolean; score: number | null }[];
  /** Absent from snapshots taken before it was recorded. */
  overdueKeys: number | null;
}

/** Immutable score history: inserted once, never updated (a trigger refuses updates). */
@Injectable()
export class ScoreSnapshotRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Returns the stored snapshot for that instant; an existing one is kept as it was (idempotent). */
  async insert<P>(organizationId: string, asOf: Date, trigger: SnapshotTrigger, overallScore: number | null, overallBand: ScoreBand | null, posture: P): Promise<StoredSnapshot<P>> {
    await this.dataSource.query(
      `INSERT INTO score_snapshot (organization_id, as_of, trigger, overall_score, overall_band, posture)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (organization_id, as_of) DO NOTHING`,
      [organizationId, asOf, trigger, overallScore, overallBand, JSON.stringify(posture)],
    );
    const [row] = (await this.dataSource.query(`SELECT * FROM score_snapshot WHERE organization_id = $1 AND as_of = $2`, [organizationId, asOf])) as Record<string, unknown>[];
    return toSnapshot<P>(row!);
  }

  /**
   * The snapshots in a period as a trend: each `posture` holds only the domain scores and the overdue-key
   * count, from the `trend` column PostgreSQL computes when a snapshot is written. A stored posture carries
   * every finding's contribution (tens of thousands in a large organisation), far too much to read a year of
   * for a line chart on every overview request.
   */
  async history(organizationId: string, since: Date, until: Date): Promise<StoredSnapshot<SnapshotTrend>[]> {
    // One point per (UTC) day, the latest of it: an on-demand snapshot beside a scheduled one of the same day
    // would otherwise show as two points, and a "change since last week" measured against the same day.
    const rows = (await this.dataSource.query(
      `SELECT * FROM (
         SELECT DISTINCT ON ((as_of AT TIME ZONE 'UTC')::date) id, as_of, taken_at, trigger, overall_score, overall_band, trend AS posture
           FROM score_snapshot WHERE organization_id = $1 AND as_of >= $2 AND as_of <= $3
          ORDER BY (as_of AT TIME ZONE 'UTC')::date, as_of DESC
       ) daily ORDER BY as_of`,
      [organizationId, since, until],
    )) as Record<string, unknown>[];
    return rows.map((r) => toSnapshot<SnapshotTrend>(r));
  }

  /** The latest snapshot at or before `before` (e.g. "last week" for the change column). */
  async latestBefore<P>(organizationId: string, before: Date): Promise<StoredSnapshot<P> | null> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM score_snapshot WHERE organization_id = $1 AND as_of <= $2 ORDER BY as_of DESC LIMIT 1`,
      [organizationId, before],
    )) as Record<string, unknown>[];
    return rows[0] ? toSnapshot<P>(rows[0]) : null;
  }
}
