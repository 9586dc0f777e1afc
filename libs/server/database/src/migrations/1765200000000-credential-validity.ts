import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Credentials as validity intervals, and two new kinds.
 * - `status` keeps only what a source says of a credential (ACTIVE, INACTIVE, REVOKED). EXPIRED was read from the
 *   wall clock at ingest and left no end date, so a past day could not see the credential as valid; expiry is
 *   `expires_at`, judged at each `asOf`. Rows stored EXPIRED with an end date become ACTIVE (the end date cuts
 *   them off); without one they stay INACTIVE with the deactivation date they had.
 * - `use_observed`: whether the source reports the credential's use (KEY_UNUSED applies only then). Rows already
 *   stored take it from what is known: IAM access keys (the credential report has last-used dates) and any
 *   credential with a last-used date.
 * - account.created_at: an account is not access on days before it existed (replay of a rehire's gap).
 * - kinds ENCRYPTION_KEY (a JWK with `use: enc` or encryption `key_ops`) and CA_CERTIFICATE (basicConstraints
 *   cA=TRUE), reclassified from the attributes the connectors already kept.
 */
export class CredentialValidity1765200000000 implements MigrationInterface {
  name = 'CredentialValidity1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE credential DROP CONSTRAINT credential_kind_check;
      ALTER TABLE credential ADD CONSTRAINT credential_kind_check CHECK (kind IN
        ('ACCESS_KEY','SIGNING_KEY','ENCRYPTION_KEY','KMS_KEY','CERTIFICATE','CA_CERTIFICATE','SECRET','API_TOKEN','SSH_KEY'));

      UPDATE credential SET status = 'ACTIVE', deactivated_at = NULL WHERE status = 'EXPIRED' AND expires_at IS NOT NULL;
      UPDATE credential SET status = 'INACTIVE' WHERE status = 'EXPIRED';
      ALTER TABLE credential DROP CONSTRAINT credential_status_check;
      ALTER TABLE credential ADD CONSTRAINT credential_status_check CHECK (status IN ('ACTIVE','INACTIVE','REVOKED'));

      ALTER TABLE credential ADD COLUMN use_observed boolean NOT NULL DEFAULT false;
      UPDATE credential SET use_observed = true
       WHERE last_used_at IS NOT NULL OR (source = 'iam-credential-report' AND kind = 'ACCESS_KEY');

      UPDATE credential SET kind = 'CA_CERTIFICATE' WHERE kind = 'CERTIFICATE' AND attributes->>'isCa' = 'true';
      UPDATE credential SET kind = 'ENCRYPTION_KEY' WHERE kind = 'SIGNING_KEY' AND source = 'jwks' AND attributes->>'use' = 'enc';

      ALTER TABLE account ADD COLUMN created_at timestamptz;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE credential SET kind = 'CERTIFICATE' WHERE kind = 'CA_CERTIFICATE';
      UPDATE credential SET kind = 'SIGNING_KEY' WHERE kind = 'ENCRYPTION_KEY';
      ALTER TABLE credential DROP CONSTRAINT credential_kind_check;
      ALTER TABLE credential ADD CONSTRAINT credential_kind_check CHECK (kind IN
        ('ACCESS_KEY','SIGNING_KEY','KMS_KEY','CERTIFICATE','SECRET','API_TOKEN','SSH_KEY'));
      ALTER TABLE credential DROP COLUMN use_observed;
      ALTER TABLE account DROP COLUMN created_at;
      ALTER TABLE credential DROP CONSTRAINT credential_status_check;
      ALTER TABLE credential ADD CONSTRAINT credential_status_check CHECK (status IN ('ACTIVE','INACTIVE','REVOKED','EXPIRED'));
    `);
  }
}
