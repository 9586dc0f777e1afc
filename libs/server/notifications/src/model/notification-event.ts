import type { EvidenceRecord, FindingKind, FindingParams } from '@postureboard/domain';

/** What a message is about: the `type` of the webhook body, and the key rules are set by. */
export const NOTIFICATION_TYPES = ['finding.critical', 'finding.escalated', 'sla.due_soon', 'sla.overdue', 'digest.weekly', 'report.delivered', 'finding.resolved', 'finding.ticket_closed'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const isNotificationType = (value: string): value is NotificationType => (NOTIFICATION_TYPES as readonly string[]).includes(value);

export const CHANNEL_TYPES = ['smtp', 'slack', 'teams', 'webhook', 'jira'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const isChannelType = (value: string): value is ChannelType => (CHANNEL_TYPES as readonly string[]).includes(value);

export const NOTIFICATION_LANGS = ['en', 'ko'] as const;
export type NotificationLang = (typeof NOTIFICATION_LANGS)[number];

/** A finding as every message about it carries it (the webhook's `data` for finding.* and sla.*). */
export interface FindingEventData {
  findingId: string;
  kind: FindingKind;
  severity: string;
  /** In English; each channel's message renders its own language from `kind` and `params`. */
  title: string;
  /** The facts the title is written from (finding-params.ts); null for a finding stored before them. */
  params: FindingParams | null;
  subject: { type: string; name: string; externalId: string };
  ownerTeam: string | null;
  /** ISO 8601. */
  dueAt: string;
  url: string;
  /** The first evidence records' summaries in English, bounded: the why behind the finding. */
  evidence: string[];
  /**
   * The records `evidence` summarises: each channel's message renders their summaries in its own language
   * from them (evidence-text.ts). Absent in a message queued before, which keeps `evidence`.
   */
  evidenceRecords?: EvidenceRecord[];
  /** For sla.*: the engineering lead of the owner team, who receives the reminder by e-mail. */
  leadEmail?: string | null;
  /** For finding.ticket_closed: the Jira ticket closed while the finding is still detected. */
  ticket?: { key: string; url: string | null; status: string };
}

export interface DigestEventData {
  /** ISO 8601: the week's snapshot instant. */
  asOf: string;
  score: number | null;
  scoreChange: number | null;
  newFindings: number;
  resolvedFindings: number;
  slaBreaches: number;
  topRisks: { findingId: string; kind: FindingKind; title: string; params: FindingParams | null; severity: string; url: string }[];
  url: string;
}

export interface ReportEventData {
  reportId: string;
  /** ISO 8601. */
  asOf: string;
  lang: NotificationLang;
  checksum: string;
  sizeBytes: number;
  url: string;
}

/** The message as delivered: the generic webhook's JSON body (docs/notifications.md). */
export interface NotificationEnvelope {
  /** The message id: the same for every attempt and every channel, so receivers dedupe on it. */
  id: string;
  type: NotificationType;
  organization: { slug: string };
  /** ISO 8601. */
  occurredAt: string;
  data: Record<string, unknown>;
}

export const isNotificationLang = (value: string): value is NotificationLang => (NOTIFICATION_LANGS as readonly string[]).includes(value);
