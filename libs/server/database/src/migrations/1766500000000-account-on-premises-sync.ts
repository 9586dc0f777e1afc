import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether an account is synchronised from an on-premises directory (Entra ID's `onPremisesSyncEnabled`, set by
 * Entra Connect): disabling such an account in the cloud is overwritten by the next sync, so a leaver's synced
 * account must be disabled on premises. False when the source does not say or the account is cloud-only.
 */
export class AccountOnPremisesSync1766500000000 implements MigrationInterface {
  name = 'AccountOnPremisesSync1766500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE account ADD COLUMN on_premises_sync boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE account DROP COLUMN on_premises_sync`);
  }
}
