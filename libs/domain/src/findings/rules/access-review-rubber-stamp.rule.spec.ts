import type { ReviewDecision } from '../../model/enums.js';
import { DEFAULT_FINDING_SETTINGS } from '../finding-settings.js';
import { aCampaign, aDecision, anIdentity, aPostureInput } from '../../testing/posture-input.builder.js';
import { accessReviewRubberStampRule } from './access-review-rubber-stamp.rule.js';

const asOf = new Date('2025-07-01T00:00:00Z');
const start = new Date('2025-06-10T09:00:00Z').getTime();

const batch = (count: number, secondsApart: number, decision: (i: number) => ReviewDecision = () => 'KEEP', subjectIdentityId: string | null = null) =>
  Array.from({ length: count }, (_, i) =>
    aDecision({
      id: `d${i}`,
      campaignId: 'q2',
      reviewerIdentityId: 'boss',
      reviewerEmail: 'boss@example.com',
      subjectIdentityId: i === 0 ? subjectIdentityId : null,
      decision: decision(i),
      decidedAt: new Date(start + i * secondsApart * 1000),
    }),
  );

const input = (decisions: ReturnType<typeof batch>) =>
  aPostureInput({
    identities: [anIdentity({ id: 'boss', displayName: 'Boss', teamId: 'platform' }), anIdentity({ id: 'gone', status: 'TERMINATED', terminationDate: new Date('2025-05-01T00:00:00Z') })],
    accessReviewCampaigns: [aCampaign({ id: 'q2', name: 'Q2', startsAt: new Date('2025-06-01T00:00:00Z'), dueAt: new Date('2025-06-30T00:00:00Z'), totalItems: 12 })],
    accessReviewDecisions: decisions,
  });

describe('ACCESS_REVIEW_RUBBER_STAMP', () => {
  it('flags a reviewer who kept all 12 items three seconds apart', () => {
    const [finding] = accessReviewRubberStampRule.evaluate(input(batch(12, 3)), asOf, DEFAULT_FINDING_SETTINGS);
    // 11 gaps of 3 s → median 3 s <= 10 s; 12/12 kept; 11 × 3 = 33 s in total
    expect(finding).toMatchObject({
      severity: 'MEDIUM',
      subject: { type: 'IDENTITY', id: 'boss' },
      qualifier: 'q2',
      fingerprint: 'ACCESS_REVIEW_RUBBER_STAMP:IDENTITY:boss:q2',
      ownerTeamId: 'platform',
      evidence: [{ data: { decisions: 12, keeps: 12, medianSecondsBetweenDecisions: 3, spanSeconds: 33 } }],
    });
  });

  it('is HIGH when the stamp kept the access of someone who had already left', () => {
    expect(accessReviewRubberStampRule.evaluate(input(batch(12, 3, () => 'KEEP', 'gone')), asOf, DEFAULT_FINDING_SETTINGS)[0]).toMatchObject({
      severity: 'HIGH',
      evidence: [{ data: { keptLeavers: 1 } }, { type: 'kept-leaver' }],
    });
  });

  it('does not flag a reviewer who revoked something, took time, or decided too few items', () => {
    expect(accessReviewRubberStampRule.evaluate(input(batch(12, 3, (i) => (i === 5 ? 'REVOKE' : 'KEEP'))), asOf, DEFAULT_FINDING_SETTINGS)).toEqual([]);
    expect(accessReviewRubberStampRule.evaluate(input(batch(12, 60)), asOf, DEFAULT_FINDING_SETTINGS)).toEqual([]);
    expect(accessReviewRubberStampRule.evaluate(input(batch(9, 3)), asOf, DEFAULT_FINDING_SETTINGS)).toEqual([]);
  });
});
