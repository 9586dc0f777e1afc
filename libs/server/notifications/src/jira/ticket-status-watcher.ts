import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FindingRepository } from '@postureboard/server-database';
import type { ChannelConfig } from '../channels/channel-config.js';
import { type OpenedChannel, secretValues } from '../channels/channel-senders.js';
import { ChannelSecretBox } from '../channels/channel-secrets.js';
import { OUTBOUND_HTTP, type OutboundHttp } from '../delivery/outbound-http.js';
import { redact } from '../delivery/redact.util.js';
import { NOTIFICATIONS_OPTIONS, type ResolvedNotificationsOptions } from '../notifications.options.js';
import { NotificationOutbox } from '../outbox/notification-outbox.js';
import { NotificationChannelRepository } from '../storage/notification-channel.repository.js';
import { jiraAuthorization, jiraIssueUrl } from './jira-tickets.js';

/** Tickets read per run, least recently read first: a large backlog is read over several runs. */
const BATCH = 200;

interface WatchedTicket {
  finding_id: string;
  organization_id: string;
  channel_id: string;
  ticket_key: string;
  ticket_url: string | null;
  closed_while_open_at: Date | null;
}

export interface TicketCheck {
  checked: number;
  /** Newly seen closed while their finding is still detected. */
  closed: number;
  reopened: number;
  /** Jira did not answer, or answered without a status: tried again next run. */
  failed: number;
}

/**
 * Reads the status of the Jira tickets of findings still detected (OPEN or ACKNOWLEDGED): when Jira puts one in
 * the status category "done" (Cloud REST v3 and Data Center v2 alike), the finding says so
 * (`closed_while_open_at`) and a `finding.ticket_closed` message is recorded, delivered where a rule sends it. A
 * ticket reopened since clears it. Run by every worker on the reminder interval; idempotent (the mark is set once,
 * the message deduped on the closure).
 */
@Injectable()
export class TicketStatusWatcher {
  private readonly logger = new Logger('JiraTicketStatus');

  constructor(
    private readonly dataSource: DataSource,
    private readonly channels: NotificationChannelRepository,
    private readonly secrets: ChannelSecretBox,
    private readonly findings: FindingRepository,
    private readonly outbox: NotificationOutbox,
    @Inject(OUTBOUND_HTTP) private readonly http: OutboundHttp,
    @Inject(NOTIFICATIONS_OPTIONS) private readonly options: ResolvedNotificationsOptions,
  ) {}

  async check(now: Date = new Date()): Promise<TicketCheck> {
    const tickets = (await this.dataSource.query(
      `SELECT t.finding_id, t.organization_id, t.channel_id, t.ticket_key, t.ticket_url, t.closed_while_open_at
         FROM finding_ticket t JOIN finding f ON f.id = t.finding_id
        WHERE t.channel_id IS NOT NULL AND f.status IN ('OPEN', 'ACKNOWLEDGED')
        ORDER BY t.status_checked_at NULLS FIRST LIMIT $1`,
      [BATCH],
    )) as WatchedTicket[];
    const result: TicketCheck = { checked: 0, closed: 0, reopened: 0, failed: 0 };
    const opened = new Map<string, OpenedChannel | null>();
    for (const ticket of tickets) {
      if (!opened.has(ticket.channel_id)) opened.set(ticket.channel_id, await this.open(ticket.channel_id));
      const channel = opened.get(ticket.channel_id);
      const status = channel ? await this.status(channel, ticket.ticket_key) : null;
      if (!status) {
        result.failed += 1;
        continue;
      }
      result.checked += 1;
      const done = status.category === 'done';
      const change = await this.dataSource.transaction(async (manager) => {
        const [updated] = (await manager.query(
          `UPDATE finding_ticket SET ticket_status = $2, ticket_status_category = $3, status_checked_at = $4,
             closed_while_open_at = CASE WHEN $5 THEN COALESCE(closed_while_open_at, $4) ELSE NULL END
           WHERE finding_id = $1 RETURNING closed_while_open_at`,
          [ticket.finding_id, status.name, status.category, now, done],
        )) as [{ closed_while_open_at: Date | null }[], number];
        const closedAt = updated[0]?.closed_while_open_at ?? null;
        if (done && ticket.closed_while_open_at === null && closedAt) {
          const finding = await this.findings.findById(ticket.organization_id, ticket.finding_id);
          if (finding) await this.outbox.recordTicketClosed(manager, ticket.organization_id, finding, { key: ticket.ticket_key, url: ticket.ticket_url, status: status.name, closedSeenAt: closedAt });
          return 'closed';
        }
        return !done && ticket.closed_while_open_at !== null ? 'reopened' : null;
      });
      if (change === 'closed') result.closed += 1;
      if (change === 'reopened') result.reopened += 1;
    }
    return result;
  }

  private async open(channelId: string): Promise<OpenedChannel | null> {
    const record = await this.channels.findById(channelId);
    if (record?.type !== 'jira') return null;
    return { ...record, secrets: this.secrets.open(record.organizationId, record.id, record.secretSealed) };
  }

  /** The ticket's status as Jira reports it, or null (logged without secrets) when it does not answer one. */
  private async status(channel: OpenedChannel, key: string): Promise<{ name: string; category: string } | null> {
    try {
      const response = await this.http({
        method: 'GET',
        url: `${jiraIssueUrl(channel.config as ChannelConfig['jira'], key)}?fields=status`,
        headers: { accept: 'application/json', authorization: jiraAuthorization(channel) },
        timeoutMs: this.options.requestTimeoutMs,
      });
      if (response.status !== 200) {
        this.logger.warn(`reading ${key} from channel "${channel.name}": Jira answered HTTP ${response.status} ${redact(response.body.slice(0, 200), secretValues(channel))}`);
        return null;
      }
      const status = (JSON.parse(response.body) as { fields?: { status?: { name?: string; statusCategory?: { key?: string } } } }).fields?.status;
      if (!status?.name || !status.statusCategory?.key) return null;
      return { name: status.name, category: status.statusCategory.key };
    } catch (error) {
      this.logger.warn(`reading ${key} from channel "${channel.name}": ${redact(error instanceof Error ? error.message : String(error), secretValues(channel))}`);
      return null;
    }
  }
}
