import { SCORE_DOMAINS, type ScoreDomain } from '../model/enums.js';
import type { PostureInput } from '../model/posture-input.model.js';
import { DEFAULT_FINDING_SETTINGS, type FindingSettings } from '../findings/finding-settings.js';
import { PostureIndex } from '../findings/posture-index.js';
import { measureAccessGovernance } from './access-governance.score.js';
import { measureCrossBorderAccess } from './cross-border-access.score.js';
import { measureDetection } from './detection.score.js';
import { buildDomainScore } from './domain-score.builder.js';
import { measureKeyManagement } from './key-management.score.js';
import { countsTowardScore, statusOf, type DomainMeasurement, type DomainScore, type OverallScore, type PostureScore, type ScorableFinding } from './score.model.js';
import { bandOf, DEFAULT_SCORE_SETTINGS, type ScoreSettings } from './score-settings.js';
import type { ScoringContext } from './scoring-context.js';

const MEASURERS: Record<ScoreDomain, (context: ScoringContext) => DomainMeasurement> = {
  KEY_MANAGEMENT: measureKeyManagement,
  ACCESS_GOVERNANCE: measureAccessGovernance,
  CROSS_BORDER_ACCESS: measureCrossBorderAccess,
  DETECTION: measureDetection,
};

export interface ScoreOptions {
  settings?: ScoreSettings;
  /** The thresholds the findings were evaluated with (windows and tracked kinds must agree). */
  findingSettings?: FindingSettings;
  /** The index the findings were evaluated on, if the caller kept it (its rollup ordering is reused). */
  index?: PostureIndex;
}

/** Weighted mean of the measured domains only; with none measured, the overall score is not measured either. */
export const overallScoreOf = (domains: readonly DomainScore[], settings: ScoreSettings = DEFAULT_SCORE_SETTINGS): OverallScore => {
  const measured = domains.filter((domain) => domain.measured && domain.score !== null);
  const totalWeight = measured.reduce((sum, domain) => sum + settings.domainWeights[domain.domain], 0);
  if (measured.length === 0 || totalWeight <= 0) {
    return { measured: false, reason: 'no domain has data to measure', score: null, band: null, weights: [] };
  }
  const weighted = measured.reduce((sum, domain) => sum + (domain.score as number) * settings.domainWeights[domain.domain], 0);
  const score = Math.round((weighted / totalWeight) * 10) / 10;
  return {
    measured: true,
    reason: null,
    score,
    band: bandOf(score, settings),
    weights: measured.map((domain) => ({
      domain: domain.domain,
      weight: settings.domainWeights[domain.domain],
      effectiveWeight: Math.round((settings.domainWeights[domain.domain] / totalWeight) * 10_000) / 10_000,
    })),
  };
};

/**
 * Scores a posture from its input and its findings (tracked findings with their statuses, or fresh
 * candidates). RESOLVED and FALSE_POSITIVE findings are ignored; RISK_ACCEPTED ones still count.
 */
export const computePostureScore = (
  input: PostureInput,
  findings: readonly ScorableFinding[],
  asOf: Date,
  options: ScoreOptions = {},
): PostureScore => {
  const settings = options.settings ?? DEFAULT_SCORE_SETTINGS;
  const active = findings.filter((finding) => countsTowardScore(statusOf(finding)));
  const context: ScoringContext = {
    input,
    index: options.index?.input === input ? options.index : new PostureIndex(input),
    asOf,
    findings: active,
    settings,
    findingSettings: options.findingSettings ?? DEFAULT_FINDING_SETTINGS,
  };
  const byFingerprint = new Map(active.map((finding) => [finding.fingerprint, finding]));
  const domains = SCORE_DOMAINS.map((domain) =>
    buildDomainScore(
      MEASURERS[domain](context),
      active.filter((finding) => finding.domain === domain),
      byFingerprint,
      settings,
    ),
  );
  return { asOf, overall: overallScoreOf(domains, settings), domains };
};
