import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A finding detected by the evaluation that stored the organisation's current posture keeps `last_detected_at`
 * = 'infinity': its last detection is that posture's `as_of`, read through it (FindingRepository), so an
 * evaluation that detects again what it detected before writes nothing for it. Moving `last_detected_at` of
 * every re-detected finding took 5–7 s of a 22 s incremental evaluation at the large benchmark scale (83k rows,
 * none of them HOT updates: the column is indexed). A finding that stops being detected is written anyway (it
 * resolves) and gets its real last detection then. This brings the stored rows to that form.
 */
export class FindingDetectedThroughPosture1767500000000 implements MigrationInterface {
  name = 'FindingDetectedThroughPosture1767500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE finding f SET last_detected_at = 'infinity'
        FROM current_posture cp
       WHERE cp.organization_id = f.organization_id AND f.last_detected_at >= cp.as_of AND f.last_detected_at <> 'infinity'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE finding f SET last_detected_at = cp.as_of
        FROM current_posture cp
       WHERE cp.organization_id = f.organization_id AND f.last_detected_at = 'infinity'`);
  }
}
