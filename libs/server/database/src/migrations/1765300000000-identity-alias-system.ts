import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Aliases become editable (`postureboard alias add|list|remove`): each may name the system it is used in
 * (a GitHub login, an AWS user name), and says when it was added. An alias with a system links only that
 * system's accounts; one without links accounts of any system. Aliases stay unique per organisation.
 */
export class IdentityAliasSystem1765300000000 implements MigrationInterface {
  name = 'IdentityAliasSystem1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE identity_alias ADD COLUMN system text;
      ALTER TABLE identity_alias ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
      CREATE INDEX identity_alias_identity_idx ON identity_alias (identity_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS identity_alias_identity_idx;
      ALTER TABLE identity_alias DROP COLUMN IF EXISTS created_at;
      ALTER TABLE identity_alias DROP COLUMN IF EXISTS system;
    `);
  }
}
