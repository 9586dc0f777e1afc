import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { SecretBox } from '@postureboard/server-core';
import { FindingRepository, OrganizationRepository } from '@postureboard/server-database';
import { DataSource } from 'typeorm';
import { type FindingTicket, jiraAuthorization, JiraTickets } from '../jira/jira-tickets.js';
import { NotificationOutbox } from '../outbox/notification-outbox.js';
import { OUTBOUND_HTTP, type OutboundHttp } from '../delivery/outbound-http.js';
import type { AttemptOutcome } from '../delivery/retry-policy.util.js';
import { isNotificationType, type ChannelType, type NotificationLang, NOTIFICATION_TYPES } from '../model/notification-event.js';
import { NotificationError, NotificationErrorCode } from '../notifications.error.js';
import { NOTIFICATIONS_OPTIONS, type ResolvedNotificationsOptions } from '../notifications.options.js';
import { effectiveRule } from '../rules/notification-rules.js';
import { type ChannelRecord, NotificationChannelRepository, type RuleRecord } from '../storage/notification-channel.repository.js';
import { type DeliveryRecord, type DeliveryStatus, DELIVERY_STATUSES, NotificationDeliveryRepository } from '../storage/notification-delivery.repository.js';
import { type ChannelInput, parseChannelInput } from './channel-config.js';
import { httpOutcome, type OpenedChannel, sendToChannel, secretValues, transportOutcome } from './channel-senders.js';
import { ChannelSecretBox } from './channel-secrets.js';
import { testText } from './message-text.js';

/** A channel as anyone may see it: its options, and which secret fields are set — never their values. */
export interface ChannelView {
  id: string;
  type: ChannelType;
  name: string;
  lang: NotificationLang;
  config: Record<string, unknown>;
  secretFieldsSet: string[];
  updatedAt: Date;
}

export interface TestResult {
  ok: boolean;
  statusCode: number | null;
  /** The receiver's answer, bounded and with the channel's secrets removed. */
  response: string;
  error: string | null;
}

/** Channels, rules and the delivery log of an organisation (admin actions; callers check the role). */
@Injectable()
export class NotificationChannelService {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly channels: NotificationChannelRepository,
    private readonly deliveries: NotificationDeliveryRepository,
    private readonly secrets: ChannelSecretBox,
    private readonly findings: FindingRepository,
    private readonly outbox: NotificationOutbox,
    private readonly jira: JiraTickets,
    private readonly dataSource: DataSource,
    @Inject(OUTBOUND_HTTP) private readonly http: OutboundHttp,
    @Inject(NOTIFICATIONS_OPTIONS) private readonly options: ResolvedNotificationsOptions,
  ) {}

  /** Adds a channel, or reconfigures the one of that name (secrets left out are kept). */
  async add(orgSlug: string, input: ChannelInput): Promise<ChannelView> {
    const organizationId = await this.organizationId(orgSlug);
    const existing = await this.channels.findByName(organizationId, input.name);
    if (existing && existing.type !== input.type) {
      throw new NotificationError(NotificationErrorCode.INVALID_INPUT, `Channel "${input.name}" exists as a ${existing.type} channel; remove it first`);
    }
    const id = existing?.id ?? randomUUID();
    const previous = existing ? this.secrets.open(organizationId, id, existing.secretSealed) : {};
    const { config, secrets } = parseChannelInput(input, previous);
    const stored = await this.channels.upsert({
      id,
      organizationId,
      type: input.type,
      name: input.name,
      lang: input.lang ?? existing?.lang ?? 'en',
      config,
      secretSealed: this.secrets.seal(organizationId, id, secrets),
    });
    return toView(stored, Object.keys(secrets));
  }

  async list(orgSlug: string): Promise<ChannelView[]> {
    const organizationId = await this.organizationId(orgSlug);
    return (await this.channels.list(organizationId)).map((c) => toView(c, Object.keys(this.secrets.open(organizationId, c.id, c.secretSealed))));
  }

  async remove(orgSlug: string, name: string): Promise<void> {
    if (!(await this.channels.remove(await this.organizationId(orgSlug), name))) throw notFound(name);
  }

  /** Sends a test message now (not through the outbox) and reports the receiver's answer. */
  async test(orgSlug: string, name: string): Promise<TestResult> {
    const organizationId = await this.organizationId(orgSlug);
    const record = await this.channels.findByName(organizationId, name);
    if (!record) throw notFound(name);
    const channel: OpenedChannel = { ...record, secrets: this.secrets.open(organizationId, record.id, record.secretSealed) };
    if (channel.type === 'jira') return this.testJira(channel);
    const id = randomUUID();
    const text = testText(channel.lang, channel.name);
    const outcome = await sendToChannel(
      channel,
      { envelope: { id, type: 'test', organization: { slug: orgSlug }, occurredAt: new Date().toISOString(), data: { channel: channel.name } }, text, recipients: null },
      { http: this.http, timeoutMs: this.options.requestTimeoutMs, now: () => new Date() },
    );
    return toTestResult(outcome);
  }

  /** Jira's test reads the project (GET, nothing created): it proves the URL, the token and the project key. */
  private async testJira(channel: OpenedChannel): Promise<TestResult> {
    const config = channel.config as { url: string; deployment: string; email?: string; projectKey: string };
    const cloud = config.deployment === 'cloud';
    try {
      const response = await this.http({
        method: 'GET',
        url: `${config.url.replace(/\/+$/, '')}/rest/api/${cloud ? 3 : 2}/project/${encodeURIComponent(config.projectKey)}`,
        headers: { accept: 'application/json', authorization: jiraAuthorization(channel) },
        timeoutMs: this.options.requestTimeoutMs,
      });
      return toTestResult(httpOutcome(response, secretValues(channel), new Date()));
    } catch (error) {
      return toTestResult(transportOutcome(error, secretValues(channel)));
    }
  }

  /**
   * Opens a Jira issue for a finding now (by hand, from the finding page), through the named Jira channel or the
   * organisation's only one; a finding that has a ticket keeps it. Returns the ticket.
   */
  async createTicket(orgSlug: string, findingId: string, channelName: string | null): Promise<{ key: string; url: string | null }> {
    const organizationId = await this.organizationId(orgSlug);
    const finding = await this.findings.findById(organizationId, findingId);
    if (!finding) throw new NotificationError(NotificationErrorCode.NOT_FOUND, `No finding with id "${findingId}"`);
    const existing = await this.jira.ticketOf(finding.id);
    if (existing) return existing;
    const jiras = (await this.channels.list(organizationId)).filter((c) => c.type === 'jira' && (channelName === null || c.name === channelName));
    if (jiras.length !== 1) {
      throw new NotificationError(
        jiras.length === 0 ? NotificationErrorCode.NOT_FOUND : NotificationErrorCode.INVALID_INPUT,
        jiras.length === 0 ? `No Jira channel${channelName ? ` named "${channelName}"` : ''}` : 'Several Jira channels: name one',
      );
    }
    const record = jiras[0]!;
    const channel: OpenedChannel = { ...record, secrets: this.secrets.open(organizationId, record.id, record.secretSealed) };
    const data = await this.outbox.describeFinding(this.dataSource.manager, organizationId, finding);
    const outcome = await this.jira.open(channel, data, { http: this.http, timeoutMs: this.options.requestTimeoutMs, now: () => new Date() });
    const ticket = await this.jira.ticketOf(finding.id);
    if (outcome.kind !== 'sent' || !ticket) {
      throw new NotificationError(NotificationErrorCode.DELIVERY_FAILED, `Jira did not create the issue: ${outcome.kind === 'sent' ? outcome.response : `${outcome.error} ${outcome.response}`.trim()}`);
    }
    return ticket;
  }

  async ticketOf(orgSlug: string, findingId: string): Promise<FindingTicket | null> {
    const finding = await this.findings.findById(await this.organizationId(orgSlug), findingId);
    return finding ? this.jira.ticketOf(finding.id) : null;
  }

  /** Re-seals every channel's secrets under another master key, in one transaction. */
  resealAll(to: SecretBox, from?: SecretBox): Promise<number> {
    return this.channels.resealAll((c) => this.secrets.reseal(c.organizationId, c.id, c.secretSealed, to, from));
  }

  async rules(orgSlug: string): Promise<(RuleRecord & { isDefault: boolean })[]> {
    const stored = await this.channels.rules(await this.organizationId(orgSlug));
    return NOTIFICATION_TYPES.map((type) => effectiveRule(type, stored));
  }

  async setRule(orgSlug: string, type: string, change: { enabled?: boolean; channelNames?: string[] | null; recipients?: string[] | null }): Promise<RuleRecord & { isDefault: boolean }> {
    if (!isNotificationType(type)) throw new NotificationError(NotificationErrorCode.INVALID_INPUT, `Unknown event "${type}" (one of ${NOTIFICATION_TYPES.join(', ')})`);
    const organizationId = await this.organizationId(orgSlug);
    const current = effectiveRule(type, await this.channels.rules(organizationId));
    if (change.channelNames) {
      const known = new Set((await this.channels.list(organizationId)).map((c) => c.name));
      const unknown = change.channelNames.filter((n) => !known.has(n));
      if (unknown.length > 0) throw new NotificationError(NotificationErrorCode.INVALID_INPUT, `No channel named ${unknown.map((n) => `"${n}"`).join(', ')}`);
    }
    const next: RuleRecord = {
      type,
      enabled: change.enabled ?? current.enabled,
      channelNames: change.channelNames === undefined ? current.channelNames : change.channelNames,
      recipients: change.recipients === undefined ? current.recipients : change.recipients,
    };
    await this.channels.setRule(organizationId, next);
    return { ...next, isDefault: false };
  }

  async deliveryLog(orgSlug: string, status: string | null, limit = 100): Promise<DeliveryRecord[]> {
    if (status !== null && !DELIVERY_STATUSES.includes(status as DeliveryStatus)) {
      throw new NotificationError(NotificationErrorCode.INVALID_INPUT, `Unknown status "${status}" (one of ${DELIVERY_STATUSES.join(', ')})`);
    }
    return this.deliveries.list(await this.organizationId(orgSlug), status as DeliveryStatus | null, Math.min(Math.max(1, limit), 1000));
  }

  private async organizationId(slug: string): Promise<string> {
    const organization = await this.organizations.findBySlug(slug);
    if (!organization) throw new NotificationError(NotificationErrorCode.NOT_FOUND, `No organization with slug "${slug}"`);
    return organization.id;
  }
}

const notFound = (name: string) => new NotificationError(NotificationErrorCode.NOT_FOUND, `No notification channel named "${name}"`);

const toView = (c: ChannelRecord, secretFields: string[]): ChannelView => ({
  id: c.id,
  type: c.type,
  name: c.name,
  lang: c.lang,
  config: c.config,
  secretFieldsSet: [...secretFields].sort(),
  updatedAt: c.updatedAt,
});

const toTestResult = (outcome: AttemptOutcome): TestResult => ({
  ok: outcome.kind === 'sent',
  statusCode: outcome.statusCode,
  response: outcome.response,
  error: outcome.kind === 'sent' ? null : outcome.error,
});
