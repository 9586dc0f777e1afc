import type { BenchmarkStatus, FindingKind, ScoreBand, ScoreDomain, Severity } from '@postureboard/domain';

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
  contributions: ScoreContributionView[];
  findingCounts: FindingCountsView;
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
  domains: DomainScoreView[];
  budget: BudgetView | null;
  findingCounts: FindingCountsView;
  /** Active KEY_ROTATION_OVERDUE findings: the rotation burn-down reads it from snapshots. */
  overdueKeys: number;
}
