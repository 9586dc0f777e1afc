import type { FindingKind, ScoreDomain } from '../model/enums.js';
import type { FindingCandidate } from '../model/finding.model.js';
import type { FindingSettings } from './finding-settings.js';
import type { RuleInput } from './posture-index.js';

/**
 * A declarative policy: reads the posture input as it was known at `asOf` and emits candidates.
 * Rules are pure and must ignore anything dated after `asOf` (replay relies on it). They are given the
 * index their caller built for the input (or a bare input, for which they build their own).
 */
export interface FindingRule {
  kind: FindingKind;
  domain: ScoreDomain;
  description: string;
  evaluate(input: RuleInput, asOf: Date, settings: FindingSettings): FindingCandidate[];
}

/** The score domain each finding kind counts against. */
export const FINDING_KIND_DOMAIN: Record<FindingKind, ScoreDomain> = {
  KEY_ROTATION_OVERDUE: 'KEY_MANAGEMENT',
  KEY_UNUSED: 'KEY_MANAGEMENT',
  KEY_NO_OWNER: 'KEY_MANAGEMENT',
  CERTIFICATE_EXPIRING: 'KEY_MANAGEMENT',
  LEAVER_ACTIVE_ACCESS: 'ACCESS_GOVERNANCE',
  LEAVER_RESIDUAL_ACCOUNT: 'ACCESS_GOVERNANCE',
  ACCESS_REVIEW_OVERDUE: 'ACCESS_GOVERNANCE',
  ACCESS_REVIEW_RUBBER_STAMP: 'ACCESS_GOVERNANCE',
  OFFSHORE_ACCESS: 'CROSS_BORDER_ACCESS',
  BULK_EXTRACTION: 'DETECTION',
  DATA_SOURCE_STALE: 'DETECTION',
};
