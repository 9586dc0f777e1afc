import type { FindingKind } from '../model/enums.js';
import type { FindingCandidate } from '../model/finding.model.js';
import type { PostureInput } from '../model/posture-input.model.js';
import { severityRank } from '../model/severity.util.js';
import type { FindingRule } from './finding-rule.js';
import { PostureIndex, indexOf, type FindingsState, type RuleInput } from './posture-index.js';
import { DEFAULT_FINDING_SETTINGS, type FindingSettings } from './finding-settings.js';
import { accessReviewOverdueRule } from './rules/access-review-overdue.rule.js';
import { accessReviewRubberStampRule } from './rules/access-review-rubber-stamp.rule.js';
import { bulkExtractionRule } from './rules/bulk-extraction.rule.js';
import { dataSourceStaleRule } from './rules/data-source-stale.rule.js';
import { keyNoOwnerRule } from './rules/key-no-owner.rule.js';
import { certificateExpiringRule } from './rules/certificate-expiring.rule.js';
import { keyRotationOverdueRule } from './rules/key-rotation-overdue.rule.js';
import { keyUnusedRule } from './rules/key-unused.rule.js';
import { leaverActiveAccessRule } from './rules/leaver-active-access.rule.js';
import { leaverResidualAccountRule } from './rules/leaver-residual-account.rule.js';
import { offshoreAccessRule } from './rules/offshore-access.rule.js';
import { compareStrings } from '../model/compare.util.js';

/** One rule per finding kind, in FINDING_KINDS order. */
export const FINDING_RULES: readonly FindingRule[] = [
  keyRotationOverdueRule,
  keyUnusedRule,
  keyNoOwnerRule,
  certificateExpiringRule,
  leaverActiveAccessRule,
  leaverResidualAccountRule,
  accessReviewOverdueRule,
  accessReviewRubberStampRule,
  offshoreAccessRule,
  bulkExtractionRule,
  dataSourceStaleRule,
];

export interface EvaluateFindingsOptions {
  /** Evaluate only these kinds (all by default). */
  kinds?: readonly FindingKind[];
}

/** Worst first, then by kind and fingerprint, so output is deterministic. */
export const compareCandidates = (a: FindingCandidate, b: FindingCandidate): number =>
  severityRank(a.severity) - severityRank(b.severity) || compareStrings(a.kind, b.kind) || compareStrings(a.fingerprint, b.fingerprint);

/** Runs the rules at `asOf`; one candidate per fingerprint (the most severe if a rule repeats one). */
export const evaluateFindings = (
  input: RuleInput,
  asOf: Date,
  settings: FindingSettings = DEFAULT_FINDING_SETTINGS,
  options: EvaluateFindingsOptions = {},
): FindingCandidate[] => {
  // One index for every rule: what one derives from the input (the activity by day) the others reuse.
  const index = indexOf(input);
  const byFingerprint = new Map<string, FindingCandidate>();
  for (const rule of FINDING_RULES) {
    if (options.kinds && !options.kinds.includes(rule.kind)) continue;
    for (const candidate of rule.evaluate(index, asOf, settings)) {
      const existing = byFingerprint.get(candidate.fingerprint);
      if (!existing || severityRank(candidate.severity) < severityRank(existing.severity)) byFingerprint.set(candidate.fingerprint, candidate);
    }
  }
  return [...byFingerprint.values()].sort(compareCandidates);
};

/**
 * As `evaluateFindings`, starting the activity policies from `previous` (the state an evaluation of an
 * earlier input returned): only the days whose rollups changed (compared by object identity, as
 * PostureInputRepository.loadWith reuses unchanged days) are derived again, and the bulk-extraction flags
 * only for the series those days changed. The candidates are the same as a fresh evaluation's. The state
 * is a value: the caller keeps what this returns and passes it to the next call; `previous` must not be
 * used again.
 */
export const evaluateFindingsFrom = (
  input: PostureInput,
  asOf: Date,
  previous: FindingsState | null,
  settings: FindingSettings = DEFAULT_FINDING_SETTINGS,
  options: EvaluateFindingsOptions = {},
): { candidates: FindingCandidate[]; state: FindingsState; index: PostureIndex } => {
  const index = new PostureIndex(input, previous?.indexParts ?? null);
  index.seed(previous);
  const candidates = evaluateFindings(index, asOf, settings, options);
  // The index goes back too: scoring the same input with it (computePostureScore's `index`) reuses its rollup ordering.
  return { candidates, state: index.state, index };
};
