import type { BenchmarkStatus, DaysToDetectSummary, FindingKind, ScoreBand, ScoreDomain, ScoreExplanation, Severity } from '@postureboard/domain';

/**
 * The posture as the product shows it (GraphQL, CLI `posture --json`, snapshots, board report): one shape,
 * derived from the domain's PostureScore and BudgetAssessment.
 */
export interface FindingCountsView {
  critical: number;
  high: number;
  medium: number;
  low: number;
  total: number;
}

export interface ScoreMetricView {
  name: string;
  label: string;
  measured: boolean;
  reason: string | null;
  value: number | null;
  numerator: number;
  denominator: number;
  weight: number;
  maxPoints: number;
  points: number;
}

export interface ScoreContributionView {
  findingId: string | null;
  fingerprint: string;
  kind: FindingKind;
  /** The finding's own domain (another domain's finding can cost this domain points: it counts in both). */
  domain: ScoreDomain;
  severity: Severity;
  subjectName: string;
  points: number;
}

export interface DomainScoreView {
  domain: ScoreDomain;
  measured: boolean;
  notMeasuredReason: string | null;
  score: number | null;
  band: ScoreBand | null;
  change: number | null;
  penaltyPoints: number;
  metrics: ScoreMetricView[];
  /** The findings that cost the domain most, worst first (at most MAX_LISTED_CONTRIBUTIONS). */
  contributions: ScoreContributionView[];
  /** The findings behind the domain not listed in `contributions`, and the points they cost together. */
  omittedContributions: { count: number; points: number };
  findingCounts: FindingCountsView;
  /** The terms that add up to `score` (null when not measured). */
  explanation: ScoreExplanation | null;
  /**
   * DETECTION only: the median days to detect over the 90 days up to `asOf`, from the tracked findings (shown
   * beside the score, not part of it: docs/scoring.md). Null on other domains and where first detections are
   * not known (a posture evaluated for another instant has candidates, not tracked findings). Absent in
   * postures stored before it existed.
   */
  daysToDetect?: DaysToDetectSummary | null;
}

export interface RatioView {
  ratio: number | null;
  benchmark: number;
  status: BenchmarkStatus | null;
  shareOfBenchmark: number | null;
}

export interface BudgetView {
  fiscalYear: number;
  currency: string;
  itSpend: number;
  securitySpend: number;
  revenue: number;
  securityToItRatio: number | null;
  securityToRevenueRatio: number | null;
  itBenchmark: number;
  revenueBenchmark: number;
  itStatus: BenchmarkStatus | null;
  revenueStatus: BenchmarkStatus | null;
}

export interface PostureView {
  organization: { slug: string; name: string; currency: string; approvedCountries: string[] };
  asOf: Date;
  overallScore: number | null;
  overallBand: ScoreBand | null;
  overallChange: number | null;
  overallNotMeasuredReason: string | null;
  /** The weighted domains that add up to `overallScore` (null when not measured). */
  explanation: ScoreExplanation | null;
  domains: DomainScoreView[];
  budget: BudgetView | null;
  findingCounts: FindingCountsView;
  /** Active KEY_ROTATION_OVERDUE findings: the rotation burn-down reads it from snapshots. */
  overdueKeys: number;
}

/** A posture as a surface reads it: the view, when it was evaluated, and whether a newer evaluation is due. */
export interface PostureReadView extends PostureView {
  /** When the evaluation behind the view ran (null before an organisation's first evaluation). */
  evaluatedAt: Date | null;
  /** True while an evaluation of newer data is queued or running (the view is the last good one meanwhile). */
  pending: boolean;
}
