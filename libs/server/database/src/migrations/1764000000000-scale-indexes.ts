import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Found at 200k identities and 800 teams:
 * - every identity written looks its team up by name, case-insensitively; without an index that was a scan of
 *   all teams per row (an HR roster of 200k rows took over three minutes, almost all of it here);
 * - every overview request asks whether any credential changed since the cached evaluation.
 */
export class ScaleIndexes1764000000000 implements MigrationInterface {
  name = 'ScaleIndexes1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX team_name_key_idx ON team (organization_id, (lower(name)), created_at, id);
      CREATE INDEX credential_updated_idx ON credential (organization_id, updated_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS team_name_key_idx, credential_updated_idx`);
  }
}
