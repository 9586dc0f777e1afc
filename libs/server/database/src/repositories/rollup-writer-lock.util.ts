import type { SqlClient } from './pg-client.repository.js';

/**
 * What access_daily_rollup's foreign key did per row, done once per run by every writer of rollups: the
 * organization must exist, and `FOR KEY SHARE` on its row keeps it from being deleted until the run's
 * transaction ends (its deletion, which also deletes its rollups, then waits and sees them).
 */
export async function lockOrganizationForRollups(client: SqlClient, organizationId: string): Promise<void> {
  const { rows } = await client.query(`SELECT 1 FROM organization WHERE id = $1 FOR KEY SHARE`, [organizationId]);
  if (rows.length === 0) throw new Error(`organization ${organizationId} does not exist (deleted while the run was starting?)`);
}
