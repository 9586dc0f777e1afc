import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What Jira last said about a finding's ticket: its status name and category, when that was read, and when the
 * ticket was seen closed (status category "done") while the finding was still detected — shown on the finding.
 */
export class TicketStatus1766610000000 implements MigrationInterface {
  name = 'TicketStatus1766610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE finding_ticket
        ADD COLUMN ticket_status text,
        ADD COLUMN ticket_status_category text,
        ADD COLUMN status_checked_at timestamptz,
        ADD COLUMN closed_while_open_at timestamptz;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE finding_ticket DROP COLUMN ticket_status, DROP COLUMN ticket_status_category, DROP COLUMN status_checked_at, DROP COLUMN closed_while_open_at`);
  }
}
