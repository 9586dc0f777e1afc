import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The keyed audit chain. Entries written so far stay as they are (chain_version 1: SHA-256, verified as before);
 * from now on every entry is sealed with HMAC-SHA256 under a key derived from the master key (chain_version 2,
 * with the key's id). The first process that appends after this migration writes the cut-over entry
 * (`audit.chain-keyed`), whose MAC covers the last unkeyed hash and so the whole unkeyed prefix. No key is stored
 * here. Adding columns fires no row trigger, so the append-only trigger stays on.
 */
export class KeyedAuditChain1766000000000 implements MigrationInterface {
  name = 'KeyedAuditChain1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE audit_log
        ADD COLUMN chain_version smallint NOT NULL DEFAULT 1 CHECK (chain_version IN (1, 2)),
        ADD COLUMN key_id text;
      -- Existing rows are version 1; a new row must say how it is sealed.
      ALTER TABLE audit_log ALTER COLUMN chain_version DROP DEFAULT;
      ALTER TABLE audit_log ADD CONSTRAINT audit_log_key_id_ck CHECK ((chain_version = 1) = (key_id IS NULL));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_key_id_ck, DROP COLUMN key_id, DROP COLUMN chain_version`);
  }
}
