import type { FindingKind } from '../model/enums.js';
import type { FindingCandidate } from '../model/finding.model.js';
import type { PostureInput } from '../model/posture-input.model.js';
import { severityRank } from '../model/severity.util.js';
import type { FindingRule } from './finding-rule.js';
import { DEFAULT_FINDING_SETTINGS, type FindingSettings } from './finding-settings.js';
import { accessReviewOverdueRule } from './rules/access-review-overdue.rule.js';
import { accessReviewRubberStampRule } from './rules/access-review-rubber-stamp.rule.js';
import { bulkExtractionRule } from './rules/bulk-extraction.rule.js';
import { dataSourceStaleRule } from './rules/data-source-stale.rule.js';
import { keyNoOwnerRule } from './rules/key-no-owner.rule.js';
import { keyRotationOverdueRule } from './rules/key-rotation-overdue.rule.js';
import { keyUnusedRule } from './rules/key-unused.rule.js';
import { leaverActiveAccessRule } from './rules/leaver-active-access.rule.js';
import { offshoreAccessRule } from './rules/offshore-access.rule.js';
import { compareStrings } from '../model/compare.util.js';

/** One rule per finding kind, in FINDING_KINDS order. */
export const FINDING_RULES: readonly FindingRule[] = [
  keyRotationOverdueRule,
  keyUnusedRule,
  keyNoOwnerRule,
  leaverActiveAccessRule,
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
  input: PostureInput,
  asOf: Date,
  settings: FindingSettings = DEFAULT_FINDING_SETTINGS,
  options: EvaluateFindingsOptions = {},
): FindingCandidate[] => {
  const byFingerprint = new Map<string, FindingCandidate>();
  for (const rule of FINDING_RULES) {
    if (options.kinds && !options.kinds.includes(rule.kind)) continue;
    for (const candidate of rule.evaluate(input, asOf, settings)) {
      const existing = byFingerprint.get(candidate.fingerprint);
      if (!existing || severityRank(candidate.severity) < severityRank(existing.severity)) byFingerprint.set(candidate.fingerprint, candidate);
    }
  }
  return [...byFingerprint.values()].sort(compareCandidates);
};
