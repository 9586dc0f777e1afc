import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity and access for Postureboard itself: users, memberships, sessions with rotating refresh
 * tokens, API tokens, the product's own signing keys and the hash-chained audit trail.
 */
export class Auth1763800000000 implements MigrationInterface {
  name = 'Auth1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        display_name text,
        password_hash text,
        platform_admin boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE','DEACTIVATED')),
        failed_sign_ins int NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_sign_in_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        deactivated_at timestamptz
      );

      CREATE TABLE membership (
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('ADMIN','CISO','ENGINEERING_LEAD','ANALYST','AUDITOR','BOARD_VIEWER')),
        team_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, organization_id)
      );
      CREATE INDEX membership_organization_idx ON membership (organization_id);

      -- A session is one sign-in; its refresh tokens form one rotation family.
      CREATE TABLE auth_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text,
        ip text,
        user_agent text
      );
      CREATE INDEX auth_session_user_idx ON auth_session (user_id) WHERE revoked_at IS NULL;

      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES auth_session(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz
      );
      CREATE INDEX refresh_token_session_idx ON refresh_token (session_id);

      CREATE TABLE api_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('ADMIN','CISO','ENGINEERING_LEAD','ANALYST','AUDITOR','BOARD_VIEWER')),
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        token_prefix text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text,
        last_used_at timestamptz,
        CHECK (expires_at > created_at)
      );
      CREATE INDEX api_token_user_idx ON api_token (user_id) WHERE revoked_at IS NULL;
      CREATE INDEX api_token_organization_idx ON api_token (organization_id, created_at DESC);

      -- The product's own token-signing keys; the private half is sealed with POSTUREBOARD_SECRET_KEY.
      CREATE TABLE signing_key (
        kid text PRIMARY KEY,
        algorithm text NOT NULL,
        public_jwk jsonb NOT NULL,
        private_key_sealed text NOT NULL,
        created_at timestamptz NOT NULL,
        retired_at timestamptz,
        verify_until timestamptz,
        CHECK ((retired_at IS NULL) = (verify_until IS NULL))
      );

      -- Append-only, hash-chained. No foreign keys: the trail outlives the users and tenants it names.
      CREATE TABLE audit_log (
        seq bigint PRIMARY KEY CHECK (seq > 0),
        occurred_at timestamptz NOT NULL,
        actor_type text NOT NULL CHECK (actor_type IN ('USER','API_TOKEN','CLI','SYSTEM','ANONYMOUS')),
        actor_id text,
        actor text NOT NULL,
        organization_id uuid,
        action text NOT NULL,
        target text,
        outcome text NOT NULL CHECK (outcome IN ('SUCCESS','FAILURE')),
        details jsonb NOT NULL DEFAULT '{}',
        prev_hash text NOT NULL,
        hash text NOT NULL UNIQUE
      );
      CREATE INDEX audit_log_organization_idx ON audit_log (organization_id, seq DESC);
      -- The newest entry's seq and hash, so deleting the tail of the chain is detected too.
      CREATE TABLE audit_head (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        seq bigint NOT NULL,
        hash text NOT NULL
      );
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE IF EXISTS audit_head, audit_log, signing_key, api_token, refresh_token, auth_session, membership, app_user CASCADE;
      DROP FUNCTION IF EXISTS audit_log_append_only();
    `);
  }
}
