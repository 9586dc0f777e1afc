import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A finding's title is rendered at read time, in the reader's language, from its kind and these parameters
 * (libs/domain/src/findings/finding-params.ts). Null for findings stored before: they keep showing the English
 * title stored with them until the next evaluation that detects them writes their parameters.
 */
export class FindingParams1766300000000 implements MigrationInterface {
  name = 'FindingParams1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE finding ADD COLUMN params jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE finding DROP COLUMN params`);
  }
}
