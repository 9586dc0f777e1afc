import type { FindingStatus } from '../model/enums.js';
import type { Finding, FindingActor, FindingHistoryEntry } from '../model/finding.model.js';
import { FindingLifecycleError, FindingLifecycleErrorCode } from './finding-lifecycle.error.js';

export interface StatusChange {
  to: FindingStatus;
  reason?: string | null;
  /** Required for RISK_ACCEPTED: when the acceptance lapses and the finding reopens. */
  riskAcceptedUntil?: Date | null;
  /** Required for FALSE_POSITIVE: when the judgement lapses and the finding reopens. */
  falsePositiveUntil?: Date | null;
}

/**
 * Transitions a person may make. OPEN → ACKNOWLEDGED → RISK_ACCEPTED → RESOLVED, with shortcuts
 * forward; a risk acceptance or a false-positive judgement may be renewed or withdrawn (back to OPEN);
 * a finding not yet resolved may be judged a false positive; a resolved finding may be reopened.
 * Nothing goes back to ACKNOWLEDGED.
 */
export const ALLOWED_STATUS_TRANSITIONS: Record<FindingStatus, readonly FindingStatus[]> = {
  OPEN: ['ACKNOWLEDGED', 'RISK_ACCEPTED', 'FALSE_POSITIVE', 'RESOLVED'],
  ACKNOWLEDGED: ['RISK_ACCEPTED', 'FALSE_POSITIVE', 'RESOLVED'],
  RISK_ACCEPTED: ['RISK_ACCEPTED', 'FALSE_POSITIVE', 'RESOLVED', 'OPEN'],
  FALSE_POSITIVE: ['FALSE_POSITIVE', 'RESOLVED', 'OPEN'],
  RESOLVED: ['OPEN'],
};

export interface StatusChangeResult {
  finding: Finding;
  history: FindingHistoryEntry;
}

const normalisedReason = (reason: string | null | undefined): string | null => {
  const trimmed = reason?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

/** A risk acceptance and a false-positive judgement are exceptions: both need a reason and an expiry in the future. */
const expiringException = (reason: string | null, until: Date | null | undefined, asOf: Date, doing: string, judgement: string): Date => {
  if (reason === null) throw new FindingLifecycleError(FindingLifecycleErrorCode.REASON_REQUIRED, `${doing} needs a reason`);
  if (!until) throw new FindingLifecycleError(FindingLifecycleErrorCode.EXPIRY_REQUIRED, `${doing} needs an expiry date`);
  if (until.getTime() <= asOf.getTime()) throw new FindingLifecycleError(FindingLifecycleErrorCode.EXPIRY_NOT_IN_FUTURE, `${judgement} must expire after now`);
  return until;
};

/** Applies a person's status change, or throws a `FindingLifecycleError`; never mutates `finding`. */
export const applyStatusChange = (finding: Finding, change: StatusChange, actor: FindingActor, asOf: Date): StatusChangeResult => {
  const from = finding.status;
  const { to } = change;
  if (!ALLOWED_STATUS_TRANSITIONS[from].includes(to)) {
    throw new FindingLifecycleError(FindingLifecycleErrorCode.INVALID_TRANSITION, `a finding cannot go from ${from} to ${to}`);
  }
  const reason = normalisedReason(change.reason);
  const riskAcceptedUntil = to === 'RISK_ACCEPTED' ? expiringException(reason, change.riskAcceptedUntil, asOf, 'accepting a risk', 'a risk acceptance') : null;
  const falsePositiveUntil =
    to === 'FALSE_POSITIVE' ? expiringException(reason, change.falsePositiveUntil, asOf, 'marking a false positive', 'a false-positive judgement') : null;
  const updated: Finding = {
    ...finding,
    status: to,
    riskAcceptedUntil,
    riskAcceptanceReason: to === 'RISK_ACCEPTED' ? reason : null,
    falsePositiveUntil,
    falsePositiveReason: to === 'FALSE_POSITIVE' ? reason : null,
    resolvedAt: to === 'RESOLVED' ? asOf : null,
  };
  return { finding: updated, history: { fingerprint: finding.fingerprint, from, to, actor, at: asOf, reason, riskAcceptedUntil, falsePositiveUntil } };
};
