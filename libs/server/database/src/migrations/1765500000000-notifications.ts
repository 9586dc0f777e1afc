import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications: channels per organisation (secrets sealed), rules (a row only where an admin changed the
 * default), the transactional outbox (one message per event, unique per organisation and dedupe key so that
 * re-running the same evaluation records nothing new), one delivery per message and channel (the state machine
 * workers claim with SKIP LOCKED), and the Jira ticket kept for a finding.
 */
export class Notifications1765500000000 implements MigrationInterface {
  name = 'Notifications1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_channel (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('smtp', 'slack', 'teams', 'webhook', 'jira')),
        name text NOT NULL,
        lang text NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'ko')),
        config jsonb NOT NULL DEFAULT '{}',
        secret_sealed text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, name)
      );
      CREATE TABLE notification_rule (
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        event_type text NOT NULL,
        enabled boolean NOT NULL,
        -- NULL: every channel of the organisation whose type takes this event by default.
        channel_names text[],
        -- E-mail recipients for this event (NULL: the channel's own list).
        recipients text[],
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, event_type)
      );
      CREATE TABLE notification_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        type text NOT NULL,
        dedupe_key text NOT NULL,
        occurred_at timestamptz NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, dedupe_key)
      );
      CREATE TABLE notification_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        message_id uuid NOT NULL REFERENCES notification_message(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        channel_id uuid REFERENCES notification_channel(id) ON DELETE SET NULL,
        channel_name text NOT NULL,
        channel_type text NOT NULL,
        recipients text[],
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        -- When the due attempt was handed to the job queue (NULL: not yet); cleared when another attempt is scheduled.
        enqueued_at timestamptz,
        claimed_by text,
        lease_until timestamptz,
        last_status_code int,
        last_response text,
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (message_id, channel_id)
      );
      CREATE INDEX notification_delivery_due ON notification_delivery (next_attempt_at) WHERE status IN ('pending', 'sending');
      CREATE INDEX notification_delivery_org ON notification_delivery (organization_id, created_at DESC);
      CREATE TABLE finding_ticket (
        finding_id uuid PRIMARY KEY REFERENCES finding(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        channel_id uuid REFERENCES notification_channel(id) ON DELETE SET NULL,
        ticket_key text NOT NULL,
        ticket_url text,
        resolved_noted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE finding_ticket, notification_delivery, notification_message, notification_rule, notification_channel`);
  }
}
