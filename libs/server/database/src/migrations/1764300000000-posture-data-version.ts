import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables evaluation reads besides activity, each with a version per organisation. */
const VERSIONED_TABLES = [
  'identity',
  'account',
  'credential',
  'identity_alias',
  'entitlement',
  'team',
  'offshore_approval',
  'access_review_campaign',
  'access_review_decision',
  'data_source',
  'budget',
  'rotation_policy',
  'finding',
] as const;

/**
 * A version per organisation and table for what evaluation reads besides activity (people, accounts,
 * credentials, settings, findings), bumped by the database on any change to that organisation's rows (any
 * writer). Incremental evaluation compares these few numbers with the ones it read last time and reads
 * again only the tables that changed, and keeps its stored findings while no one else changed them.
 */
export class PostureDataVersion1764300000000 implements MigrationInterface {
  name = 'PostureDataVersion1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE SEQUENCE posture_data_version_seq;
      CREATE TABLE posture_data_version (
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        table_name text NOT NULL,
        version bigint NOT NULL,
        PRIMARY KEY (organization_id, table_name)
      );
      -- Statement-level: one pass over the changed rows per statement, not a trigger call per row.
      CREATE FUNCTION bump_posture_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO posture_data_version AS v (organization_id, table_name, version)
          SELECT organization_id, TG_TABLE_NAME, nextval('posture_data_version_seq') FROM (SELECT DISTINCT organization_id FROM changed) d
          -- Not for an organisation being deleted (its rows go by cascade, and so do its versions).
          WHERE EXISTS (SELECT 1 FROM organization o WHERE o.id = d.organization_id)
          ON CONFLICT (organization_id, table_name) DO UPDATE SET version = EXCLUDED.version;
        RETURN NULL;
      END $$;
    `);
    for (const table of VERSIONED_TABLES) {
      await q.query(`
        CREATE TRIGGER ${table}_version_inserted AFTER INSERT ON ${table}
          REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_posture_data_version();
        CREATE TRIGGER ${table}_version_updated AFTER UPDATE ON ${table}
          REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_posture_data_version();
        CREATE TRIGGER ${table}_version_deleted AFTER DELETE ON ${table}
          REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_posture_data_version();
      `);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of VERSIONED_TABLES) {
      await q.query(`
        DROP TRIGGER IF EXISTS ${table}_version_inserted ON ${table};
        DROP TRIGGER IF EXISTS ${table}_version_updated ON ${table};
        DROP TRIGGER IF EXISTS ${table}_version_deleted ON ${table};
      `);
    }
    await q.query(`
      DROP FUNCTION IF EXISTS bump_posture_data_version();
      DROP TABLE IF EXISTS posture_data_version;
      DROP SEQUENCE IF EXISTS posture_data_version_seq;
    `);
  }
}
