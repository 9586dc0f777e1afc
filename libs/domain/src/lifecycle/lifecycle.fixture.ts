import type { Finding, FindingCandidate } from '../model/finding.model.js';

/** A candidate as a rule would emit it at `detectedAt`, with a 30-day (HIGH) SLA. */
export const aFindingCandidate = (id: string, detectedAt: Date, overrides: Partial<FindingCandidate> = {}): FindingCandidate => ({
  kind: 'KEY_ROTATION_OVERDUE',
  domain: 'KEY_MANAGEMENT',
  severity: 'HIGH',
  subject: { type: 'CREDENTIAL', id, externalId: id, name: id },
  qualifier: null,
  fingerprint: `KEY_ROTATION_OVERDUE:CREDENTIAL:${id}`,
  ownerTeamId: 'auth',
  params: { credentialKind: 'SIGNING_KEY', name: id, dueOn: detectedAt.toISOString().slice(0, 10) },
  title: `${id} is overdue`,
  evidence: [],
  detectedAt,
  dueAt: new Date(detectedAt.getTime() + 30 * 86_400_000),
  ...overrides,
});

export const aFinding = (id: string, firstDetectedAt: Date, overrides: Partial<Finding> = {}): Finding => {
  const { detectedAt: _detectedAt, ...candidate } = aFindingCandidate(id, firstDetectedAt);
  return {
    ...candidate,
    status: 'OPEN',
    firstDetectedAt,
    lastDetectedAt: firstDetectedAt,
    resolvedAt: null,
    riskAcceptedUntil: null,
    riskAcceptanceReason: null,
    falsePositiveUntil: null,
    falsePositiveReason: null,
    reopenCount: 0,
    ...overrides,
  };
};
