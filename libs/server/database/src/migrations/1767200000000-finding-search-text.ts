import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a search of the findings list matches besides the subject and the team: the finding's title in every
 * language it is read in (libs/domain `findingSearchText`), written with the finding. Titles are rendered from
 * the finding's parameters in code, so this migration cannot fill it: rows stored before are filled by the next
 * write of their organisation's findings, and a search reads their stored English title meanwhile. A later
 * change of wording sets the column back to null to have it written again. The partial index finds those rows.
 */
export class FindingSearchText1767200000000 implements MigrationInterface {
  name = 'FindingSearchText1767200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE finding ADD COLUMN search_text text`);
    await q.query(`CREATE INDEX finding_search_text_missing_idx ON finding (organization_id) WHERE search_text IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX finding_search_text_missing_idx`);
    await q.query(`ALTER TABLE finding DROP COLUMN search_text`);
  }
}
