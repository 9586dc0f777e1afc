import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type OpenedChannel, type Outgoing, sendToChannel } from '../channels/channel-senders.js';
import { ChannelSecretBox } from '../channels/channel-secrets.js';
import { messageText } from '../channels/message-text.js';
import type { FindingEventData, NotificationEnvelope, ReportEventData } from '../model/notification-event.js';
import { APP_CONFIG, type AppConfig, type LinkSigner } from '@postureboard/server-core';
import { NOTIFICATIONS_OPTIONS, publicUrlOf, type ResolvedNotificationsOptions } from '../notifications.options.js';
import { JiraTickets } from '../jira/jira-tickets.js';
import { NotificationChannelRepository } from '../storage/notification-channel.repository.js';
import { type DeliveryRecord, NotificationDeliveryRepository } from '../storage/notification-delivery.repository.js';
import { OUTBOUND_HTTP, type OutboundHttp } from './outbound-http.js';
import { reportLinkSigner, signedReportLink } from './report-link.js';
import { type AttemptOutcome, retryDelayMs } from './retry-policy.util.js';

/**
 * One attempt of one delivery: claim it (exactly one worker wins), open the channel's secrets, send, and record
 * the outcome with the next step — sent, a later attempt with backoff, or the dead letter.
 */
@Injectable()
export class NotificationDeliverer {
  private readonly logger = new Logger('Notifications');
  private signer: LinkSigner | undefined;

  constructor(
    private readonly deliveries: NotificationDeliveryRepository,
    private readonly channels: NotificationChannelRepository,
    private readonly secrets: ChannelSecretBox,
    private readonly jira: JiraTickets,
    private readonly dataSource: DataSource,
    @Inject(OUTBOUND_HTTP) private readonly http: OutboundHttp,
    @Inject(NOTIFICATIONS_OPTIONS) private readonly options: ResolvedNotificationsOptions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Returns the outcome, or null when this worker did not get the delivery (another has it, or it is done). */
  async deliver(deliveryId: string, workerId: string, signal?: AbortSignal): Promise<AttemptOutcome | null> {
    const claimed = await this.deliveries.claim(deliveryId, workerId, this.options.leaseMs);
    if (!claimed) return null;
    const outcome = await this.attempt(claimed, signal).catch(
      (error: unknown): AttemptOutcome => ({ kind: 'retry', statusCode: null, response: '', error: `internal error: ${(error as Error).name}`, retryAfterMs: null }),
    );
    const next =
      outcome.kind === 'sent'
        ? ({ status: 'sent' } as const)
        : outcome.kind === 'permanent' || claimed.attempts >= this.options.maxAttempts
          ? ({ status: 'failed' } as const)
          : ({ status: 'pending', delayMs: retryDelayMs(this.options, claimed.attempts, outcome.retryAfterMs) } as const);
    const recorded = await this.deliveries.finish(claimed, workerId, outcome, next);
    if (!recorded) this.logger.warn(`delivery ${claimed.id}: the claim expired before the attempt finished; the next worker's record stands`);
    else if (next.status === 'failed') this.logger.warn(`delivery ${claimed.id} to channel "${claimed.channelName}" failed for good after ${claimed.attempts} attempt(s)`);
    return outcome;
  }

  private async attempt(delivery: DeliveryRecord, signal?: AbortSignal): Promise<AttemptOutcome> {
    const record = delivery.channelId ? await this.channels.findById(delivery.channelId) : null;
    if (!record) return { kind: 'permanent', statusCode: null, response: '', error: 'the channel was removed' };
    const message = await this.deliveries.findMessage(delivery.messageId);
    if (!message) return { kind: 'permanent', statusCode: null, response: '', error: 'the message was removed' };
    // A mail to recipients who chose another language than the channel's is written in theirs.
    const channel: OpenedChannel = { ...record, lang: delivery.lang ?? record.lang, secrets: this.secrets.open(record.organizationId, record.id, record.secretSealed) };
    const [organization] = (await this.dataSource.query(`SELECT slug FROM organization WHERE id = $1`, [message.organizationId])) as { slug: string }[];
    const envelope: NotificationEnvelope = {
      id: message.id,
      type: message.type,
      organization: { slug: organization?.slug ?? '' },
      occurredAt: message.occurredAt.toISOString(),
      data: message.data,
    };
    const context = { http: this.http, timeoutMs: this.options.requestTimeoutMs, now: () => new Date(), signal };
    if (channel.type === 'jira') return message.type === 'finding.resolved' ? this.jira.resolve(channel, envelope, context) : this.jira.open(channel, envelope.data as unknown as FindingEventData, context);
    if (message.type === 'report.delivered' && channel.type === 'smtp') return sendToChannel(channel, await this.reportMail(envelope, channel, delivery), context);
    return sendToChannel(channel, { envelope, text: messageText(envelope, channel.lang), recipients: delivery.recipients }, context);
  }

  /**
   * A board report by e-mail: the PDF attached, or — larger than the mail limit — a signed link that downloads it
   * without a session until it expires (POSTUREBOARD_REPORT_LINK_DAYS), signed when the mail is sent.
   */
  private async reportMail(envelope: NotificationEnvelope, channel: OpenedChannel, delivery: DeliveryRecord): Promise<Outgoing> {
    const report = envelope.data as unknown as ReportEventData;
    const rows = (await this.dataSource.query(
      `SELECT size_bytes, CASE WHEN size_bytes <= $3 THEN content END AS content FROM report WHERE id = $1 AND organization_id = $2`,
      [report.reportId, channel.organizationId, this.options.maxAttachmentBytes],
    )) as { size_bytes: number; content: Buffer | null }[];
    const content = rows[0]?.content;
    if (!rows[0] || content) {
      const attachments = content ? [{ filename: `board-report-${report.asOf.slice(0, 10)}-${report.lang}.pdf`, content, contentType: 'application/pdf' }] : undefined;
      return { envelope, text: messageText(envelope, channel.lang), recipients: delivery.recipients, attachments };
    }
    this.signer ??= reportLinkSigner(this.config);
    const expiresAt = new Date(Date.now() + this.config.POSTUREBOARD_REPORT_LINK_DAYS * 86_400_000);
    const link = signedReportLink(this.signer, publicUrlOf(this.config), report.reportId, expiresAt);
    return { envelope, text: messageText(envelope, channel.lang, { reportLink: link }), recipients: delivery.recipients };
  }
}
