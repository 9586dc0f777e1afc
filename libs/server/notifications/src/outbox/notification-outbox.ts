import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { evidenceSummary, type EvidenceRecord } from '@postureboard/domain';
import type { StoredFinding } from '@postureboard/server-database';
import { APP_CONFIG, type AppConfig } from '@postureboard/server-core';
import { type DigestEventData, type FindingEventData, isNotificationLang, type NotificationLang, type NotificationType, type ReportEventData } from '../model/notification-event.js';
import { publicUrlOf } from '../notifications.options.js';
import { mailGroups, type PlannedDelivery, planDeliveries, type RecipientPreference } from '../rules/notification-rules.js';
import { NotificationChannelRepository } from '../storage/notification-channel.repository.js';
import { type NewMessage, NotificationDeliveryRepository } from '../storage/notification-delivery.repository.js';
import type { WeeklyDigest } from '../schedule/weekly-digest.util.js';
import type { FindingChanges } from './finding-changes.util.js';

type Queryable = Pick<EntityManager, 'query'>;

/** How many evidence summaries a message carries: enough to say why, bounded for chat limits. */
const EVIDENCE_LINES = 3;
/** The most of a record's data a message carries; a record with more is summarised by its stored summary. */
const EVIDENCE_DATA_CHARS = 2000;

const boundedRecord = (record: EvidenceRecord): EvidenceRecord => ({
  source: record.source,
  type: record.type,
  summary: record.summary.slice(0, 300),
  data: JSON.stringify(record.data).length <= EVIDENCE_DATA_CHARS ? record.data : {},
});

/**
 * The transactional outbox: records a message, and one delivery per channel the organisation's rules route it
 * to, on the caller's transaction. The message exists exactly when the change that caused it committed; the
 * workers deliver it later. Each event has a dedupe key, so recording the same change twice records nothing.
 */
@Injectable()
export class NotificationOutbox {
  private readonly publicUrl: string;

  constructor(
    private readonly deliveries: NotificationDeliveryRepository,
    private readonly channels: NotificationChannelRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.publicUrl = publicUrlOf(config);
  }

  /** Outside Nest (tests that build services by hand): the outbox on a data source. */
  static on(dataSource: DataSource, publicUrl = 'http://localhost:3000'): NotificationOutbox {
    return new NotificationOutbox(new NotificationDeliveryRepository(dataSource), new NotificationChannelRepository(dataSource), {
      POSTUREBOARD_PUBLIC_URL: publicUrl,
    } as AppConfig);
  }

  /** New and escalated CRITICAL findings (findingChanges derives them from what an evaluation saved). Returns messages recorded. */
  async recordFindingChanges(manager: EntityManager, organizationId: string, changes: FindingChanges): Promise<number> {
    const tickets = await this.ticketsOf(manager, changes.resolved ?? []);
    if (changes.opened.length === 0 && changes.escalated.length === 0 && tickets.size === 0) return 0;
    const context = await this.findingContext(manager, organizationId);
    const messages: NewMessage[] = [
      ...changes.opened.map((f) => ({
        type: 'finding.critical' as const,
        dedupeKey: `finding.critical:${f.id}:${f.reopenCount}`,
        occurredAt: f.lastDetectedAt,
        data: this.findingData(f, context) as unknown as Record<string, unknown>,
      })),
      ...changes.escalated.map((f) => ({
        type: 'finding.escalated' as const,
        dedupeKey: `finding.escalated:${f.id}:${f.lastDetectedAt.toISOString()}`,
        occurredAt: f.lastDetectedAt,
        data: this.findingData(f, context) as unknown as Record<string, unknown>,
      })),
      ...(changes.resolved ?? [])
        .filter((f) => tickets.has(f.id))
        .map((f) => ({
          type: 'finding.resolved' as const,
          dedupeKey: `finding.resolved:${f.id}:${(f.resolvedAt ?? f.lastDetectedAt).toISOString()}`,
          occurredAt: f.resolvedAt ?? f.lastDetectedAt,
          data: this.findingData(f, context) as unknown as Record<string, unknown>,
          onlyChannelId: tickets.get(f.id)!,
        })),
    ];
    return this.record(manager, organizationId, messages);
  }

  /** The Jira channel holding each finding's open ticket (none: nothing to say on resolution). */
  private async ticketsOf(manager: Queryable, findings: readonly StoredFinding[]): Promise<Map<string, string>> {
    if (findings.length === 0) return new Map();
    const rows = (await manager.query(`SELECT finding_id, channel_id FROM finding_ticket WHERE finding_id = ANY($1::uuid[]) AND channel_id IS NOT NULL`, [
      findings.map((f) => f.id),
    ])) as { finding_id: string; channel_id: string }[];
    return new Map(rows.map((r) => [r.finding_id, r.channel_id]));
  }

  /** A board report just stored: delivered (as a PDF to mail channels of its language). */
  async recordReportGenerated(
    manager: EntityManager,
    organizationId: string,
    report: { id: string; asOf: Date; lang: NotificationLang; checksum: string; sizeBytes: number },
  ): Promise<number> {
    const { slug } = await this.findingContext(manager, organizationId);
    const data: ReportEventData = {
      reportId: report.id,
      asOf: report.asOf.toISOString(),
      lang: report.lang,
      checksum: report.checksum,
      sizeBytes: report.sizeBytes,
      url: `${this.publicUrl}/reports?org=${encodeURIComponent(slug)}`,
    };
    return this.record(manager, organizationId, [{ type: 'report.delivered', dedupeKey: `report.delivered:${report.id}`, occurredAt: report.asOf, data: { ...data } }]);
  }

  /** The weekly CISO digest, once per organisation and week. */
  async recordDigest(manager: Queryable, organizationId: string, digest: WeeklyDigest): Promise<number> {
    const { slug } = await this.findingContext(manager, organizationId);
    const data: DigestEventData = {
      ...digest,
      topRisks: digest.topRisks.map((r) => ({ ...r, url: this.findingUrl(slug, r.findingId) })),
      url: `${this.publicUrl}/?org=${encodeURIComponent(slug)}`,
    };
    return this.record(manager, organizationId, [{ type: 'digest.weekly', dedupeKey: `digest.weekly:${digest.asOf}`, occurredAt: new Date(digest.asOf), data: { ...data } }]);
  }

  /**
   * SLA reminders for open findings with an owner team: due within `dueSoonDays` (once per due date), overdue
   * (once per due date). Idempotent: the dedupe key is the finding and its due date.
   */
  async recordSlaReminders(manager: Queryable, organizationId: string, findings: readonly StoredFinding[], asOf: Date, dueSoonDays = 7): Promise<number> {
    const soon = asOf.getTime() + dueSoonDays * 86_400_000;
    const live = findings.filter((f) => (f.status === 'OPEN' || f.status === 'ACKNOWLEDGED') && f.ownerTeamId !== null);
    if (live.length === 0) return 0;
    const context = await this.findingContext(manager, organizationId);
    const messages: NewMessage[] = [];
    for (const f of live) {
      const due = f.dueAt.getTime();
      const type: NotificationType | null = due <= asOf.getTime() ? 'sla.overdue' : due <= soon ? 'sla.due_soon' : null;
      if (!type) continue;
      messages.push({ type, dedupeKey: `${type}:${f.id}:${f.dueAt.toISOString()}`, occurredAt: asOf, data: { ...this.findingData(f, context) } });
    }
    return this.record(manager, organizationId, messages);
  }

  private async record(manager: Queryable, organizationId: string, messages: readonly NewMessage[]): Promise<number> {
    const inserted = await this.deliveries.insertMessages(manager, organizationId, messages);
    if (inserted.length === 0) return 0;
    const [channels, rules] = await Promise.all([this.channels.list(organizationId, manager), this.channels.rules(organizationId, manager)]);
    const only = new Map(messages.flatMap((m) => (m.onlyChannelId ? [[m.dedupeKey, m.onlyChannelId] as const] : [])));
    const planned = inserted.map((message) => ({
      message,
      deliveries: planDeliveries(message.type, message.data, channels, rules).filter(({ channel }) => !only.has(message.dedupeKey) || only.get(message.dedupeKey) === channel.id),
    }));
    const mail = planned.flatMap((p) => p.deliveries.filter((d) => d.channel.type === 'smtp').flatMap((d) => recipientsOf(d)));
    const preferences = mail.length > 0 ? await this.preferences(manager, mail) : new Map<string, RecipientPreference>();
    const scheduledLanguages = inserted.some((m) => m.type === 'report.delivered') ? await this.scheduledLanguages(manager, organizationId) : [];
    const rows = planned.flatMap(({ message, deliveries }) =>
      deliveries.flatMap(({ channel, recipients }) => {
        const row = { messageId: message.id, channelId: channel.id, channelName: channel.name, channelType: channel.type, recipients, lang: null as NotificationLang | null };
        if (channel.type !== 'smtp') return [row];
        const report = message.type === 'report.delivered' ? { lang: (message.data as unknown as ReportEventData).lang, scheduledLanguages } : undefined;
        // No address at all stays one delivery (of the report in the channel's language), so the log says so: it fails, no recipients.
        if (recipientsOf({ channel, recipients }).length === 0) return report && report.lang !== channel.lang ? [] : [row];
        const groups = mailGroups(message.type, channel.lang, recipientsOf({ channel, recipients }), (email) => preferences.get(email), report);
        // Nobody's choice changes anything: the delivery as it always was (the channel's own list, read when sent).
        if (groups.length === 1 && groups[0]!.lang === null && groups[0]!.recipients.length === recipientsOf({ channel, recipients }).length) return [row];
        return groups.map((g) => ({ ...row, recipients: g.recipients, lang: g.lang }));
      }),
    );
    await this.deliveries.insertDeliveries(manager, organizationId, rows);
    return inserted.length;
  }

  /** The notification preferences of the recipients who are active users, by lower-case address. */
  private async preferences(manager: Queryable, emails: readonly string[]): Promise<Map<string, RecipientPreference>> {
    const rows = (await manager.query(`SELECT email, notification_lang, digest_opt_out FROM app_user WHERE email = ANY($1::text[]) AND status = 'ACTIVE'`, [
      [...new Set(emails.map((e) => e.toLowerCase()))],
    ])) as { email: string; notification_lang: string | null; digest_opt_out: boolean }[];
    return new Map(
      rows.map((r) => [r.email, { lang: r.notification_lang !== null && isNotificationLang(r.notification_lang) ? r.notification_lang : null, digestOptOut: r.digest_opt_out }]),
    );
  }

  /** The languages the organisation's board reports are scheduled in (one report each). */
  private async scheduledLanguages(manager: Queryable, organizationId: string): Promise<NotificationLang[]> {
    const [row] = (await manager.query(`SELECT languages FROM report_schedule WHERE organization_id = $1`, [organizationId])) as { languages: string[] }[];
    return (row?.languages ?? ['en']).filter(isNotificationLang);
  }

  /** A finding's Jira ticket was seen closed while the finding is still detected: said once per closure. */
  async recordTicketClosed(
    manager: Queryable,
    organizationId: string,
    finding: StoredFinding,
    ticket: { key: string; url: string | null; status: string; closedSeenAt: Date },
  ): Promise<number> {
    const data: FindingEventData = { ...(await this.describeFinding(manager, organizationId, finding)), ticket: { key: ticket.key, url: ticket.url, status: ticket.status } };
    return this.record(manager, organizationId, [
      { type: 'finding.ticket_closed', dedupeKey: `finding.ticket_closed:${finding.id}:${ticket.key}:${ticket.closedSeenAt.toISOString()}`, occurredAt: ticket.closedSeenAt, data: { ...data } },
    ]);
  }

  /** A finding as messages and tickets describe it (a ticket opened by hand). */
  async describeFinding(manager: Queryable, organizationId: string, finding: StoredFinding): Promise<FindingEventData> {
    return this.findingData(finding, await this.findingContext(manager, organizationId));
  }

  private findingUrl(slug: string, findingId: string): string {
    return `${this.publicUrl}/findings/${findingId}?org=${encodeURIComponent(slug)}`;
  }

  private async findingContext(manager: Queryable, organizationId: string): Promise<{ slug: string; teams: Map<string, { name: string; leadEmail: string | null }> }> {
    const [organization] = (await manager.query(`SELECT slug FROM organization WHERE id = $1`, [organizationId])) as { slug: string }[];
    const teams = (await manager.query(`SELECT id, name, lead_email FROM team WHERE organization_id = $1`, [organizationId])) as {
      id: string;
      name: string;
      lead_email: string | null;
    }[];
    return { slug: organization?.slug ?? '', teams: new Map(teams.map((t) => [t.id, { name: t.name, leadEmail: t.lead_email }])) };
  }

  private findingData(f: StoredFinding, context: { slug: string; teams: Map<string, { name: string; leadEmail: string | null }> }): FindingEventData {
    const team = f.ownerTeamId ? context.teams.get(f.ownerTeamId) : undefined;
    const evidenceRecords = f.evidence.slice(0, EVIDENCE_LINES).map(boundedRecord);
    return {
      findingId: f.id,
      kind: f.kind,
      severity: f.severity,
      title: f.title,
      params: f.params,
      subject: { type: f.subject.type, name: f.subject.name, externalId: f.subject.externalId },
      ownerTeam: team?.name ?? null,
      dueAt: f.dueAt.toISOString(),
      url: this.findingUrl(context.slug, f.id),
      evidence: evidenceRecords.map((e) => evidenceSummary(e, 'en').slice(0, 300)),
      evidenceRecords,
      leadEmail: team?.leadEmail ?? null,
    };
  }
}

/** A mail delivery's addresses: the rule's (or the lead's), else the channel's own list. */
function recipientsOf({ channel, recipients }: PlannedDelivery): string[] {
  return recipients ?? ((channel.config as { to?: string[] }).to ?? []);
}
