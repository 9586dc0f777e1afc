import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A snapshot's trend point (domain scores and overdue keys) as a column of its own, computed by PostgreSQL when
 * the snapshot is written. The overview reads a year of trend points on every request; projecting them out of
 * `posture`, which holds every finding's contribution (tens of thousands in a large organisation), meant
 * de-toasting and walking 52 large documents per request. Snapshots are immutable, so the column never goes stale.
 */
export class SnapshotTrend1764200000000 implements MigrationInterface {
  name = 'SnapshotTrend1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION score_snapshot_trend(posture jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT jsonb_build_object(
          'domains', (SELECT coalesce(jsonb_agg(jsonb_build_object('domain', d->'domain', 'measured', d->'measured', 'score', d->'score') ORDER BY n), '[]'::jsonb)
                        FROM jsonb_array_elements(CASE jsonb_typeof(posture->'domains') WHEN 'array' THEN posture->'domains' ELSE '[]'::jsonb END)
                             WITH ORDINALITY AS x(d, n)),
          'overdueKeys', posture->'overdueKeys')
      $$;
      ALTER TABLE score_snapshot ADD COLUMN trend jsonb GENERATED ALWAYS AS (score_snapshot_trend(posture)) STORED;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE score_snapshot DROP COLUMN IF EXISTS trend;
      DROP FUNCTION IF EXISTS score_snapshot_trend(jsonb);
    `);
  }
}
