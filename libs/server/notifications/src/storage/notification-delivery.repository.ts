import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AttemptOutcome } from '../delivery/retry-policy.util.js';
import type { ChannelType, NotificationLang, NotificationType } from '../model/notification-event.js';

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'sending', 'sent', 'failed'];

export interface NewMessage {
  type: NotificationType;
  /** Unique per organisation: the same event recorded twice is one message. */
  dedupeKey: string;
  occurredAt: Date;
  data: Record<string, unknown>;
  /** Deliver to this channel only, whatever the rule (a ticket's update goes to the Jira that holds it). Not stored. */
  onlyChannelId?: string;
}

export interface StoredMessage extends NewMessage {
  id: string;
  organizationId: string;
}

export interface DeliveryRecord {
  id: string;
  messageId: string;
  organizationId: string;
  channelId: string | null;
  channelName: string;
  channelType: ChannelType;
  recipients: string[] | null;
  /** The language of this mail when not the channel's (its recipients chose it). */
  lang: NotificationLang | null;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  claimedBy: string | null;
  lastStatusCode: number | null;
  lastResponse: string | null;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** Joined from the message for the log. */
  type?: NotificationType;
}

type Queryable = Pick<EntityManager, 'query'>;

const toDelivery = (r: Record<string, unknown>): DeliveryRecord => ({
  id: r['id'] as string,
  messageId: r['message_id'] as string,
  organizationId: r['organization_id'] as string,
  channelId: r['channel_id'] as string | null,
  channelName: r['channel_name'] as string,
  channelType: r['channel_type'] as ChannelType,
  recipients: r['recipients'] as string[] | null,
  lang: (r['lang'] as NotificationLang | null | undefined) ?? null,
  status: r['status'] as DeliveryStatus,
  attempts: r['attempts'] as number,
  nextAttemptAt: r['next_attempt_at'] as Date,
  claimedBy: r['claimed_by'] as string | null,
  lastStatusCode: r['last_status_code'] as number | null,
  lastResponse: r['last_response'] as string | null,
  lastError: r['last_error'] as string | null,
  sentAt: r['sent_at'] as Date | null,
  createdAt: r['created_at'] as Date,
  updatedAt: r['updated_at'] as Date,
  ...(r['type'] ? { type: r['type'] as NotificationType } : {}),
});

/**
 * The outbox (messages) and its deliveries. A delivery moves pending → sending (claimed by one worker with a
 * lease) → sent, or back to pending with a later attempt, or failed (the dead letter) when attempts run out or
 * the receiver refuses for good. Every move out of `sending` is fenced by the claim (worker and attempt), so a
 * worker whose lease expired cannot overwrite what the next one did.
 */
@Injectable()
export class NotificationDeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts the messages not recorded before; returns those inserted (the others were duplicates). */
  async insertMessages(manager: Queryable, organizationId: string, messages: readonly NewMessage[]): Promise<StoredMessage[]> {
    if (messages.length === 0) return [];
    const rows = (await manager.query(
      `INSERT INTO notification_message (organization_id, type, dedupe_key, occurred_at, data)
       SELECT $1, x.type, x.dedupe_key, x.occurred_at, x.data FROM jsonb_to_recordset($2::jsonb) AS x(type text, dedupe_key text, occurred_at timestamptz, data jsonb)
       ON CONFLICT (organization_id, dedupe_key) DO NOTHING
       RETURNING id, type, dedupe_key, occurred_at, data`,
      [organizationId, JSON.stringify(messages.map((m) => ({ type: m.type, dedupe_key: m.dedupeKey, occurred_at: m.occurredAt, data: m.data })))],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: r['id'] as string,
      organizationId,
      type: r['type'] as NotificationType,
      dedupeKey: r['dedupe_key'] as string,
      occurredAt: r['occurred_at'] as Date,
      data: r['data'] as Record<string, unknown>,
    }));
  }

  async insertDeliveries(
    manager: Queryable,
    organizationId: string,
    deliveries: readonly { messageId: string; channelId: string; channelName: string; channelType: ChannelType; recipients: string[] | null; lang?: NotificationLang | null }[],
  ): Promise<number> {
    if (deliveries.length === 0) return 0;
    const rows = (await manager.query(
      `INSERT INTO notification_delivery (message_id, organization_id, channel_id, channel_name, channel_type, recipients, lang)
       SELECT x.message_id, $1, x.channel_id, x.channel_name, x.channel_type, x.recipients, x.lang
         FROM jsonb_to_recordset($2::jsonb) AS x(message_id uuid, channel_id uuid, channel_name text, channel_type text, recipients text[], lang text)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        organizationId,
        JSON.stringify(
          deliveries.map((d) => ({
            message_id: d.messageId,
            channel_id: d.channelId,
            channel_name: d.channelName,
            channel_type: d.channelType,
            recipients: d.recipients,
            lang: d.lang ?? null,
          })),
        ),
      ],
    )) as unknown[];
    return rows.length;
  }

  async findMessage(id: string): Promise<StoredMessage | null> {
    const rows = (await this.dataSource.query(`SELECT * FROM notification_message WHERE id = $1`, [id])) as Record<string, unknown>[];
    const r = rows[0];
    return r
      ? {
          id: r['id'] as string,
          organizationId: r['organization_id'] as string,
          type: r['type'] as NotificationType,
          dedupeKey: r['dedupe_key'] as string,
          occurredAt: r['occurred_at'] as Date,
          data: r['data'] as Record<string, unknown>,
        }
      : null;
  }

  /**
   * Claims a due pending delivery for one attempt: exactly one worker wins (the row lock, SKIP LOCKED for the
   * others, and the status re-checked under the lock). Null when it is not due, already claimed or finished.
   */
  async claim(deliveryId: string, workerId: string, leaseMs: number): Promise<DeliveryRecord | null> {
    const rows = (await this.dataSource.query(
      `UPDATE notification_delivery d SET status = 'sending', attempts = d.attempts + 1, claimed_by = $2,
         lease_until = now() + $3 * interval '1 millisecond', updated_at = now()
       FROM (SELECT id FROM notification_delivery WHERE id = $1 AND status = 'pending' AND next_attempt_at <= now() FOR UPDATE SKIP LOCKED) c
       WHERE d.id = c.id RETURNING d.*`,
      [deliveryId, workerId, leaseMs],
    )) as unknown[];
    const [row] = flatten(rows) as Record<string, unknown>[];
    return row ? toDelivery(row) : null;
  }

  /** Records how the claimed attempt ended; false when the claim was lost meanwhile (nothing written). */
  async finish(
    claimed: DeliveryRecord,
    workerId: string,
    outcome: AttemptOutcome,
    next: { status: 'sent' | 'failed' } | { status: 'pending'; delayMs: number },
  ): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `UPDATE notification_delivery SET status = $4, last_status_code = $5, last_response = $6, last_error = $7,
         sent_at = CASE WHEN $4 = 'sent' THEN now() ELSE sent_at END,
         next_attempt_at = CASE WHEN $4 = 'pending' THEN now() + $8 * interval '1 millisecond' ELSE next_attempt_at END,
         enqueued_at = NULL, claimed_by = NULL, lease_until = NULL, updated_at = now()
       WHERE id = $1 AND claimed_by = $2 AND attempts = $3 AND status = 'sending' RETURNING id`,
      [
        claimed.id,
        workerId,
        claimed.attempts,
        next.status,
        outcome.statusCode,
        outcome.response || null,
        outcome.kind === 'sent' ? null : outcome.error,
        next.status === 'pending' ? next.delayMs : 0,
      ],
    )) as unknown[];
    return flatten(rows).length > 0;
  }

  /**
   * Hands due deliveries to the job queue, once: marks up to `limit` pending, due, not yet handed out (or handed
   * out long ago and still pending: the job was lost) and returns their ids. Deliveries whose worker died
   * (lease expired) go back to pending first, or to failed when that was their last attempt.
   */
  async takeDue(limit: number, maxAttempts: number, staleMs: number): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE notification_delivery SET status = CASE WHEN attempts >= $1 THEN 'failed' ELSE 'pending' END,
           last_error = 'the worker stopped during the attempt (lease expired)', claimed_by = NULL, lease_until = NULL, enqueued_at = NULL, updated_at = now()
         WHERE id IN (SELECT id FROM notification_delivery WHERE status = 'sending' AND lease_until < now() FOR UPDATE SKIP LOCKED)`,
        [maxAttempts],
      );
      const rows = (await manager.query(
        `UPDATE notification_delivery SET enqueued_at = now()
         WHERE id IN (SELECT id FROM notification_delivery WHERE status = 'pending' AND next_attempt_at <= now()
                        AND (enqueued_at IS NULL OR enqueued_at < now() - $2 * interval '1 millisecond')
                      ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING id`,
        [limit, staleMs],
      )) as unknown[];
      return flatten(rows).map((r) => (r as { id: string }).id);
    });
  }

  /**
   * Removes what the retention is over: sent and dead-lettered deliveries finished before `cutoff`, then the
   * messages left without deliveries and recorded before it. A pending or in-flight delivery is never removed,
   * and neither is an SLA reminder whose finding is still open: its dedupe key is what keeps the hourly
   * reminder run from sending it again.
   */
  async prune(cutoff: Date): Promise<{ deliveries: number; messages: number }> {
    return this.dataSource.transaction(async (manager) => {
      const deliveries = flatten(
        (await manager.query(
          `DELETE FROM notification_delivery WHERE status IN ('sent', 'failed') AND COALESCE(sent_at, updated_at) < $1 RETURNING id`,
          [cutoff],
        )) as unknown[],
      ).length;
      const messages = flatten(
        (await manager.query(
          `DELETE FROM notification_message m WHERE m.created_at < $1
              AND NOT EXISTS (SELECT 1 FROM notification_delivery d WHERE d.message_id = m.id)
              AND NOT (m.type LIKE 'sla.%' AND EXISTS (
                SELECT 1 FROM finding f WHERE f.id::text = m.data->>'findingId' AND f.status IN ('OPEN', 'ACKNOWLEDGED')))
            RETURNING id`,
          [cutoff],
        )) as unknown[],
      ).length;
      return { deliveries, messages };
    });
  }

  async list(organizationId: string, status: DeliveryStatus | null, limit: number): Promise<DeliveryRecord[]> {
    const rows = (await this.dataSource.query(
      `SELECT d.*, m.type FROM notification_delivery d JOIN notification_message m ON m.id = d.message_id
        WHERE d.organization_id = $1 AND ($2::text IS NULL OR d.status = $2) ORDER BY d.created_at DESC, d.id LIMIT $3`,
      [organizationId, status, limit],
    )) as Record<string, unknown>[];
    return rows.map(toDelivery);
  }

  async findById(id: string): Promise<DeliveryRecord | null> {
    const rows = (await this.dataSource.query(`SELECT * FROM notification_delivery WHERE id = $1`, [id])) as Record<string, unknown>[];
    return rows[0] ? toDelivery(rows[0]) : null;
  }
}

/** TypeORM answers an UPDATE … RETURNING with [rows, count]. */
function flatten(result: unknown[]): unknown[] {
  return result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? (result[0] as unknown[]) : result;
}
