import { SEVERITIES, type Severity } from '../model/enums.js';
import { severityRank } from '../model/severity.util.js';
import {
  firstDetectedAtOf,
  type DomainMeasurement,
  type DomainScore,
  type ScorableFinding,
  type ScoreContribution,
  type ScoreMetric,
} from './score.model.js';
import { bandOf, type ScoreSettings } from './score-settings.js';
import { compareStrings } from '../model/compare.util.js';

const round = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

const clampScore = (value: number): number => Math.min(100, Math.max(0, value));

const countBySeverity = (findings: readonly ScorableFinding[]): Record<Severity, number> => {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
};

/**
 * score = Σ metric points (measured weights rescaled to 100) − penalty for CRITICAL findings (capped),
 * clamped to 0..100 and rounded to one decimal. Every lost point is attributed to a finding where one
 * caused it.
 *
 * @param domainFindings the domain's unresolved findings (penalties, counts)
 * @param findingsByFingerprint every unresolved finding (a metric may lose credit to another domain's finding)
 */
export const buildDomainScore = (
  measurement: DomainMeasurement,
  domainFindings: readonly ScorableFinding[],
  findingsByFingerprint: ReadonlyMap<string, ScorableFinding>,
  settings: ScoreSettings,
): DomainScore => {
  const measured = measurement.metrics.filter((metric) => !('reason' in metric.measurement));
  const totalWeight = measured.reduce((sum, metric) => sum + metric.weight, 0);
  const scale = totalWeight > 0 ? 100 / totalWeight : 0;
  const metrics: ScoreMetric[] = measurement.metrics.map((metric) => {
    if ('reason' in metric.measurement) {
      return { name: metric.name, label: metric.label, measured: false, reason: metric.measurement.reason, value: null, numerator: 0, denominator: 0, weight: metric.weight, maxPoints: 0, points: 0 };
    }
    const { numerator, denominator, value } = metric.measurement;
    const maxPoints = metric.weight * scale;
    return { name: metric.name, label: metric.label, measured: true, reason: null, value, numerator, denominator, weight: metric.weight, maxPoints: round(maxPoints, 2), points: round(value * maxPoints, 2) };
  });
  const unmeasuredReason = measurement.unmeasuredReason ?? (measured.length === 0 ? metrics.map((metric) => metric.reason).join('; ') : null);
  if (unmeasuredReason !== null) {
    return { domain: measurement.domain, measured: false, reason: unmeasuredReason, score: null, band: null, basePoints: null, penaltyPoints: 0, metrics, contributions: [], findingCounts: countBySeverity(domainFindings) };
  }

  const contributions = new Map<string, { metricPoints: number; penaltyPoints: number }>();
  const contributionOf = (fingerprint: string): { metricPoints: number; penaltyPoints: number } => {
    let entry = contributions.get(fingerprint);
    if (!entry) {
      entry = { metricPoints: 0, penaltyPoints: 0 };
      contributions.set(fingerprint, entry);
    }
    return entry;
  };
  for (const finding of domainFindings) contributionOf(finding.fingerprint);
  for (const metric of measured) {
    for (const loss of metric.losses) contributionOf(loss.fingerprint).metricPoints -= loss.share * metric.weight * scale;
  }

  const criticals = domainFindings
    .filter((finding) => finding.severity === 'CRITICAL')
    .sort((a, b) => firstDetectedAtOf(a).getTime() - firstDetectedAtOf(b).getTime() || compareStrings(a.fingerprint, b.fingerprint));
  let penalty = 0;
  for (const finding of criticals) {
    const points = Math.min(settings.criticalPenalty, settings.criticalPenaltyCap - penalty);
    if (points <= 0) break;
    penalty += points;
    contributionOf(finding.fingerprint).penaltyPoints -= points;
  }

  const basePoints = measured.reduce((sum, metric) => {
    const { value } = metric.measurement as { value: number };
    return sum + value * metric.weight * scale;
  }, 0);
  const score = round(clampScore(basePoints - penalty), 1);
  const contributionList: ScoreContribution[] = [];
  for (const [fingerprint, entry] of contributions) {
    const finding = findingsByFingerprint.get(fingerprint);
    if (!finding) continue;
    const metricPoints = round(entry.metricPoints, 2);
    contributionList.push({
      fingerprint,
      kind: finding.kind,
      domain: finding.domain,
      severity: finding.severity,
      subject: finding.subject,
      metricPoints,
      penaltyPoints: entry.penaltyPoints,
      points: round(entry.metricPoints + entry.penaltyPoints, 2),
    });
  }
  contributionList.sort((a, b) => a.points - b.points || severityRank(a.severity) - severityRank(b.severity) || compareStrings(a.fingerprint, b.fingerprint));
  return {
    domain: measurement.domain,
    measured: true,
    reason: null,
    score,
    band: bandOf(score, settings),
    basePoints: round(basePoints, 2),
    penaltyPoints: penalty === 0 ? 0 : -penalty,
    metrics,
    contributions: contributionList,
    // The findings the explanation lists: the domain's own and those of other domains that cost it metric points.
    findingCounts: countBySeverity(contributionList.map((c) => findingsByFingerprint.get(c.fingerprint)!)),
  };
};
