import type { FindingKind, FindingStatus, ScoreBand, ScoreDomain, Severity } from '../model/enums.js';
import type { Finding, FindingCandidate, FindingSubject } from '../model/finding.model.js';

/** What scoring reads of a finding: tracked findings, or fresh candidates (taken as OPEN). */
export type ScorableFinding = Finding | FindingCandidate;

/** One measured quantity of a domain: `value` is the share of credit earned (0..1). */
export interface ScoreMetric {
  name: string;
  label: string;
  measured: boolean;
  /** Why it is not measured (e.g. "no departed identities"); null when measured. */
  reason: string | null;
  value: number | null;
  numerator: number;
  denominator: number;
  /** Configured weight; measured weights of a domain are rescaled to sum to 100 points. */
  weight: number;
  maxPoints: number;
  points: number;
}

/** How many points a finding cost its domain (negative), split into metric loss and penalty. */
export interface ScoreContribution {
  fingerprint: string;
  kind: FindingKind;
  /** The finding's own domain: another domain's finding can cost this one metric points (and counts in both). */
  domain: ScoreDomain;
  severity: Severity;
  subject: FindingSubject;
  metricPoints: number;
  penaltyPoints: number;
  points: number;
}

export interface DomainScore {
  domain: ScoreDomain;
  measured: boolean;
  reason: string | null;
  score: number | null;
  band: ScoreBand | null;
  /** Sum of metric points before penalties. */
  basePoints: number | null;
  penaltyPoints: number;
  metrics: ScoreMetric[];
  contributions: ScoreContribution[];
  /** The unresolved findings the domain's explanation lists: its own, and other domains' that cost it points. */
  findingCounts: Record<Severity, number>;
}

export interface OverallScore {
  measured: boolean;
  reason: string | null;
  score: number | null;
  band: ScoreBand | null;
  /** Weight each measured domain carried in the average (unmeasured domains carry none). */
  weights: { domain: ScoreDomain; weight: number; effectiveWeight: number }[];
}

export interface PostureScore {
  asOf: Date;
  overall: OverallScore;
  domains: DomainScore[];
}

/** A metric as a domain scorer measures it; the builder turns it into points. */
export interface MetricMeasurement {
  name: string;
  label: string;
  weight: number;
  /** null = not measured, with the reason. */
  measurement: { numerator: number; denominator: number; value: number } | { reason: string };
  /** Findings that took credit away, with the share of the metric (0..1) each one cost. */
  losses: { fingerprint: string; share: number }[];
}

export interface DomainMeasurement {
  domain: ScoreDomain;
  metrics: MetricMeasurement[];
  /** Set when the domain has no data at all. */
  unmeasuredReason: string | null;
}

/**
 * Whether a finding in this status takes credit from the score (docs/scoring.md): a resolved finding and a
 * false positive (judged not a risk here) do not; an accepted risk still does, it remains an exposure.
 */
export const countsTowardScore = (status: FindingStatus): boolean => status !== 'RESOLVED' && status !== 'FALSE_POSITIVE';

export const statusOf = (finding: ScorableFinding): FindingStatus => ('status' in finding ? finding.status : 'OPEN');

export const firstDetectedAtOf = (finding: ScorableFinding): Date => ('firstDetectedAt' in finding ? finding.firstDetectedAt : finding.detectedAt);
