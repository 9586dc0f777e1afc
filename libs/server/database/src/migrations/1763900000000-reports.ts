import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Board reports: each generated PDF kept as evidence of what the board was shown (who, when, for which
 * date, in which language, with its SHA-256), and the per-organisation weekly schedule.
 */
export class Reports1763900000000 implements MigrationInterface {
  name = 'Reports1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        trigger text NOT NULL CHECK (trigger IN ('ON_DEMAND','SCHEDULED')),
        generated_by text NOT NULL,
        generated_at timestamptz NOT NULL,
        as_of timestamptz NOT NULL,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        lang text NOT NULL CHECK (lang IN ('en','ko')),
        checksum text NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
        size_bytes int NOT NULL CHECK (size_bytes > 0),
        content bytea NOT NULL,
        CHECK (period_start <= period_end)
      );
      CREATE INDEX report_org_idx ON report (organization_id, generated_at DESC);
      -- One scheduled report per organisation, date and language, however many workers run the schedule.
      CREATE UNIQUE INDEX report_scheduled_uq ON report (organization_id, as_of, lang) WHERE trigger = 'SCHEDULED';
      -- A report is a record of what the board was shown: once written it never changes.
      CREATE FUNCTION report_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'reports are immutable'; END $$;
      CREATE TRIGGER report_no_update BEFORE UPDATE ON report FOR EACH ROW EXECUTE FUNCTION report_immutable();

      CREATE TABLE report_schedule (
        organization_id uuid PRIMARY KEY REFERENCES organization(id) ON DELETE CASCADE,
        enabled boolean NOT NULL DEFAULT true,
        languages text[] NOT NULL DEFAULT '{en}' CHECK (cardinality(languages) > 0 AND languages <@ ARRAY['en','ko']),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE IF EXISTS report_schedule, report CASCADE;
      DROP FUNCTION IF EXISTS report_immutable();
    `);
  }
}
