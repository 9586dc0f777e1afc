import {
  assessBudget,
  computePostureScore,
  daysToDetectPeriod,
  DEFAULT_SCORE_SETTINGS,
  explainDomainScore,
  explainOverallScore,
  incidentsOfFindings,
  roundScore,
  selectBudget,
  SEVERITIES,
  countsTowardScore,
  statusOf,
  summariseDaysToDetect,
  type DaysToDetectSummary,
  type DomainScore,
  type Finding,
  type PostureIndex,
  type PostureInput,
  type ScorableFinding,
  type Severity,
} from '@postureboard/domain';
import type { OrganizationEntity } from '@postureboard/server-database';
import type { BudgetView, DomainScoreView, FindingCountsView, PostureView } from './posture.view.js';

const countBySeverity = (counts: Record<Severity, number>): FindingCountsView => ({
  critical: counts.CRITICAL,
  high: counts.HIGH,
  medium: counts.MEDIUM,
  low: counts.LOW,
  total: SEVERITIES.reduce((sum, s) => sum + counts[s], 0),
});

const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * The findings an explanation lists per domain, worst first. A large organisation has tens of thousands: the
 * stored posture (read by every overview request) keeps the costliest and sums up the rest.
 */
export const MAX_LISTED_CONTRIBUTIONS = 100;

/** The scores of the snapshot a change is measured against ("since last week"). */
export interface PreviousScores {
  overallScore: number | null;
  domains: { domain: string; measured: boolean; score: number | null }[];
}

export interface PostureViewInput {
  organization: OrganizationEntity;
  input: PostureInput;
  /** The findings scored: stored ones (with statuses) for the current posture, candidates for another instant. */
  findings: readonly ScorableFinding[];
  asOf: Date;
  /** The latest snapshot at least seven days before `asOf`, if any. */
  previous: PreviousScores | null;
  /** Stored ids by fingerprint, so an explanation links to its findings. */
  findingIds?: ReadonlyMap<string, string>;
  /** The index the findings were evaluated on (scoring reuses its ordering instead of building its own). */
  index?: PostureIndex;
}

/**
 * The posture as every surface shows it (GraphQL, CLI, snapshots, board report), built once by the evaluation
 * that scored it. Scores and changes have one decimal (roundScore); an explanation's terms add up to its score.
 */
export function buildPostureView({ organization, input, findings, asOf, previous, findingIds = new Map(), index }: PostureViewInput): PostureView {
  // The findings the score counts (docs/scoring.md): not resolved, not judged false positives.
  const active = findings.filter((f) => countsTowardScore(statusOf(f)));
  const score = computePostureScore(input, active, asOf, { index });
  const totals = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0 } as Record<Severity, number>;
  for (const f of active) totals[f.severity] += 1;
  const budgetRow = selectBudget(input.budgets, asOf, input.organisation.fiscalYearStartMonth);
  const daysToDetect = daysToDetectOf(findings, asOf);
  return {
    organization: { slug: organization.slug, name: organization.name, currency: organization.currency, approvedCountries: organization.approvedCountries },
    asOf,
    overallScore: score.overall.score,
    overallBand: score.overall.band,
    overallChange: change(score.overall.score, previous?.overallScore ?? null),
    overallNotMeasuredReason: score.overall.reason,
    explanation: explainOverallScore(score.overall, score.domains),
    domains: score.domains.map((d) => ({ ...toDomainView(d, previous, findingIds), daysToDetect: d.domain === 'DETECTION' ? daysToDetect : null })),
    budget: budgetRow ? toBudgetView(budgetRow, organization) : null,
    findingCounts: countBySeverity(totals),
    overdueKeys: active.filter((f) => f.kind === 'KEY_ROTATION_OVERDUE').length,
  };
}

/**
 * Days to detect over the 90 days up to `asOf`, from tracked findings (any status: a resolved incident was
 * detected too). Candidates (a look at another instant) carry no first detection: null.
 */
function daysToDetectOf(findings: readonly ScorableFinding[], asOf: Date): DaysToDetectSummary | null {
  const tracked = findings.filter((f): f is Finding => 'firstDetectedAt' in f);
  if (tracked.length < findings.length) return null;
  const { from, to } = daysToDetectPeriod(asOf);
  return summariseDaysToDetect(incidentsOfFindings(tracked, asOf), from, to);
}

function change(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : roundScore(current - previous);
}

function toDomainView(d: DomainScore, previous: PreviousScores | null, findingIds: ReadonlyMap<string, string>): DomainScoreView {
  const before = previous?.domains.find((p) => p.domain === d.domain);
  return {
    domain: d.domain,
    measured: d.measured,
    notMeasuredReason: d.measured ? null : d.reason,
    score: d.score,
    band: d.band,
    change: before?.measured ? change(d.score, before.score) : null,
    penaltyPoints: round2(d.penaltyPoints),
    metrics: d.metrics.map((m) => ({
      name: m.name,
      label: m.label,
      measured: m.measured,
      reason: m.reason,
      value: m.value,
      numerator: m.numerator,
      denominator: m.denominator,
      weight: m.weight,
      maxPoints: round2(m.maxPoints),
      points: round2(m.points),
    })),
    contributions: d.contributions.slice(0, MAX_LISTED_CONTRIBUTIONS).map((c) => ({
      findingId: findingIds.get(c.fingerprint) ?? null,
      fingerprint: c.fingerprint,
      kind: c.kind,
      domain: c.domain,
      severity: c.severity,
      subjectName: c.subject.name,
      points: round2(c.points),
    })),
    omittedContributions: {
      count: Math.max(0, d.contributions.length - MAX_LISTED_CONTRIBUTIONS),
      points: round2(d.contributions.slice(MAX_LISTED_CONTRIBUTIONS).reduce((sum, c) => sum + c.points, 0)),
    },
    findingCounts: countBySeverity(d.findingCounts),
    explanation: explainDomainScore(d, DEFAULT_SCORE_SETTINGS),
  };
}

function toBudgetView(budget: Parameters<typeof assessBudget>[0], organization: OrganizationEntity): BudgetView {
  const assessed = assessBudget(budget, {
    securityToIt: { target: organization.itRatioBenchmark, tolerance: 0.1 },
    securityToRevenue: { target: organization.revenueRatioBenchmark, tolerance: 0.1 },
  });
  return {
    fiscalYear: assessed.fiscalYear,
    currency: assessed.currency,
    itSpend: assessed.itSpend,
    securitySpend: assessed.securitySpend,
    revenue: assessed.revenue,
    securityToItRatio: assessed.securityToIt.ratio,
    securityToRevenueRatio: assessed.securityToRevenue.ratio,
    itBenchmark: assessed.securityToIt.benchmark,
    revenueBenchmark: assessed.securityToRevenue.benchmark,
    itStatus: assessed.securityToIt.status,
    revenueStatus: assessed.securityToRevenue.status,
  };
}
