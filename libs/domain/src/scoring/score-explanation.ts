import type { ScoreDomain } from '../model/enums.js';
import type { DomainScore, OverallScore } from './score.model.js';
import type { ScoreSettings } from './score-settings.js';

/**
 * One term of a score's explanation. A domain's terms are the full marks (BASE), what each metric lost
 * (METRIC, ≤ 0), each CRITICAL finding's penalty (FINDING, < 0), the penalty cap (CAP: findings past it cost
 * nothing more), the floor at 0 (FLOOR, ≥ 0) and the rounding to one decimal (ROUNDING): their points add up
 * to the score shown. The overall score's terms are the measured domains, each weighted (METRIC), and ROUNDING.
 */
export type ExplanationTermKind = 'BASE' | 'METRIC' | 'FINDING' | 'CAP' | 'FLOOR' | 'ROUNDING';
export const EXPLANATION_TERM_KINDS: readonly ExplanationTermKind[] = ['BASE', 'METRIC', 'FINDING', 'CAP', 'FLOOR', 'ROUNDING'];

export interface ExplanationTerm {
  kind: ExplanationTermKind;
  /** Plain English; the web app and the report render their own words from `metric`, `domain` or `fingerprint`. */
  label: string;
  /** Rounded to two decimals; the ROUNDING term takes up what rounding left so the terms add up to the score. */
  points: number;
  /** The metric of a METRIC term of a domain. */
  metric?: string;
  /** The domain of a METRIC term of the overall score. */
  domain?: ScoreDomain;
  /** The finding of a FINDING term. */
  fingerprint?: string;
}

export interface ScoreExplanation {
  terms: ExplanationTerm[];
}

/**
 * The one rounding rule of every surface (web, CLI, PDF): scores and their changes have one decimal, computed
 * half away from zero on the unrounded value; the terms of an explanation have two, and a ROUNDING term makes
 * the shown terms add up to the shown score. docs/scoring.md.
 */
export const roundScore = (value: number): number => Math.sign(value) * Math.round(Math.abs(value) * 10) / 10;
const round2 = (value: number): number => Math.sign(value) * Math.round(Math.abs(value) * 100) / 100;

const withRounding = (terms: ExplanationTerm[], score: number): ScoreExplanation => {
  const sum = terms.reduce((total, term) => total + term.points, 0);
  const residual = round2(score - sum);
  if (residual !== 0) terms.push({ kind: 'ROUNDING', label: 'Rounding to one decimal', points: residual });
  return { terms };
};

/** The terms of a measured domain's score; null for a domain that is not measured. */
export const explainDomainScore = (domain: DomainScore, settings: ScoreSettings): ScoreExplanation | null => {
  if (!domain.measured || domain.score === null || domain.basePoints === null) return null;
  const terms: ExplanationTerm[] = [{ kind: 'BASE', label: 'Full marks', points: 100 }];
  for (const metric of domain.metrics) {
    if (!metric.measured) continue;
    terms.push({ kind: 'METRIC', label: `${metric.label}: ${metric.points} of ${metric.maxPoints}`, metric: metric.name, points: round2(metric.points - metric.maxPoints) });
  }
  const penalised = domain.contributions.filter((c) => c.penaltyPoints < 0);
  for (const c of penalised) {
    terms.push({ kind: 'FINDING', label: `Critical finding: ${c.subject.name}`, fingerprint: c.fingerprint, points: round2(c.penaltyPoints) });
  }
  const beyondCap = domain.contributions.filter((c) => c.domain === domain.domain && c.severity === 'CRITICAL' && c.penaltyPoints === 0).length;
  if (beyondCap > 0) {
    terms.push({
      kind: 'CAP',
      label: `Critical penalties are capped at ${settings.criticalPenaltyCap} points: ${beyondCap} further critical ${beyondCap === 1 ? 'finding costs' : 'findings cost'} nothing more`,
      points: 0,
    });
  }
  const beforeFloor = domain.basePoints + domain.penaltyPoints;
  if (beforeFloor < 0) terms.push({ kind: 'FLOOR', label: 'A score is never below 0', points: round2(-beforeFloor) });
  return withRounding(terms, domain.score);
};

/** The terms of the overall score: each measured domain's score times its share of the weights. */
export const explainOverallScore = (overall: OverallScore, domains: readonly DomainScore[]): ScoreExplanation | null => {
  if (!overall.measured || overall.score === null) return null;
  const totalWeight = overall.weights.reduce((sum, w) => sum + w.weight, 0);
  const terms: ExplanationTerm[] = overall.weights.map((w) => {
    const score = domains.find((d) => d.domain === w.domain)?.score ?? 0;
    return { kind: 'METRIC', label: `${w.domain} ${score} × ${w.weight}/${totalWeight}`, domain: w.domain, points: round2((score * w.weight) / totalWeight) };
  });
  return withRounding(terms, overall.score);
};
