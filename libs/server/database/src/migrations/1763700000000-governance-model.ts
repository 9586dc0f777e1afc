import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The governance model: tenants, inventory, activity, reviews, budgets, policies, findings, snapshots,
 * and the ingest bookkeeping. Append-only: later changes go in later migrations.
 */
export class GovernanceModel1763700000000 implements MigrationInterface {
  name = 'GovernanceModel1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
        name text NOT NULL,
        approved_countries text[] NOT NULL DEFAULT '{}',
        currency char(3) NOT NULL DEFAULT 'USD',
        it_ratio_benchmark numeric(6,4) NOT NULL DEFAULT 0.10,
        revenue_ratio_benchmark numeric(6,4) NOT NULL DEFAULT 0.01,
        fiscal_year_start_month int NOT NULL DEFAULT 1 CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE team (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        name text NOT NULL,
        lead_email text,
        lead_identity_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, name)
      );

      CREATE TABLE identity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        email text,
        employee_number text,
        display_name text NOT NULL,
        employment_type text NOT NULL CHECK (employment_type IN ('EMPLOYEE','CONTRACTOR','VENDOR','SERVICE_ACCOUNT')),
        status text NOT NULL CHECK (status IN ('ACTIVE','LEAVE','TERMINATED')),
        start_date date,
        termination_date date,
        work_country char(2),
        department text,
        team_id uuid REFERENCES team(id) ON DELETE SET NULL,
        manager_email text,
        source text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX identity_email_uq ON identity (organization_id, email) WHERE email IS NOT NULL;
      CREATE UNIQUE INDEX identity_employee_number_uq ON identity (organization_id, employee_number) WHERE employee_number IS NOT NULL;

      -- Explicit aliases: the third way to match identities across sources (after e-mail and employee number).
      CREATE TABLE identity_alias (
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        alias text NOT NULL,
        identity_id uuid NOT NULL REFERENCES identity(id) ON DELETE CASCADE,
        PRIMARY KEY (organization_id, alias)
      );

      CREATE TABLE account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        system text NOT NULL,
        external_id text NOT NULL,
        user_name text NOT NULL,
        email text,
        identity_id uuid REFERENCES identity(id) ON DELETE SET NULL,
        status text NOT NULL CHECK (status IN ('ACTIVE','SUSPENDED','DEACTIVATED')),
        deactivated_at timestamptz,
        last_login_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, system, external_id)
      );
      CREATE INDEX account_identity_idx ON account (identity_id);

      CREATE TABLE entitlement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        name text NOT NULL,
        privileged boolean NOT NULL DEFAULT false,
        production boolean NOT NULL DEFAULT false,
        UNIQUE (account_id, name)
      );

      CREATE TABLE credential (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        source text NOT NULL,
        external_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('ACCESS_KEY','SIGNING_KEY','KMS_KEY','CERTIFICATE','SECRET','API_TOKEN','SSH_KEY')),
        name text NOT NULL,
        algorithm text,
        environment text NOT NULL DEFAULT 'UNKNOWN' CHECK (environment IN ('PRODUCTION','STAGING','DEVELOPMENT','TEST','UNKNOWN')),
        status text NOT NULL CHECK (status IN ('ACTIVE','INACTIVE','REVOKED','EXPIRED')),
        created_at timestamptz,
        last_rotated_at timestamptz,
        expires_at timestamptz,
        last_used_at timestamptz,
        deactivated_at timestamptz,
        first_seen_at timestamptz NOT NULL,
        signed_by_credential_id uuid REFERENCES credential(id) ON DELETE SET NULL,
        owner_ref text,
        owner_identity_id uuid REFERENCES identity(id) ON DELETE SET NULL,
        team_id uuid REFERENCES team(id) ON DELETE SET NULL,
        attributes jsonb NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, source, external_id)
      );
      CREATE INDEX credential_team_idx ON credential (organization_id, team_id);

      -- Access events, partitioned by time; the default partition catches anything without a monthly one.
      CREATE TABLE access_event (
        organization_id uuid NOT NULL,
        source text NOT NULL,
        event_id text NOT NULL,
        occurred_at timestamptz NOT NULL,
        principal text NOT NULL,
        credential_external_id text,
        source_ip text,
        country text,
        action text NOT NULL,
        resource text,
        bytes bigint,
        records bigint,
        success boolean NOT NULL DEFAULT true,
        PRIMARY KEY (organization_id, source, event_id, occurred_at)
      ) PARTITION BY RANGE (occurred_at);
      CREATE TABLE access_event_default PARTITION OF access_event DEFAULT;
      CREATE INDEX access_event_principal_idx ON access_event (organization_id, principal, occurred_at);

      -- Daily rollups maintained incrementally at ingest; policies and pages read these, not raw events.
      CREATE TABLE access_daily_rollup (
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        day date NOT NULL,
        principal text NOT NULL,
        credential_external_id text NOT NULL DEFAULT '',
        country text NOT NULL DEFAULT '',
        events bigint NOT NULL,
        bytes bigint NOT NULL,
        records bigint NOT NULL,
        first_at timestamptz NOT NULL,
        last_at timestamptz NOT NULL,
        PRIMARY KEY (organization_id, day, principal, credential_external_id, country)
      );

      CREATE TABLE offshore_approval (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        identity_id uuid NOT NULL REFERENCES identity(id) ON DELETE CASCADE,
        approver_email text NOT NULL,
        scope text NOT NULL,
        country char(2),
        expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE access_review_campaign (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        name text NOT NULL,
        scope text NOT NULL DEFAULT 'all',
        starts_at timestamptz NOT NULL DEFAULT now(),
        due_at timestamptz NOT NULL,
        total_items int NOT NULL DEFAULT 0,
        owner_team_id uuid REFERENCES team(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        UNIQUE (organization_id, name)
      );

      CREATE TABLE access_review_decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        campaign_id uuid NOT NULL REFERENCES access_review_campaign(id) ON DELETE CASCADE,
        reviewer_email text NOT NULL,
        identity_email text NOT NULL,
        entitlement text NOT NULL,
        decision text CHECK (decision IN ('KEEP','REVOKE')),
        decided_at timestamptz,
        reason text,
        UNIQUE (campaign_id, identity_email, entitlement)
      );

      CREATE TABLE budget (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        fiscal_year int NOT NULL CHECK (fiscal_year BETWEEN 1990 AND 2200),
        it_spend numeric(20,2) NOT NULL CHECK (it_spend >= 0),
        security_spend numeric(20,2) NOT NULL CHECK (security_spend >= 0),
        revenue numeric(20,2) NOT NULL CHECK (revenue >= 0),
        currency char(3) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, fiscal_year)
      );

      CREATE TABLE rotation_policy (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        team_id uuid REFERENCES team(id) ON DELETE CASCADE,
        credential_kind text NOT NULL,
        environment text NOT NULL,
        max_age_days int NOT NULL CHECK (max_age_days > 0),
        warning_days int NOT NULL CHECK (warning_days >= 0),
        grace_days int NOT NULL DEFAULT 0 CHECK (grace_days >= 0)
      );
      CREATE UNIQUE INDEX rotation_policy_uq ON rotation_policy (organization_id, COALESCE(team_id, '00000000-0000-0000-0000-000000000000'::uuid), credential_kind, environment);

      CREATE TABLE finding (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        fingerprint text NOT NULL,
        kind text NOT NULL,
        qualifier text,
        title text NOT NULL DEFAULT '',
        reopen_count int NOT NULL DEFAULT 0,
        domain text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('CRITICAL','HIGH','MEDIUM','LOW')),
        status text NOT NULL CHECK (status IN ('OPEN','ACKNOWLEDGED','RISK_ACCEPTED','RESOLVED')),
        subject_type text NOT NULL,
        subject_external_id text NOT NULL,
        subject_name text NOT NULL,
        owner_team_id uuid REFERENCES team(id) ON DELETE SET NULL,
        evidence jsonb NOT NULL DEFAULT '[]',
        details jsonb NOT NULL DEFAULT '{}',
        first_detected_at timestamptz NOT NULL,
        last_detected_at timestamptz NOT NULL,
        due_at timestamptz,
        resolved_at timestamptz,
        risk_accepted_until timestamptz,
        risk_accepted_reason text,
        UNIQUE (organization_id, fingerprint)
      );
      CREATE INDEX finding_list_idx ON finding (organization_id, status, severity, kind);

      CREATE TABLE finding_status_change (
        id bigserial PRIMARY KEY,
        finding_id uuid NOT NULL REFERENCES finding(id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        actor text NOT NULL,
        actor_type text NOT NULL DEFAULT 'USER' CHECK (actor_type IN ('USER','SYSTEM')),
        reason text,
        risk_accepted_until timestamptz,
        changed_at timestamptz NOT NULL
      );
      CREATE INDEX finding_status_change_idx ON finding_status_change (finding_id, changed_at);

      CREATE TABLE score_snapshot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        as_of timestamptz NOT NULL,
        taken_at timestamptz NOT NULL DEFAULT now(),
        trigger text NOT NULL CHECK (trigger IN ('SCHEDULED','ON_DEMAND','SEED')),
        overall_score numeric(5,1),
        overall_band text,
        posture jsonb NOT NULL,
        UNIQUE (organization_id, as_of)
      );
      -- Snapshots are history: once written they never change.
      CREATE FUNCTION score_snapshot_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'score snapshots are immutable'; END $$;
      CREATE TRIGGER score_snapshot_no_update BEFORE UPDATE ON score_snapshot
        FOR EACH ROW EXECUTE FUNCTION score_snapshot_immutable();

      CREATE TABLE data_source (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        type text NOT NULL,
        name text NOT NULL,
        config jsonb NOT NULL DEFAULT '{}',
        secret_ciphertext text,
        schedule text,
        enabled boolean NOT NULL DEFAULT true,
        expected_freshness_hours int NOT NULL DEFAULT 48,
        last_successful_run_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, name)
      );

      CREATE TABLE ingest_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        data_source_id uuid REFERENCES data_source(id) ON DELETE SET NULL,
        source_type text NOT NULL,
        trigger text NOT NULL CHECK (trigger IN ('FILE','UPLOAD','SCHEDULE','MANUAL')),
        input text,
        status text NOT NULL CHECK (status IN ('QUEUED','RUNNING','SUCCEEDED','PARTIAL','FAILED')),
        queued_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        accepted int NOT NULL DEFAULT 0,
        rejected int NOT NULL DEFAULT 0,
        inserted int NOT NULL DEFAULT 0,
        updated int NOT NULL DEFAULT 0,
        unchanged int NOT NULL DEFAULT 0,
        error_message text
      );
      CREATE INDEX ingest_run_org_idx ON ingest_run (organization_id, queued_at DESC);

      CREATE TABLE ingest_error (
        id bigserial PRIMARY KEY,
        run_id uuid NOT NULL REFERENCES ingest_run(id) ON DELETE CASCADE,
        source text NOT NULL,
        line int,
        record int,
        field text,
        reason text NOT NULL
      );
      CREATE INDEX ingest_error_run_idx ON ingest_error (run_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE IF EXISTS ingest_error, ingest_run, data_source, score_snapshot, finding_status_change, finding,
        rotation_policy, budget, access_review_decision, access_review_campaign, offshore_approval,
        access_daily_rollup, access_event, credential, entitlement, account, identity_alias, identity, team, organization CASCADE;
      DROP FUNCTION IF EXISTS score_snapshot_immutable();
    `);
  }
}
