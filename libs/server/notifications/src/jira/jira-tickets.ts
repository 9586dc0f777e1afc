import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ChannelConfig, ChannelSecrets } from '../channels/channel-config.js';
import { evidenceOf, findingFacts, titleOf } from '../channels/message-text.js';
import { httpOutcome, type OpenedChannel, type SendContext, secretValues, transportOutcome } from '../channels/channel-senders.js';
import type { AttemptOutcome } from '../delivery/retry-policy.util.js';
import type { FindingEventData, NotificationEnvelope } from '../model/notification-event.js';

/**
 * Jira issues for findings: Jira Cloud REST v3 (e-mail + API token, Basic; the description in Atlassian
 * Document Format) or Jira Data Center REST v2 (personal access token, Bearer; a plain-text description).
 * The ticket key is kept for the finding (finding_ticket), and a finding that has one gets no second.
 */
/** A finding's ticket as the finding shows it. */
export interface FindingTicket {
  key: string;
  url: string | null;
  /** Jira's status name and category key (new | indeterminate | done) when last read; null before. */
  status: string | null;
  statusCategory: string | null;
  statusCheckedAt: Date | null;
  /** When the ticket was seen closed while the finding was still detected (cleared if reopened). */
  closedWhileDetectedAt: Date | null;
}

@Injectable()
export class JiraTickets {
  constructor(private readonly dataSource: DataSource) {}

  async open(channel: OpenedChannel, finding: FindingEventData, context: SendContext): Promise<AttemptOutcome> {
    if (!finding.findingId) return { kind: 'permanent', statusCode: null, response: '', error: 'only a finding becomes a Jira ticket' };
    const existing = (await this.dataSource.query(`SELECT ticket_key FROM finding_ticket WHERE finding_id = $1`, [finding.findingId])) as { ticket_key: string }[];
    if (existing[0]) return { kind: 'sent', statusCode: null, response: `the finding already has ticket ${existing[0].ticket_key}` };
    const config = channel.config as ChannelConfig['jira'];
    const cloud = config.deployment === 'cloud';
    // In the channel's language, as its chat and mail messages are.
    const { severity, subject, ownerTeam, dueAt } = findingFacts(finding, channel.lang);
    const lines = [`${severity.value} · ${subject.value}`, `${ownerTeam.label}: ${ownerTeam.value} · ${dueAt.label}: ${dueAt.value}`, ...evidenceOf(finding, channel.lang), finding.url];
    const fields = {
      project: { key: config.projectKey },
      issuetype: { name: config.issueType },
      summary: `[Postureboard] ${titleOf(finding, channel.lang)}`.slice(0, 250),
      labels: ['postureboard'],
      description: cloud ? adf(lines) : lines.join('\n'),
    };
    const base = config.url.replace(/\/+$/, '');
    try {
      const response = await context.http({
        method: 'POST',
        url: `${base}/rest/api/${cloud ? 3 : 2}/issue`,
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: jiraAuthorization(channel) },
        body: JSON.stringify({ fields }),
        timeoutMs: context.timeoutMs,
        signal: context.signal,
      });
      const outcome = httpOutcome(response, secretValues(channel), context.now());
      if (outcome.kind !== 'sent') return outcome;
      const key = (JSON.parse(response.body) as { key?: string }).key;
      if (!key) return { kind: 'permanent', statusCode: response.status, response: outcome.response, error: 'Jira answered without an issue key' };
      await this.dataSource.query(
        `INSERT INTO finding_ticket (finding_id, organization_id, channel_id, ticket_key, ticket_url) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (finding_id) DO NOTHING`,
        [finding.findingId, channel.organizationId, channel.id, key, `${base}/browse/${key}`],
      );
      return { ...outcome, response: `created ${key}` };
    } catch (error) {
      return transportOutcome(error, secretValues(channel));
    }
  }

  /** The ticket kept for a finding, if any, with what Jira last said of it (TicketStatusWatcher). */
  async ticketOf(findingId: string): Promise<FindingTicket | null> {
    const rows = (await this.dataSource.query(
      `SELECT ticket_key, ticket_url, ticket_status, ticket_status_category, status_checked_at, closed_while_open_at FROM finding_ticket WHERE finding_id = $1`,
      [findingId],
    )) as { ticket_key: string; ticket_url: string | null; ticket_status: string | null; ticket_status_category: string | null; status_checked_at: Date | null; closed_while_open_at: Date | null }[];
    const r = rows[0];
    return r
      ? { key: r.ticket_key, url: r.ticket_url, status: r.ticket_status, statusCategory: r.ticket_status_category, statusCheckedAt: r.status_checked_at, closedWhileDetectedAt: r.closed_while_open_at }
      : null;
  }

  /**
   * The finding resolved: comments on its ticket with the link and, when the channel names a transition,
   * applies it (looked up by name among the issue's transitions, as workflows differ per project).
   */

  async resolve(channel: OpenedChannel, envelope: NotificationEnvelope, context: SendContext): Promise<AttemptOutcome> {
    const finding = envelope.data as unknown as FindingEventData;
    const [ticket] = (await this.dataSource.query(`SELECT ticket_key, resolved_noted_at FROM finding_ticket WHERE finding_id = $1`, [finding.findingId])) as {
      ticket_key: string;
      resolved_noted_at: Date | null;
    }[];
    if (!ticket) return { kind: 'permanent', statusCode: null, response: '', error: 'the finding has no ticket' };
    const config = channel.config as ChannelConfig['jira'];
    const cloud = config.deployment === 'cloud';
    const issue = jiraIssueUrl(config, ticket.ticket_key);
    const headers = { 'content-type': 'application/json', accept: 'application/json', authorization: jiraAuthorization(channel) };
    const secrets = secretValues(channel);
    const call = (method: 'GET' | 'POST', url: string, body?: unknown) =>
      context.http({ method, url, headers, body: body === undefined ? undefined : JSON.stringify(body), timeoutMs: context.timeoutMs, signal: context.signal });
    try {
      // A retry after the comment went through (the transition failed) does not comment twice.
      if (!ticket.resolved_noted_at) {
        const text = [`Postureboard: the finding is resolved (${(envelope.occurredAt ?? '').slice(0, 10)}).`, finding.url];
        const commented = httpOutcome(await call('POST', `${issue}/comment`, { body: cloud ? adf(text) : text.join('\n') }), secrets, context.now());
        if (commented.kind !== 'sent') return commented;
        await this.dataSource.query(`UPDATE finding_ticket SET resolved_noted_at = now() WHERE finding_id = $1`, [finding.findingId]);
      }
      if (!config.resolveTransition) return { kind: 'sent', statusCode: 201, response: `commented on ${ticket.ticket_key}` };
      const listed = await call('GET', `${issue}/transitions`);
      const found = httpOutcome(listed, secrets, context.now());
      if (found.kind !== 'sent') return found;
      const wanted = config.resolveTransition.toLowerCase();
      const transition = ((JSON.parse(listed.body) as { transitions?: { id: string; name: string }[] }).transitions ?? []).find((t) => t.name.toLowerCase() === wanted);
      // Already in a state without that transition (closed by hand): the comment says enough.
      if (!transition) return { kind: 'sent', statusCode: listed.status, response: `commented on ${ticket.ticket_key}; no transition "${config.resolveTransition}" from its state` };
      const moved = httpOutcome(await call('POST', `${issue}/transitions`, { transition: { id: transition.id } }), secrets, context.now());
      return moved.kind === 'sent' ? { ...moved, response: `commented on ${ticket.ticket_key} and applied "${transition.name}"` } : moved;
    } catch (error) {
      return transportOutcome(error, secrets);
    }
  }
}

/** An issue's REST address: Cloud REST v3, Data Center v2. */
export const jiraIssueUrl = (config: ChannelConfig['jira'], key: string): string =>
  `${config.url.replace(/\/+$/, '')}/rest/api/${config.deployment === 'cloud' ? 3 : 2}/issue/${encodeURIComponent(key)}`;

export function jiraAuthorization(channel: OpenedChannel): string {
  const config = channel.config as ChannelConfig['jira'];
  const token = (channel.secrets as ChannelSecrets['jira']).apiToken;
  return config.deployment === 'cloud' ? `Basic ${Buffer.from(`${config.email}:${token}`).toString('base64')}` : `Bearer ${token}`;
}

/** A minimal Atlassian Document Format document: one paragraph per line. */
const adf = (lines: readonly string[]) => ({
  type: 'doc',
  version: 1,
  content: lines.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});
