import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version per organisation and day of activity, bumped by the database whenever that day's rollups change
 * (any writer: ingest, retention, repair). Incremental evaluation compares these few hundred numbers with the
 * ones it read last time, instead of summing millions of rollup rows to notice which days changed.
 */
export class ActivityDayVersion1764100000000 implements MigrationInterface {
  name = 'ActivityDayVersion1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE SEQUENCE activity_day_version_seq;
      CREATE TABLE activity_day_version (
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        day date NOT NULL,
        version bigint NOT NULL,
        PRIMARY KEY (organization_id, day)
      );
      INSERT INTO activity_day_version (organization_id, day, version)
        SELECT organization_id, day, nextval('activity_day_version_seq') FROM (SELECT DISTINCT organization_id, day FROM access_daily_rollup) d;

      -- Statement-level: one pass over the changed rows per statement, not a trigger call per row.
      CREATE FUNCTION bump_activity_day_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO activity_day_version AS v (organization_id, day, version)
          SELECT organization_id, day, nextval('activity_day_version_seq') FROM (SELECT DISTINCT organization_id, day FROM changed) d
          -- Not for an organisation being deleted (its rollups go by cascade, and so do its versions).
          WHERE EXISTS (SELECT 1 FROM organization o WHERE o.id = d.organization_id)
          ON CONFLICT (organization_id, day) DO UPDATE SET version = EXCLUDED.version;
        RETURN NULL;
      END $$;
      CREATE TRIGGER access_daily_rollup_inserted AFTER INSERT ON access_daily_rollup
        REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_activity_day_version();
      CREATE TRIGGER access_daily_rollup_updated AFTER UPDATE ON access_daily_rollup
        REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_activity_day_version();
      CREATE TRIGGER access_daily_rollup_deleted AFTER DELETE ON access_daily_rollup
        REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_activity_day_version();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER IF EXISTS access_daily_rollup_inserted ON access_daily_rollup;
      DROP TRIGGER IF EXISTS access_daily_rollup_updated ON access_daily_rollup;
      DROP TRIGGER IF EXISTS access_daily_rollup_deleted ON access_daily_rollup;
      DROP FUNCTION IF EXISTS bump_activity_day_version();
      DROP TABLE IF EXISTS activity_day_version;
      DROP SEQUENCE IF EXISTS activity_day_version_seq;
    `);
  }
}
