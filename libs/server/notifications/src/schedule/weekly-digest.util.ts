import { severityRank, type FindingKind, type FindingParams, type FindingStatus, type Severity } from '@postureboard/domain';
import type { DigestEventData } from '../model/notification-event.js';

export interface DigestFinding {
  id: string;
  kind: FindingKind;
  title: string;
  params: FindingParams | null;
  severity: Severity;
  status: FindingStatus;
  firstDetectedAt: Date;
  resolvedAt: Date | null;
  dueAt: Date;
}

const WEEK_MS = 7 * 86_400_000;
const TOP_RISKS = 5;

/**
 * The CISO's week as of `asOf`: the score and its change since the snapshot a week before, findings first
 * detected and resolved in the week, open findings past their due date, and the worst open findings (by
 * severity, then the earliest due).
 */
export type WeeklyDigest = Omit<DigestEventData, 'url' | 'topRisks'> & { topRisks: Omit<DigestEventData['topRisks'][number], 'url'>[] };

export function weeklyDigest(input: { asOf: Date; score: number | null; previousScore: number | null; findings: readonly DigestFinding[] }): WeeklyDigest {
  const end = input.asOf.getTime();
  const start = end - WEEK_MS;
  const inWeek = (at: Date | null) => at !== null && at.getTime() > start && at.getTime() <= end;
  const live = input.findings.filter((f) => (f.status === 'OPEN' || f.status === 'ACKNOWLEDGED') && f.firstDetectedAt.getTime() <= end);
  const top = [...live].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.dueAt.getTime() - b.dueAt.getTime() || (a.id < b.id ? -1 : 1));
  return {
    asOf: input.asOf.toISOString(),
    score: input.score,
    scoreChange: input.score !== null && input.previousScore !== null ? Math.round((input.score - input.previousScore) * 10) / 10 : null,
    newFindings: input.findings.filter((f) => inWeek(f.firstDetectedAt)).length,
    resolvedFindings: input.findings.filter((f) => f.status === 'RESOLVED' && inWeek(f.resolvedAt)).length,
    slaBreaches: live.filter((f) => f.dueAt.getTime() < end).length,
    topRisks: top.slice(0, TOP_RISKS).map((f) => ({ findingId: f.id, kind: f.kind, title: f.title, params: f.params, severity: f.severity })),
  };
}
