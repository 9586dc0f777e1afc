import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The daily rollups leave the ingest's transaction. An events run no longer folds its rows into
 * access_daily_rollup (half of the database's work per event); it records here the days it inserted events on,
 * a handful of rows a run, and the evaluation job recomputes those days' rollups from access_event before it
 * reads them (AccessRollupFoldRepository). A fold deletes the rows it took in the transaction that rewrites the
 * days, so a failed fold leaves them for the next one.
 */
export class AccessRollupPending1767600000000 implements MigrationInterface {
  name = 'AccessRollupPending1767600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE access_rollup_pending (
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        day date NOT NULL,
        PRIMARY KEY (organization_id, day)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS access_rollup_pending`);
  }
}
