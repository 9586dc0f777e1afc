import type { CredentialKind, DaysToDetectSummary, ExplanationTerm, FindingKind, FindingParams, ScoreDomain, Severity } from '@postureboard/domain';

/**
 * What the board report reads, in the shapes of the GraphQL contract (only the fields the report
 * uses, so the posture service's richer objects satisfy these types as they are). DateTime fields
 * accept a Date or an ISO 8601 string.
 */
export type DateLike = Date | string;

export interface ReportDataSource {
  /**
   * `posture(org, asOf)` with its `topRisks(limit)`, read together so both come from one evaluation. With
   * `asOf` null ("now") it is the live posture the overview shows, reused while the data is unchanged; the
   * posture's own `asOf` then says which instant it describes, and the rest of the report reads as of it.
   */
  posture(orgSlug: string, asOf: Date | null, topRiskLimit: number): Promise<PostureReading>;
  /** `scoreHistory(org, weeks)`: stored snapshots taken at or before `asOf`, any order. */
  scoreHistory(orgSlug: string, weeks: number, asOf: Date): Promise<ScoreSnapshotShape[]>;
  /** `budgets(org)`: every fiscal year recorded. */
  budgets(orgSlug: string): Promise<BudgetShape[]>;
  /** `rotationSla(org)` as of `asOf`. */
  rotationSla(orgSlug: string, asOf: Date): Promise<TeamRotationSlaShape[]>;
  /** `leavers(org)` as of `asOf`. */
  leavers(orgSlug: string, asOf: Date): Promise<LeaverShape[]>;
  /** `crossBorderAccess(org, days)` for the `days` up to `asOf`. */
  crossBorderAccess(orgSlug: string, days: number, asOf: Date): Promise<CrossBorderAccessShape>;
  /** `dataSources(org)`. */
  dataSources(orgSlug: string): Promise<DataSourceShape[]>;
}

/** Injection token under which the posture library provides its `ReportDataSource`. */
export const REPORT_DATA_SOURCE = Symbol('REPORT_DATA_SOURCE');

/** A posture and the worst of its active findings, from the same evaluation. */
export interface PostureReading {
  posture: PostureShape;
  topRisks: FindingShape[];
}

export interface FindingCountsShape {
  critical: number;
  high: number;
  medium: number;
  low: number;
  total: number;
}

export interface DomainScoreShape {
  domain: ScoreDomain;
  measured: boolean;
  notMeasuredReason?: string | null;
  score: number | null;
  band: string | null;
  change: number | null;
  findingCounts: FindingCountsShape;
  /** The terms that add up to `score` (docs/scoring.md); absent or null when not given. */
  explanation?: { terms: ExplanationTerm[] } | null;
  metrics?: { name: string; label: string; points: number; maxPoints: number }[];
  contributions?: { fingerprint: string; subjectName: string }[];
  /** DETECTION: median days to detect over the 90 days up to the posture's date; absent or null when not known. */
  daysToDetect?: DaysToDetectSummary | null;
}

export interface BudgetRatiosShape {
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

export interface PostureShape {
  organization: { id: string; slug: string; name: string; currency: string };
  asOf: DateLike;
  overallScore: number | null;
  overallBand: string | null;
  overallChange: number | null;
  domains: DomainScoreShape[];
  budget: BudgetRatiosShape | null;
  findingCounts: FindingCountsShape;
  explanation?: { terms: ExplanationTerm[] } | null;
  /** When the evaluation behind the posture ran, and whether a newer one was queued (absent: not known). */
  evaluatedAt?: DateLike | null;
  pending?: boolean;
}

/**
 * A finding as of the posture's date. Of a past date (before the latest evaluation) it is the condition as
 * evaluated then; what is unknown of it then is null: no stored finding tracks it (`id`), it was not tracked
 * yet (`status`, `firstDetectedAt`), or its due date then is not on record (`dueAt`).
 */
export interface FindingShape {
  id: string | null;
  kind: FindingKind;
  domain: ScoreDomain;
  severity: Severity;
  status: string | null;
  /** In English; the report renders its own language from `kind` and `params` (null: stored before parameters). */
  title: string;
  params: FindingParams | null;
  subject: { type: string; name: string };
  ownerTeam: { name: string } | null;
  firstDetectedAt: DateLike | null;
  dueAt: DateLike | null;
}

export interface ScoreSnapshotShape {
  asOf: DateLike;
  overallScore: number | null;
  overallBand: string | null;
  domains: { domain: ScoreDomain; measured: boolean; score: number | null }[];
}

export interface BudgetShape {
  fiscalYear: number;
  itSpend: number;
  securitySpend: number;
  revenue: number;
  currency: string;
}

export interface TeamRotationSlaShape {
  team: { name: string } | null;
  withinPolicy: number;
  dueSoon: number;
  overdue: number;
  maxDaysOverdue: number;
  oldestKeyAgeDays: number | null;
}

export interface LeaverShape {
  name: string;
  email: string | null;
  terminatedOn: DateLike;
  daysSinceTermination: number;
  access: { system: string; name: string; credentialKind: CredentialKind | null }[];
  usesAfterTermination: number;
  lastUseAt: DateLike | null;
  bytesAfterTermination: number;
}

export interface CrossBorderAccessShape {
  byCountry: { country: string; approved: boolean; events: number; bytes: number }[];
  offshoreIdentities: { name: string; workCountry: string; productionEntitlements: string[]; approval: string | null; approvalExpiresAt: DateLike | null }[];
  bulkExtractions: {
    principal: string;
    credentialExternalId: string | null;
    startedOn: DateLike;
    peakBytes: number;
    series: { day: DateLike; bytes: number; baseline: number | null }[];
  }[];
  /** Every bulk extraction in the window: `bulkExtractions` may list only some of them. */
  bulkExtractionTotals: { count: number; totalBytes: number };
}

export interface DataSourceShape {
  type: string;
  name: string;
  enabled: boolean;
  lastSuccessfulRunAt: DateLike | null;
  freshness: string;
}
