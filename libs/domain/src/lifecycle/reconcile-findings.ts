import type { FindingKind } from '../model/enums.js';
import { SYSTEM_ACTOR, type Finding, type FindingCandidate, type FindingHistoryEntry } from '../model/finding.model.js';
import { severityRank } from '../model/severity.util.js';

export type ReconcileChange = 'CREATED' | 'REFRESHED' | 'RESOLVED' | 'REOPENED' | 'RISK_ACCEPTANCE_EXPIRED' | 'FALSE_POSITIVE_EXPIRED';

export interface ReconcileResult {
  /** Every finding after reconciliation: existing ones (updated or untouched) and new ones. */
  findings: Finding[];
  changes: { fingerprint: string; change: ReconcileChange }[];
  /** Status changes made by the system, to be stored with the manual ones. */
  history: FindingHistoryEntry[];
}

export interface ReconcileOptions {
  /** Kinds the candidates were evaluated for; findings of other kinds are left untouched. Default: all. */
  kinds?: readonly FindingKind[];
}

const systemEntry = (finding: Finding, to: Finding['status'], asOf: Date, reason: string): FindingHistoryEntry => ({
  fingerprint: finding.fingerprint,
  from: finding.status,
  to,
  actor: SYSTEM_ACTOR,
  at: asOf,
  reason,
  riskAcceptedUntil: null,
});

const fromCandidate = (candidate: FindingCandidate): Finding => {
  const { detectedAt, ...rest } = candidate;
  return {
    ...rest,
    status: 'OPEN',
    firstDetectedAt: detectedAt,
    lastDetectedAt: detectedAt,
    resolvedAt: null,
    riskAcceptedUntil: null,
    riskAcceptanceReason: null,
    falsePositiveUntil: null,
    falsePositiveReason: null,
    reopenCount: 0,
  };
};

/** Latest facts from the candidate; the SLA is never pushed back by re-detection, only pulled in by escalation. */
const refreshed = (finding: Finding, candidate: FindingCandidate): Finding => ({
  ...finding,
  severity: candidate.severity,
  subject: candidate.subject,
  ownerTeamId: candidate.ownerTeamId,
  params: candidate.params,
  title: candidate.title,
  evidence: candidate.evidence,
  lastDetectedAt: candidate.detectedAt,
  dueAt: candidate.dueAt < finding.dueAt ? candidate.dueAt : finding.dueAt,
});

/** Back to OPEN with a fresh SLA clock; only a recurrence after resolution counts as a reopening. */
const reopened = (finding: Finding, candidate: FindingCandidate, recurrence: boolean): Finding => ({
  ...refreshed(finding, candidate),
  status: 'OPEN',
  resolvedAt: null,
  riskAcceptedUntil: null,
  riskAcceptanceReason: null,
  falsePositiveUntil: null,
  falsePositiveReason: null,
  dueAt: candidate.dueAt,
  reopenCount: finding.reopenCount + (recurrence ? 1 : 0),
});

/** A false-positive judgement lapses at its expiry; one without an expiry (never made by a person) lapses at once. */
export const isFalsePositiveExpired = (finding: Pick<Finding, 'status' | 'falsePositiveUntil'>, asOf: Date): boolean =>
  finding.status === 'FALSE_POSITIVE' && (finding.falsePositiveUntil === null || finding.falsePositiveUntil.getTime() <= asOf.getTime());

/**
 * Matches candidates to tracked findings by fingerprint: new → OPEN; still present → refreshed
 * (reopened when it had been RESOLVED, or when its risk acceptance or false-positive judgement has expired); tracked but no longer
 * detected → RESOLVED by the system. Pure: inputs are not mutated.
 */
export const reconcileFindings = (
  existing: readonly Finding[],
  candidates: readonly FindingCandidate[],
  asOf: Date,
  options: ReconcileOptions = {},
): ReconcileResult => {
  const inScope = (kind: FindingKind): boolean => !options.kinds || options.kinds.includes(kind);
  const candidatesByFingerprint = new Map<string, FindingCandidate>();
  for (const candidate of candidates) {
    const seen = candidatesByFingerprint.get(candidate.fingerprint);
    if (!seen || severityRank(candidate.severity) < severityRank(seen.severity)) candidatesByFingerprint.set(candidate.fingerprint, candidate);
  }
  const result: ReconcileResult = { findings: [], changes: [], history: [] };
  const record = (finding: Finding, change: ReconcileChange, entry: FindingHistoryEntry | null): void => {
    result.findings.push(finding);
    result.changes.push({ fingerprint: finding.fingerprint, change });
    if (entry) result.history.push(entry);
  };

  const tracked = new Set<string>();
  for (const finding of existing) {
    tracked.add(finding.fingerprint);
    const candidate = candidatesByFingerprint.get(finding.fingerprint);
    if (!inScope(finding.kind)) {
      result.findings.push(finding);
    } else if (!candidate) {
      if (finding.status === 'RESOLVED') result.findings.push(finding);
      else record({ ...finding, status: 'RESOLVED', resolvedAt: asOf }, 'RESOLVED', systemEntry(finding, 'RESOLVED', asOf, 'condition no longer detected'));
    } else if (finding.status === 'RESOLVED') {
      record(reopened(finding, candidate, true), 'REOPENED', systemEntry(finding, 'OPEN', asOf, 'condition detected again'));
    } else if (finding.status === 'RISK_ACCEPTED' && finding.riskAcceptedUntil !== null && finding.riskAcceptedUntil.getTime() <= asOf.getTime()) {
      record(reopened(finding, candidate, false), 'RISK_ACCEPTANCE_EXPIRED', systemEntry(finding, 'OPEN', asOf, 'risk acceptance expired'));
    } else if (isFalsePositiveExpired(finding, asOf)) {
      record(reopened(finding, candidate, false), 'FALSE_POSITIVE_EXPIRED', systemEntry(finding, 'OPEN', asOf, 'false-positive judgement expired'));
    } else {
      record(refreshed(finding, candidate), 'REFRESHED', null);
    }
  }
  for (const candidate of candidatesByFingerprint.values()) {
    if (tracked.has(candidate.fingerprint) || !inScope(candidate.kind)) continue;
    const finding = fromCandidate(candidate);
    record(finding, 'CREATED', { ...systemEntry(finding, 'OPEN', asOf, 'detected'), from: null });
  }
  return result;
};
