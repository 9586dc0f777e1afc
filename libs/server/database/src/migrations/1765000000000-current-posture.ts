import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The current posture of each organisation, as the evaluation job last stored it: every surface (GraphQL, web,
 * CLI, board report) reads this row and none evaluates. `data_version` is the version of the data the
 * evaluation read: when the database's version differs, a newer evaluation is due (`pending`).
 * `top_risk_ids` are the worst active findings in the domain's order, so the overview reads a handful of rows.
 */
export class CurrentPosture1765000000000 implements MigrationInterface {
  name = 'CurrentPosture1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE current_posture (
        organization_id uuid PRIMARY KEY REFERENCES organization(id) ON DELETE CASCADE,
        as_of timestamptz NOT NULL,
        evaluated_at timestamptz NOT NULL,
        duration_ms integer NOT NULL,
        data_version text NOT NULL,
        view jsonb NOT NULL,
        top_risk_ids uuid[] NOT NULL DEFAULT '{}'
      )
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS current_posture`);
  }
}
