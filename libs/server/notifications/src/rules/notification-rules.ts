import type { ChannelType, FindingEventData, NotificationType, ReportEventData } from '../model/notification-event.js';
import type { ChannelRecord, RuleRecord } from '../storage/notification-channel.repository.js';

/**
 * Who hears what when no admin has changed the rule: every event is on; security alerts, overdue SLAs and the
 * digest go to every chat, webhook and mail channel; due-soon reminders and board reports to mail and webhooks.
 * Jira only where a rule names a Jira channel (automatic tickets are opt-in).
 */
export const DEFAULT_CHANNEL_TYPES: Record<NotificationType, readonly ChannelType[]> = {
  'finding.critical': ['webhook', 'slack', 'teams', 'smtp'],
  'finding.escalated': ['webhook', 'slack', 'teams', 'smtp'],
  'sla.due_soon': ['webhook', 'smtp'],
  'sla.overdue': ['webhook', 'slack', 'teams', 'smtp'],
  'digest.weekly': ['webhook', 'slack', 'teams', 'smtp'],
  'report.delivered': ['webhook', 'smtp'],
  // Only to the Jira channel that opened the finding's ticket (the outbox narrows it).
  'finding.resolved': ['jira'],
};

/** Where Jira may be named: a ticket is about one finding. */
const JIRA_TYPES: readonly NotificationType[] = ['finding.critical', 'finding.escalated', 'finding.resolved'];

export function effectiveRule(type: NotificationType, stored: readonly RuleRecord[]): RuleRecord & { isDefault: boolean } {
  const rule = stored.find((r) => r.type === type);
  return rule ? { ...rule, isDefault: false } : { type, enabled: true, channelNames: null, recipients: null, isDefault: true };
}

export interface PlannedDelivery {
  channel: ChannelRecord;
  recipients: string[] | null;
}

/** The deliveries one message gets: the rule's channels (or the default types), with e-mail recipients. */
export function planDeliveries(type: NotificationType, data: Record<string, unknown>, channels: readonly ChannelRecord[], rules: readonly RuleRecord[]): PlannedDelivery[] {
  const rule = effectiveRule(type, rules);
  if (!rule.enabled) return [];
  const chosen = channels.filter((c) =>
    rule.channelNames === null ? DEFAULT_CHANNEL_TYPES[type].includes(c.type) : rule.channelNames.includes(c.name) && (c.type !== 'jira' || JIRA_TYPES.includes(type)),
  );
  return chosen.flatMap((channel): PlannedDelivery[] => {
    if (channel.type !== 'smtp') return [{ channel, recipients: null }];
    // A board report in each recipient's language: a mail channel receives the report of its language.
    if (type === 'report.delivered' && (data as unknown as ReportEventData).lang !== channel.lang) return [];
    // An SLA reminder goes to the engineering lead of the owner team when there is one.
    const lead = type.startsWith('sla.') ? (data as unknown as FindingEventData).leadEmail : null;
    return [{ channel, recipients: lead ? [lead] : rule.recipients }];
  });
}
