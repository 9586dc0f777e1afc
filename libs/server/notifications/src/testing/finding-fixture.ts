import { randomUUID } from 'node:crypto';
import { renderFindingTitle, type FindingParamsByKind } from '@postureboard/domain';
import type { StoredFinding } from '@postureboard/server-database';

/** A CRITICAL finding as an evaluation would have stored it (the outbox needs no finding row). */
export function criticalFinding(overrides: Partial<StoredFinding> = {}): StoredFinding {
  const at = new Date('2026-03-02T00:00:00Z');
  const params: FindingParamsByKind['LEAVER_ACTIVE_ACCESS'] = { name: 'Kim Departed', departedOn: '2026-02-27', activeAccounts: 0, activeCredentials: 1, daysUsedSince: 3, usedSince: false };
  return {
    id: randomUUID(),
    kind: 'LEAVER_ACTIVE_ACCESS',
    domain: 'ACCESS_GOVERNANCE',
    severity: 'CRITICAL',
    status: 'OPEN',
    subject: { type: 'IDENTITY', id: 'p-1', externalId: 'E100', name: 'Kim Departed' },
    qualifier: null,
    fingerprint: `fp-${randomUUID()}`,
    ownerTeamId: null,
    params,
    title: renderFindingTitle({ kind: 'LEAVER_ACTIVE_ACCESS', params }, 'en'),
    evidence: [{ source: 'okta-system-log', type: 'event', summary: 'token used from abroad 3 days after departure', data: {} }],
    dueAt: new Date('2026-03-03T00:00:00Z'),
    firstDetectedAt: at,
    lastDetectedAt: at,
    resolvedAt: null,
    riskAcceptedUntil: null,
    riskAcceptanceReason: null,
    falsePositiveUntil: null,
    falsePositiveReason: null,
    reopenCount: 0,
    ...overrides,
  };
}
