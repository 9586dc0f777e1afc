import { addDays } from '../model/date.util.js';
import type { FindingCandidate } from '../model/finding.model.js';
import { aCampaign, aCredential, aDataSource, aDecision, anAccount, anIdentity, aPostureInput, aRollup } from '../testing/posture-input.builder.js';
import { evaluateFindings } from './evaluate-findings.js';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Facts that stay the same from one day to the next (no threshold is crossed in between). */
const input = aPostureInput({
  identities: [anIdentity({ id: 'kim', status: 'TERMINATED', terminationDate: day('2025-05-01') })],
  accounts: [anAccount({ id: 'kim-aws', identityId: 'kim', system: 'aws', userName: 'kim' })],
  credentials: [
    aCredential({ id: 'jwks', kind: 'SIGNING_KEY', teamId: null, createdAt: day('2015-06-01'), source: 'jwks' }),
    aCredential({ id: 'idle', createdAt: day('2024-01-01'), lastUsedAt: day('2025-03-01'), ownerIdentityId: 'kim' }),
    aCredential({ id: 'never', kind: 'API_TOKEN', createdAt: day('2025-04-01') }),
  ],
  accessReviewCampaigns: [aCampaign({ id: 'q2', name: 'Q2', startsAt: day('2025-04-01'), dueAt: day('2025-06-01'), totalItems: 10 })],
  accessReviewDecisions: [aDecision({ id: 'd1', campaignId: 'q2', decidedAt: day('2025-05-01') })],
  dataSources: [aDataSource({ id: 'hr', lastSuccessfulRunAt: day('2025-06-20'), expectedFreshnessHours: 24 })],
  activity: { rollups: [aRollup({ day: '2025-05-10', principal: 'kim', credentialExternalId: 'idle', events: 3 })], samples: [] },
});

const persisted = (candidate: FindingCandidate) => ({ severity: candidate.severity, title: candidate.title, evidence: candidate.evidence });

describe('evaluateFindings: stored text is stable over time', () => {
  it('gives the same titles and evidence one day later when no fact changed', () => {
    const asOf = day('2025-07-01');
    const today = evaluateFindings(input, asOf);
    const tomorrow = evaluateFindings(input, addDays(asOf, 1));
    // Every kind whose wording used to carry an age (days overdue, idle, exposed; hours since delivery).
    expect(today.map((candidate) => candidate.kind).sort()).toEqual([
      'ACCESS_REVIEW_OVERDUE',
      'DATA_SOURCE_STALE',
      'KEY_NO_OWNER',
      'KEY_NO_OWNER',
      'KEY_ROTATION_OVERDUE',
      'KEY_ROTATION_OVERDUE',
      'KEY_ROTATION_OVERDUE',
      'KEY_UNUSED',
      'KEY_UNUSED',
      'LEAVER_ACTIVE_ACCESS',
    ]);
    expect(tomorrow.map((candidate) => candidate.fingerprint)).toEqual(today.map((candidate) => candidate.fingerprint));
    const byFingerprint = new Map(tomorrow.map((candidate) => [candidate.fingerprint, persisted(candidate)]));
    for (const candidate of today) expect([candidate.fingerprint, byFingerprint.get(candidate.fingerprint)]).toEqual([candidate.fingerprint, persisted(candidate)]);
  });
});
