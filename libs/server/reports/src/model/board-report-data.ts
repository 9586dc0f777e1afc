import type { AuditCheckpoint } from '@postureboard/server-auth';
import type { CredentialKind, DaysToDetectSummary, ExplanationTerm, FindingKind, ScoreDomain, Severity } from '@postureboard/domain';
import type { ReportLang } from './report-lang.js';

/**
 * Everything the board report shows, already resolved: the renderer reads this and nothing else, so a
 * report can be reproduced from its data and tested without a database. Dates are ISO 8601 strings.
 */
export interface BoardReportData {
  organization: { slug: string; name: string; currency: string };
  asOf: string;
  /** What "change" is measured against: the previous report's as-of date, or one week earlier. */
  period: { from: string; to: string; basis: 'PREVIOUS_REPORT' | 'PREVIOUS_WEEK' };
  generatedAt: string;
  generatedBy: string;
  classification: string;
  lang: ReportLang;
  /** IANA zone in which dates are printed. */
  timeZone: string;
  /** When the posture was evaluated, and whether a newer evaluation was queued when the report was made. */
  evaluation: { evaluatedAt: string | null; pending: boolean };
  posture: ReportPosture;
  budget: ReportBudget | null;
  /** Security-to-IT spend per fiscal year beside the governance score at the end of that year. */
  spendVsScore: SpendScorePoint[];
  trend: { weeks12: TrendPoint[]; weeks52: TrendPoint[] };
  topRisks: ReportRisk[];
  rotationSla: ReportTeamSla[];
  leavers: ReportLeaver[];
  crossBorder: ReportCrossBorder;
  dataCompleteness: ReportDataCompleteness;
  /**
   * The audit trail's head when the report was made, signed with a key the database never holds (the appendix
   * prints it): a copy outside the database that `audit verify --checkpoint` checks truncation and rewriting
   * against. Null where the process keeps no audit trail.
   */
  auditCheckpoint: AuditCheckpoint | null;
}

export interface ReportFindingCounts {
  critical: number;
  high: number;
  medium: number;
  low: number;
  total: number;
}

export interface ReportPosture {
  overall: { score: number | null; band: string | null; change: number | null; explanation: ExplanationTerm[] | null };
  domains: ReportDomain[];
  findingCounts: ReportFindingCounts;
}

export interface ReportDomain {
  domain: ScoreDomain;
  measured: boolean;
  notMeasuredReason: string | null;
  score: number | null;
  band: string | null;
  /** Change over the report period; null when there is nothing to compare with. */
  change: number | null;
  findingCounts: ReportFindingCounts;
  /** The terms that add up to `score`, as the web app and the CLI show them. */
  explanation: ExplanationTerm[] | null;
  /** Metric names and points, to say what each METRIC term is. */
  metrics: { name: string; label: string; points: number; maxPoints: number }[];
  /** The subject of each FINDING term, by the term's fingerprint. */
  findingSubjects: Record<string, string>;
  /** DETECTION: median days to detect over the 90 days up to the report date (not part of the score); null when not known. */
  daysToDetect: DaysToDetectSummary | null;
}

export interface ReportBudget {
  fiscalYear: number;
  currency: string;
  itSpend: number;
  securitySpend: number;
  revenue: number;
  securityToItRatio: number | null;
  securityToRevenueRatio: number | null;
  itBenchmark: number;
  revenueBenchmark: number;
  itStatus: string;
  revenueStatus: string;
}

export interface SpendScorePoint {
  fiscalYear: number;
  securityToItRatio: number;
  score: number;
}

export interface TrendPoint {
  asOf: string;
  overall: number | null;
  domains: Partial<Record<ScoreDomain, number | null>>;
}

export interface ReportRisk {
  title: string;
  kind: FindingKind;
  severity: Severity;
  /** null: not yet tracked on the report's date (a report of a past date shows the findings as evaluated then). */
  status: string | null;
  subjectName: string;
  ownerTeam: string | null;
  /** Days open on the report's date; null when unknown (not yet tracked then). */
  ageDays: number | null;
  dueAt: string | null;
}

export interface ReportTeamSla {
  /** null = keys without an owning team. */
  team: string | null;
  withinPolicy: number;
  dueSoon: number;
  overdue: number;
  maxDaysOverdue: number;
  oldestKeyAgeDays: number | null;
}

/** One active account (on `system`, user `name`) or credential (of `credentialKind`, id `name`) a leaver still holds. */
export interface ReportLeaverAccess {
  system: string;
  name: string;
  credentialKind: CredentialKind | null;
}

export interface ReportLeaver {
  name: string;
  email: string | null;
  terminatedOn: string;
  daysSinceTermination: number;
  /** What is still active, accounts first: each worded in the report's language (`credentialKind` null: an account). */
  access: ReportLeaverAccess[];
  usesAfterTermination: number;
  lastUseAt: string | null;
  bytesAfterTermination: number;
}

export interface ReportCrossBorder {
  /** How many days up to the as-of date the activity covers. */
  windowDays: number;
  /** ISO 3166 alpha-2 code, or `internal` for private addresses. */
  byCountry: { country: string; approved: boolean; events: number; bytes: number }[];
  offshoreIdentities: { name: string; workCountry: string; productionEntitlements: string[]; approval: string | null; approvalExpiresAt: string | null }[];
  /** Some of the bulk extractions of the window (the source lists a bounded number); the totals count them all. */
  bulkExtractions: ReportBulkExtraction[];
  /** Every bulk extraction in the window: how many, and the bytes they moved (each as its `totalBytes`). */
  bulkExtractionTotals: { count: number; totalBytes: number };
}

export interface ReportBulkExtraction {
  principal: string;
  credentialExternalId: string | null;
  startedOn: string;
  peakBytes: number;
  /** Bytes moved from the start of the anomaly, within the window shown. */
  totalBytes: number;
  series: { day: string; bytes: number; baseline: number | null }[];
}

export interface ReportDataCompleteness {
  sources: { name: string; type: string; enabled: boolean; lastSuccessfulRunAt: string | null; freshness: string }[];
  notMeasured: { domain: ScoreDomain; reason: string | null }[];
}
