import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Time-bounded approvals of a country, each with who approved it, why and until when. Evaluation takes an
 * organisation's approved countries at an as-of time as its standing list (organization.approved_countries)
 * plus the approvals in force then; ending one early sets its expiry, so the history stays.
 */
export class CountryApproval1765600000000 implements MigrationInterface {
  name = 'CountryApproval1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE country_approval (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        reason text NOT NULL CHECK (length(btrim(reason)) > 0),
        approved_by text NOT NULL,
        approved_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        CHECK (expires_at > approved_at)
      );
      CREATE INDEX country_approval_org_idx ON country_approval (organization_id, expires_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE country_approval`);
  }
}
