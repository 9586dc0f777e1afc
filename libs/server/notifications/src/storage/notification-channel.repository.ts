import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ChannelType, NotificationLang, NotificationType } from '../model/notification-event.js';

export interface ChannelRecord {
  id: string;
  organizationId: string;
  type: ChannelType;
  name: string;
  lang: NotificationLang;
  config: Record<string, unknown>;
  /** Sealed; opened only to send. */
  secretSealed: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface RuleRecord {
  type: NotificationType;
  enabled: boolean;
  channelNames: string[] | null;
  recipients: string[] | null;
}

type Queryable = Pick<EntityManager, 'query'>;

const toChannel = (r: Record<string, unknown>): ChannelRecord => ({
  id: r['id'] as string,
  organizationId: r['organization_id'] as string,
  type: r['type'] as ChannelType,
  name: r['name'] as string,
  lang: r['lang'] as NotificationLang,
  config: r['config'] as Record<string, unknown>,
  secretSealed: r['secret_sealed'] as string | null,
  createdAt: r['created_at'] as Date,
  updatedAt: r['updated_at'] as Date,
});

/** Channels and the rules that route events to them, per organisation. */
@Injectable()
export class NotificationChannelRepository {
  constructor(private readonly dataSource: DataSource) {}

  async upsert(channel: Omit<ChannelRecord, 'createdAt' | 'updatedAt'>): Promise<ChannelRecord> {
    const rows = (await this.dataSource.query(
      `INSERT INTO notification_channel (id, organization_id, type, name, lang, config, secret_sealed) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (organization_id, name) DO UPDATE SET lang = EXCLUDED.lang, config = EXCLUDED.config,
         secret_sealed = EXCLUDED.secret_sealed, updated_at = now()
         WHERE notification_channel.type = EXCLUDED.type
       RETURNING *`,
      [channel.id, channel.organizationId, channel.type, channel.name, channel.lang, JSON.stringify(channel.config), channel.secretSealed],
    )) as Record<string, unknown>[];
    if (!rows[0]) throw new Error(`channel "${channel.name}" exists with another type`);
    return toChannel(rows[0]);
  }

  async list(organizationId: string, manager: Queryable = this.dataSource): Promise<ChannelRecord[]> {
    const rows = (await manager.query(`SELECT * FROM notification_channel WHERE organization_id = $1 ORDER BY name`, [organizationId])) as Record<string, unknown>[];
    return rows.map(toChannel);
  }

  async findByName(organizationId: string, name: string): Promise<ChannelRecord | null> {
    const rows = (await this.dataSource.query(`SELECT * FROM notification_channel WHERE organization_id = $1 AND name = $2`, [organizationId, name])) as Record<
      string,
      unknown
    >[];
    return rows[0] ? toChannel(rows[0]) : null;
  }

  async findById(id: string): Promise<ChannelRecord | null> {
    const rows = (await this.dataSource.query(`SELECT * FROM notification_channel WHERE id = $1`, [id])) as Record<string, unknown>[];
    return rows[0] ? toChannel(rows[0]) : null;
  }

  async remove(organizationId: string, name: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`DELETE FROM notification_channel WHERE organization_id = $1 AND name = $2 RETURNING id`, [organizationId, name])) as unknown[];
    return rows.length > 0;
  }

  /** Re-seals every channel secret in one transaction (master key rotation); returns how many. */
  async resealAll(reseal: (channel: { id: string; organizationId: string; secretSealed: string }) => string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(`SELECT id, organization_id, secret_sealed FROM notification_channel WHERE secret_sealed IS NOT NULL FOR UPDATE`)) as Record<string, string>[];
      for (const r of rows) {
        const sealed = reseal({ id: r['id']!, organizationId: r['organization_id']!, secretSealed: r['secret_sealed']! });
        await manager.query(`UPDATE notification_channel SET secret_sealed = $2 WHERE id = $1`, [r['id'], sealed]);
      }
      return rows.length;
    });
  }

  async rules(organizationId: string, manager: Queryable = this.dataSource): Promise<RuleRecord[]> {
    const rows = (await manager.query(`SELECT * FROM notification_rule WHERE organization_id = $1`, [organizationId])) as Record<string, unknown>[];
    return rows.map((r) => ({
      type: r['event_type'] as NotificationType,
      enabled: r['enabled'] as boolean,
      channelNames: r['channel_names'] as string[] | null,
      recipients: r['recipients'] as string[] | null,
    }));
  }

  async setRule(organizationId: string, rule: RuleRecord): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notification_rule (organization_id, event_type, enabled, channel_names, recipients) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organization_id, event_type) DO UPDATE SET enabled = EXCLUDED.enabled, channel_names = EXCLUDED.channel_names,
         recipients = EXCLUDED.recipients, updated_at = now()`,
      [organizationId, rule.type, rule.enabled, rule.channelNames, rule.recipients],
    );
  }
}
