import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The identity at an OpenID Provider an account is bound to: (issuer, subject), recorded at the first SSO
 * sign-in. From then on the provider's `sub` — stable, never reassigned (OpenID Connect Core §2) — finds the
 * account, not the e-mail, which a provider lets people change: an address moved to another person at the
 * provider cannot move their sign-ins to this account. One subject per account and issuer.
 */
export class OidcIdentity1765400000000 implements MigrationInterface {
  name = 'OidcIdentity1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE oidc_identity (
        issuer text NOT NULL,
        subject text NOT NULL,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        bound_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (issuer, subject),
        UNIQUE (user_id, issuer)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS oidc_identity');
  }
}
