import type { ChannelType, FindingEventData, NotificationLang, NotificationType } from '../model/notification-event.js';
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
  // Off unless a rule names the channels that should hear of it.
  'finding.ticket_closed': [],
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
    // An SLA reminder goes to the engineering lead of the owner team when there is one.
    const lead = type.startsWith('sla.') ? (data as unknown as FindingEventData).leadEmail : null;
    return [{ channel, recipients: lead ? [lead] : rule.recipients }];
  });
}

/** What a user chose for the mail addressed to them (users only: a list address that is no user has none). */
export interface RecipientPreference {
  /** Null: the channel's language. */
  lang: NotificationLang | null;
  digestOptOut: boolean;
}

/** One mail of a delivery: its recipients, and its language when not the channel's (null). */
export interface MailGroup {
  lang: NotificationLang | null;
  recipients: string[];
}

/**
 * Splits a mail delivery's recipients by the language each reads: a user's own choice, else the channel's. Users
 * who opted out of digests get none. A board report is generated once per language of the schedule: each recipient
 * receives the one in their language (the channel's when theirs is not scheduled), so the report of one language
 * goes to those who read it. Recipients are matched to users case-insensitively; order is kept within a group.
 */
export function mailGroups(
  type: NotificationType,
  channelLang: NotificationLang,
  recipients: readonly string[],
  preferenceOf: (email: string) => RecipientPreference | undefined,
  report?: { lang: NotificationLang; scheduledLanguages: readonly NotificationLang[] },
): MailGroup[] {
  const groups = new Map<NotificationLang | null, string[]>();
  for (const recipient of recipients) {
    const preference = preferenceOf(recipient.toLowerCase());
    if (type === 'digest.weekly' && preference?.digestOptOut) continue;
    let lang = preference?.lang ?? channelLang;
    if (report) {
      if (!report.scheduledLanguages.includes(lang)) lang = channelLang;
      if (lang !== report.lang) continue;
    }
    const key = lang === channelLang ? null : lang;
    groups.set(key, [...(groups.get(key) ?? []), recipient]);
  }
  return [...groups].map(([lang, list]) => ({ lang, recipients: list }));
}
