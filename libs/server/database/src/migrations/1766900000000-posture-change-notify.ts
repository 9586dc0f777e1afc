import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tables a read of an organisation's current posture returns data from (the stored posture, its
 * snapshots, the data versions that say whether it is pending, the organisation's row) and the column that
 * names the organisation in each.
 */
const NOTIFYING_TABLES = [
  ['current_posture', 'organization_id'],
  ['score_snapshot', 'organization_id'],
  ['posture_data_version', 'organization_id'],
  ['activity_day_version', 'organization_id'],
  ['ingest_run', 'organization_id'],
  ['organization', 'id'],
] as const;

/**
 * `posture_changed` notifications: at the commit of any change to what a current-posture read returns, every
 * listening API process hears which organisation changed (the findings, teams, budgets and other tables
 * evaluation reads reach it through posture_data_version, which their own triggers bump). API processes keep
 * answers to those reads only until they hear of a change; NOTIFY is transactional, so nothing is heard of
 * a change that rolls back, and one notification per organisation and transaction is delivered.
 */
export class PostureChangeNotify1766900000000 implements MigrationInterface {
  name = 'PostureChangeNotify1766900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_posture_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- TG_ARGV[0]: the column naming the organisation in this table.
        EXECUTE format('SELECT pg_notify(''posture_changed'', o::text) FROM (SELECT DISTINCT %I AS o FROM changed) d', TG_ARGV[0]);
        RETURN NULL;
      END $$;
    `);
    for (const [table, column] of NOTIFYING_TABLES) {
      const events = table === 'organization' ? ['UPDATE', 'DELETE'] : ['INSERT', 'UPDATE', 'DELETE'];
      for (const event of events) {
        const transition = event === 'DELETE' ? 'OLD' : 'NEW';
        await q.query(
          `CREATE TRIGGER ${table}_posture_${event.toLowerCase()}_notify AFTER ${event} ON ${table}
             REFERENCING ${transition} TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_posture_changed('${column}')`,
        );
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table] of NOTIFYING_TABLES) {
      for (const event of ['insert', 'update', 'delete']) await q.query(`DROP TRIGGER IF EXISTS ${table}_posture_${event}_notify ON ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS notify_posture_changed()`);
  }
}
