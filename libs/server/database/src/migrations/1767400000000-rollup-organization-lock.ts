import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * access_daily_rollup loses its foreign key to organization. The key was checked once per inserted rollup row
 * (a lookup and a row lock on the organization each time), and the ingest inserts about half a rollup row per
 * event: the check took 12–24% of the rollup insert (EXPLAIN ANALYZE, 82k rows), to protect one fact that the
 * writers now establish once per run instead. Every
 * writer of rollups (the events' load and the data lake's rollups) takes `FOR KEY SHARE` on the organization's
 * row first, the lock the key took per row, so an organization cannot be deleted under a run and a run for a
 * deleted one fails. The cascade the key gave is kept by a trigger: deleting an organization deletes its
 * rollups in the same statement.
 */
export class RollupOrganizationLock1767400000000 implements MigrationInterface {
  name = 'RollupOrganizationLock1767400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE access_daily_rollup DROP CONSTRAINT IF EXISTS access_daily_rollup_organization_id_fkey;
      CREATE FUNCTION delete_organization_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM access_daily_rollup r USING gone g WHERE r.organization_id = g.id;
        RETURN NULL;
      END $$;
      CREATE TRIGGER organization_rollups_deleted AFTER DELETE ON organization
        REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION delete_organization_rollups();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER IF EXISTS organization_rollups_deleted ON organization;
      DROP FUNCTION IF EXISTS delete_organization_rollups();
      DELETE FROM access_daily_rollup r WHERE NOT EXISTS (SELECT 1 FROM organization o WHERE o.id = r.organization_id);
      ALTER TABLE access_daily_rollup ADD CONSTRAINT access_daily_rollup_organization_id_fkey
        FOREIGN KEY (organization_id) REFERENCES organization(id) ON DELETE CASCADE;
    `);
  }
}
