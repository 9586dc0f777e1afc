import { aFinding, aFindingCandidate } from './lifecycle.fixture.js';
import { reconcileFindings } from './reconcile-findings.js';

const monday = new Date('2025-07-07T00:00:00Z');
const nextMonday = new Date('2025-07-14T00:00:00Z');

describe('reconcileFindings', () => {
  it('opens a new finding for a new candidate and records its creation', () => {
    const result = reconcileFindings([], [aFindingCandidate('k1', monday)], monday);
    expect(result.findings).toEqual([expect.objectContaining({ fingerprint: 'KEY_ROTATION_OVERDUE:CREDENTIAL:k1', status: 'OPEN', firstDetectedAt: monday, lastDetectedAt: monday })]);
    expect(result.changes).toEqual([{ fingerprint: 'KEY_ROTATION_OVERDUE:CREDENTIAL:k1', change: 'CREATED' }]);
    expect(result.history).toEqual([expect.objectContaining({ from: null, to: 'OPEN', actor: expect.objectContaining({ type: 'SYSTEM' }), at: monday, reason: 'detected' })]);
  });

  it('keeps the start day its rule gave at the first detection (days to detect), whatever later evaluations say', () => {
    const created = reconcileFindings([], [aFindingCandidate('k1', monday, { activityStartedOn: '2025-07-01' })], monday).findings[0];
    expect(created).toMatchObject({ firstDetectedAt: monday, activityStartedOn: '2025-07-01' });
    const later = reconcileFindings(created ? [created] : [], [aFindingCandidate('k1', nextMonday, { activityStartedOn: '2025-07-10' })], nextMonday).findings[0];
    expect(later).toMatchObject({ firstDetectedAt: monday, lastDetectedAt: nextMonday, activityStartedOn: '2025-07-01' });
  });

  it('refreshes a finding still detected: keeps its status and first detection, never pushes the SLA back', () => {
    const existing = aFinding('k1', monday, { status: 'ACKNOWLEDGED' });
    const result = reconcileFindings([existing], [aFindingCandidate('k1', nextMonday, { title: 'updated' })], nextMonday);
    expect(result.findings[0]).toMatchObject({ status: 'ACKNOWLEDGED', firstDetectedAt: monday, lastDetectedAt: nextMonday, title: 'updated', dueAt: existing.dueAt });
    expect(result.history).toEqual([]);
  });

  it('pulls the SLA in when the severity escalates', () => {
    const escalated = aFindingCandidate('k1', nextMonday, { severity: 'CRITICAL', dueAt: new Date('2025-07-21T00:00:00Z') });
    // existing due 2025-08-06 (monday + 30); escalated due 2025-07-21 is earlier
    expect(reconcileFindings([aFinding('k1', monday)], [escalated], nextMonday).findings[0]).toMatchObject({ severity: 'CRITICAL', dueAt: new Date('2025-07-21T00:00:00Z') });
  });

  it('resolves automatically when the condition is no longer detected', () => {
    const result = reconcileFindings([aFinding('k1', monday, { status: 'RISK_ACCEPTED', riskAcceptedUntil: new Date('2025-12-31T00:00:00Z') })], [], nextMonday);
    expect(result.findings[0]).toMatchObject({ status: 'RESOLVED', resolvedAt: nextMonday });
    expect(result.history).toEqual([expect.objectContaining({ from: 'RISK_ACCEPTED', to: 'RESOLVED', reason: 'condition no longer detected' })]);
  });

  it('reopens a resolved finding when the condition recurs', () => {
    const resolved = aFinding('k1', monday, { status: 'RESOLVED', resolvedAt: monday });
    const result = reconcileFindings([resolved], [aFindingCandidate('k1', nextMonday)], nextMonday);
    expect(result.findings[0]).toMatchObject({ status: 'OPEN', resolvedAt: null, reopenCount: 1, firstDetectedAt: monday, lastDetectedAt: nextMonday });
    expect(result.changes[0]?.change).toBe('REOPENED');
    expect(result.history[0]).toMatchObject({ from: 'RESOLVED', to: 'OPEN', reason: 'condition detected again' });
  });

  it('keeps a risk acceptance until its expiry, then reopens the finding', () => {
    const accepted = aFinding('k1', monday, { status: 'RISK_ACCEPTED', riskAcceptedUntil: new Date('2025-07-10T00:00:00Z'), riskAcceptanceReason: 'migration in Q3' });
    const before = reconcileFindings([accepted], [aFindingCandidate('k1', new Date('2025-07-09T00:00:00Z'))], new Date('2025-07-09T00:00:00Z'));
    expect(before.findings[0]).toMatchObject({ status: 'RISK_ACCEPTED', riskAcceptanceReason: 'migration in Q3' });
    const after = reconcileFindings([accepted], [aFindingCandidate('k1', nextMonday)], nextMonday);
    expect(after.findings[0]).toMatchObject({ status: 'OPEN', riskAcceptedUntil: null, riskAcceptanceReason: null, reopenCount: 0 });
    expect(after.changes[0]?.change).toBe('RISK_ACCEPTANCE_EXPIRED');
    expect(after.history[0]).toMatchObject({ from: 'RISK_ACCEPTED', to: 'OPEN', reason: 'risk acceptance expired' });
  });

  it('leaves findings of kinds outside the evaluated scope untouched', () => {
    const stale = aFinding('src', monday, { kind: 'DATA_SOURCE_STALE', fingerprint: 'DATA_SOURCE_STALE:DATA_SOURCE:src' });
    const result = reconcileFindings([stale], [], nextMonday, { kinds: ['KEY_ROTATION_OVERDUE'] });
    expect(result.findings).toEqual([stale]);
    expect(result.history).toEqual([]);
  });

  it('does not mutate its inputs', () => {
    const existing = aFinding('k1', monday);
    const frozen = structuredClone(existing);
    reconcileFindings([existing], [], nextMonday);
    expect(existing).toEqual(frozen);
  });
});
