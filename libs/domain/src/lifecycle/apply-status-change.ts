import type { FindingStatus } from '../model/enums.js';
import type { Finding, FindingActor, FindingHistoryEntry } from '../model/finding.model.js';
import { FindingLifecycleError, FindingLifecycleErrorCode } from './finding-lifecycle.error.js';

export interface StatusChange {
  to: FindingStatus;
  reason?: string | null;
  /** Required for RISK_ACCEPTED: when the acceptance lapses and the finding reopens. */
  riskAcceptedUntil?: Date | null;
}

/**
 * Transitions a person may make. OPEN → ACKNOWLEDGED → RISK_ACCEPTED → RESOLVED, with shortcuts
 * forward; a risk acceptance may be renewed or withdrawn (back to OPEN); a resolved finding may be
 * reopened. Nothing goes back to ACKNOWLEDGED.
 */
export const ALLOWED_STATUS_TRANSITIONS: Record<FindingStatus, readonly FindingStatus[]> = {
  OPEN: ['ACKNOWLEDGED', 'RISK_ACCEPTED', 'RESOLVED'],
  ACKNOWLEDGED: ['RISK_ACCEPTED', 'RESOLVED'],
  RISK_ACCEPTED: ['RISK_ACCEPTED', 'RESOLVED', 'OPEN'],
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

/** Applies a person's status change, or throws a `FindingLifecycleError`; never mutates `finding`. */
export const applyStatusChange = (finding: Finding, change: StatusChange, actor: FindingActor, asOf: Date): StatusChangeResult => {
  const from = finding.status;
  const { to } = change;
  if (!ALLOWED_STATUS_TRANSITIONS[from].includes(to)) {
    throw new FindingLifecycleError(FindingLifecycleErrorCode.INVALID_TRANSITION, `a finding cannot go from ${from} to ${to}`);
  }
  const reason = normalisedReason(change.reason);
  let riskAcceptedUntil: Date | null = null;
  if (to === 'RISK_ACCEPTED') {
    if (reason === null) throw new FindingLifecycleError(FindingLifecycleErrorCode.REASON_REQUIRED, 'accepting a risk needs a reason');
    const until = change.riskAcceptedUntil ?? null;
    if (until === null) throw new FindingLifecycleError(FindingLifecycleErrorCode.EXPIRY_REQUIRED, 'accepting a risk needs an expiry date');
    if (until.getTime() <= asOf.getTime()) {
      throw new FindingLifecycleError(FindingLifecycleErrorCode.EXPIRY_NOT_IN_FUTURE, 'a risk acceptance must expire after now');
    }
    riskAcceptedUntil = until;
  }
  const updated: Finding = {
    ...finding,
    status: to,
    riskAcceptedUntil,
    riskAcceptanceReason: to === 'RISK_ACCEPTED' ? reason : null,
    resolvedAt: to === 'RESOLVED' ? asOf : null,
  };
  return { finding: updated, history: { fingerprint: finding.fingerprint, from, to, actor, at: asOf, reason, riskAcceptedUntil } };
};
