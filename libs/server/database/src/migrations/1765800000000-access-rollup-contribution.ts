import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Daily rollups computed in a data lake (`--source access-rollups`) are folded into access_daily_rollup,
 * beside the rollups of raw events. A lake re-exports a day when late events arrive, so each key's latest
 * figures must replace the earlier ones, not add to them: this table keeps what each rollup source last
 * contributed per key, and the ingest adds only the difference to access_daily_rollup. Re-ingesting the same
 * file is then a difference of zero, and raw events of the same key keep counting on their own.
 */
export class AccessRollupContribution1765800000000 implements MigrationInterface {
  name = 'AccessRollupContribution1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE access_rollup_contribution (
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        source text NOT NULL,
        day date NOT NULL,
        principal text NOT NULL,
        credential_external_id text NOT NULL DEFAULT '',
        country text NOT NULL DEFAULT '',
        events bigint NOT NULL CHECK (events > 0),
        bytes bigint NOT NULL CHECK (bytes >= 0),
        records bigint NOT NULL CHECK (records >= 0),
        PRIMARY KEY (organization_id, source, day, principal, credential_external_id, country)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS access_rollup_contribution`);
  }
}
