import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each user's notification preferences: the language of the e-mail addressed to them (null: the channel's) and
 * whether they receive the weekly digest. A mail delivery is then one per message, channel and language
 * (`lang` null: the channel's own language, as before), so recipients of one channel are written to in theirs.
 */
export class NotificationPreferences1766600000000 implements MigrationInterface {
  name = 'NotificationPreferences1766600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user
        ADD COLUMN notification_lang text CHECK (notification_lang IN ('en', 'ko')),
        ADD COLUMN digest_opt_out boolean NOT NULL DEFAULT false;
      ALTER TABLE notification_delivery ADD COLUMN lang text CHECK (lang IN ('en', 'ko'));
      ALTER TABLE notification_delivery DROP CONSTRAINT notification_delivery_message_id_channel_id_key;
      CREATE UNIQUE INDEX notification_delivery_message_channel_lang ON notification_delivery (message_id, channel_id, COALESCE(lang, ''));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX notification_delivery_message_channel_lang;
      DELETE FROM notification_delivery WHERE lang IS NOT NULL;
      ALTER TABLE notification_delivery DROP COLUMN lang, ADD CONSTRAINT notification_delivery_message_id_channel_id_key UNIQUE (message_id, channel_id);
      ALTER TABLE app_user DROP COLUMN notification_lang, DROP COLUMN digest_opt_out;
    `);
  }
}
