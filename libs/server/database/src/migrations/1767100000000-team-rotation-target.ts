import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A team's burn-down target: the day by which it means to have no overdue credential. NULL: none set, and the
 * rotation board draws the default (the last day of the current quarter, see burndown-target.ts).
 */
export class TeamRotationTarget1767100000000 implements MigrationInterface {
  name = 'TeamRotationTarget1767100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE team ADD COLUMN rotation_target_date date`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE team DROP COLUMN rotation_target_date`);
  }
}
