import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The findings workflow a team runs: an assignee (a user of the organisation), the FALSE_POSITIVE status
 * with its reason and expiry (like a risk acceptance's; the evaluation reopens the finding at the expiry),
 * and comments. Comments are append-only: no API edits or deletes one, and the database refuses an update;
 * deleting stays possible only through the finding (or organisation) being deleted.
 */
export class FindingsWorkflow1766200000000 implements MigrationInterface {
  name = 'FindingsWorkflow1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE finding DROP CONSTRAINT finding_status_check;
      ALTER TABLE finding ADD CONSTRAINT finding_status_check CHECK (status IN ('OPEN','ACKNOWLEDGED','RISK_ACCEPTED','FALSE_POSITIVE','RESOLVED'));
      ALTER TABLE finding
        ADD COLUMN false_positive_until timestamptz,
        ADD COLUMN false_positive_reason text,
        ADD COLUMN assignee_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        ADD CONSTRAINT finding_false_positive_check
          CHECK (status <> 'FALSE_POSITIVE' OR (false_positive_until IS NOT NULL AND length(btrim(false_positive_reason)) > 0));
      CREATE INDEX finding_assignee_idx ON finding (organization_id, assignee_user_id) WHERE assignee_user_id IS NOT NULL;

      ALTER TABLE finding_status_change ADD COLUMN false_positive_until timestamptz;

      CREATE TABLE finding_comment (
        id bigserial PRIMARY KEY,
        finding_id uuid NOT NULL REFERENCES finding(id) ON DELETE CASCADE,
        author_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        author text NOT NULL,
        body text NOT NULL CHECK (length(btrim(body)) > 0 AND length(body) <= 4000),
        created_at timestamptz NOT NULL
      );
      CREATE INDEX finding_comment_idx ON finding_comment (finding_id, created_at, id);

      CREATE FUNCTION finding_comment_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- ON DELETE SET NULL of the author is the one update allowed: a comment outlives its author's account.
        IF NEW.finding_id = OLD.finding_id AND NEW.author = OLD.author AND NEW.body = OLD.body AND NEW.created_at = OLD.created_at
           AND NEW.author_user_id IS NULL THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'finding comments are append-only';
      END $$;
      CREATE TRIGGER finding_comment_append_only BEFORE UPDATE ON finding_comment
        FOR EACH ROW EXECUTE FUNCTION finding_comment_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE finding_comment;
      DROP FUNCTION finding_comment_append_only();
      ALTER TABLE finding_status_change DROP COLUMN false_positive_until;
      UPDATE finding SET status = 'OPEN' WHERE status = 'FALSE_POSITIVE';
      ALTER TABLE finding DROP CONSTRAINT finding_false_positive_check;
      ALTER TABLE finding DROP COLUMN false_positive_until, DROP COLUMN false_positive_reason, DROP COLUMN assignee_user_id;
      ALTER TABLE finding DROP CONSTRAINT finding_status_check;
      ALTER TABLE finding ADD CONSTRAINT finding_status_check CHECK (status IN ('OPEN','ACKNOWLEDGED','RISK_ACCEPTED','RESOLVED'));
    `);
  }
}
