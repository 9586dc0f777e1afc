import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the inventory pages at scale (100k credentials, 200k identities, rollups of 10M events):
 * the leaver, bulk-extraction and cross-border views look activity up by principal or by credential, and
 * the leaver view starts from the few departed identities and deactivated IdP accounts.
 */
export class InventoryIndexes1763760000000 implements MigrationInterface {
  name = 'InventoryIndexes1763760000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Principals match identities case-insensitively, and an ARN also by its last path segment (the
      -- domain's PostureIndex.resolvePrincipal): one expression index serves both, rechecked in the query.
      CREATE INDEX access_daily_rollup_principal_key_idx
        ON access_daily_rollup (organization_id, (lower(regexp_replace(btrim(principal), '^.*/', ''))), day);
      CREATE INDEX access_daily_rollup_credential_idx
        ON access_daily_rollup (organization_id, credential_external_id, day) WHERE credential_external_id <> '';

      CREATE INDEX credential_owner_idx ON credential (owner_identity_id) WHERE owner_identity_id IS NOT NULL;
      CREATE INDEX identity_departed_idx ON identity (organization_id) WHERE termination_date IS NOT NULL OR status = 'TERMINATED';
      CREATE INDEX identity_team_idx ON identity (team_id) WHERE team_id IS NOT NULL;
      CREATE INDEX account_deactivated_idx ON account (organization_id) WHERE status = 'DEACTIVATED';
      CREATE INDEX offshore_approval_identity_idx ON offshore_approval (identity_id);
      CREATE INDEX finding_kind_idx ON finding (organization_id, kind, last_detected_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS access_daily_rollup_principal_key_idx, access_daily_rollup_credential_idx, credential_owner_idx,
        identity_departed_idx, identity_team_idx, account_deactivated_idx, offshore_approval_identity_idx, finding_kind_idx;
    `);
  }
}
