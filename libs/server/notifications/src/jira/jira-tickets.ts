import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ChannelConfig, ChannelSecrets } from '../channels/channel-config.js';
import { httpOutcome, type OpenedChannel, type SendContext, secretValues, transportOutcome } from '../channels/channel-senders.js';
import type { AttemptOutcome } from '../delivery/retry-policy.util.js';
import type { FindingEventData, NotificationEnvelope } from '../model/notification-event.js';

/**
 * Jira issues for findings: Jira Cloud REST v3 (e-mail + API token, Basic; the description in Atlassian
 * Document Format) or Jira Data Center REST v2 (personal access token, Bearer; a plain-text description).
 * The ticket key is kept for the finding (finding_ticket), and a finding that has one gets no second.
 */
@Injectable()
export class JiraTickets {
  constructor(private readonly dataSource: DataSource) {}

  async open(channel: OpenedChannel, envelope: NotificationEnvelope, context: SendContext): Promise<AttemptOutcome> {
    const finding = envelope.data as unknown as FindingEventData;
    if (!finding.findingId) return { kind: 'permanent', statusCode: null, response: '', error: 'only a finding becomes a Jira ticket' };
    const existing = (await this.dataSource.query(`SELECT ticket_key FROM finding_ticket WHERE finding_id = $1`, [finding.findingId])) as { ticket_key: string }[];
    if (existing[0]) return { kind: 'sent', statusCode: null, response: `the finding already has ticket ${existing[0].ticket_key}` };
    const config = channel.config as ChannelConfig['jira'];
    const cloud = config.deployment === 'cloud';
    const lines = [`${finding.severity} · ${finding.subject.name} (${finding.subject.type})`, `Owner team: ${finding.ownerTeam ?? '—'} · Due: ${finding.dueAt.slice(0, 10)}`, ...finding.evidence, finding.url];
    const fields = {
      project: { key: config.projectKey },
      issuetype: { name: config.issueType },
      summary: `[Postureboard] ${finding.title}`.slice(0, 250),
      labels: ['postureboard'],
      description: cloud ? adf(lines) : lines.join('\n'),
    };
    const base = config.url.replace(/\/+$/, '');
    try {
      const response = await context.http({
        method: 'POST',
        url: `${base}/rest/api/${cloud ? 3 : 2}/issue`,
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: authorization(channel) },
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
}

function authorization(channel: OpenedChannel): string {
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
