import { DEFAULT_FINDING_SETTINGS } from '../finding-settings.js';
import { aCampaign, aDecision, aPostureInput } from '../../testing/posture-input.builder.js';
import { accessReviewOverdueRule } from './access-review-overdue.rule.js';

const asOf = new Date('2025-07-01T00:00:00Z');
const decisions = (campaignId: string, count: number) =>
  Array.from({ length: count }, (_, i) => aDecision({ id: `${campaignId}-d${i}`, campaignId, decidedAt: new Date('2025-05-20T00:00:00Z') }));

describe('ACCESS_REVIEW_OVERDUE', () => {
  it('reports a campaign past due and incomplete, with its progress', () => {
    const input = aPostureInput({
      accessReviewCampaigns: [aCampaign({ id: 'q2', name: 'Q2 production', startsAt: new Date('2025-05-01T00:00:00Z'), dueAt: new Date('2025-06-21T00:00:00Z'), totalItems: 10 })],
      accessReviewDecisions: decisions('q2', 8),
    });
    const [finding] = accessReviewOverdueRule.evaluate(input, asOf, DEFAULT_FINDING_SETTINGS);
    // 10 days overdue (< 30) and 8/10 = 80% complete (>= 50%) → MEDIUM
    expect(finding).toMatchObject({ severity: 'MEDIUM', subject: { type: 'ACCESS_REVIEW_CAMPAIGN', id: 'q2' }, evidence: [{ data: { decided: 8, completion: 0.8, dueAt: '2025-06-21T00:00:00.000Z' } }] });
    expect(finding?.title).toBe('Access review "Q2 production" was due Jun 21, 2025 and is 80% complete');
  });

  it('is HIGH when a month overdue or less than half done', () => {
    const input = aPostureInput({
      accessReviewCampaigns: [
        aCampaign({ id: 'late', startsAt: new Date('2025-04-01T00:00:00Z'), dueAt: new Date('2025-05-31T00:00:00Z'), totalItems: 4 }),
        aCampaign({ id: 'thin', startsAt: new Date('2025-05-01T00:00:00Z'), dueAt: new Date('2025-06-28T00:00:00Z'), totalItems: 10 }),
      ],
      accessReviewDecisions: [...decisions('late', 3), ...decisions('thin', 4)],
    });
    // late: 31 days overdue; thin: 4/10 = 40% < 50%
    expect(accessReviewOverdueRule.evaluate(input, asOf, DEFAULT_FINDING_SETTINGS).map((finding) => [finding.subject.id, finding.severity])).toEqual([
      ['late', 'HIGH'],
      ['thin', 'HIGH'],
    ]);
  });

  it('says nothing of complete, not-yet-due or not-yet-started campaigns, nor of decisions made after asOf', () => {
    const input = aPostureInput({
      accessReviewCampaigns: [
        aCampaign({ id: 'done', dueAt: new Date('2025-06-01T00:00:00Z'), totalItems: 2 }),
        aCampaign({ id: 'open', dueAt: new Date('2025-07-15T00:00:00Z'), totalItems: 2 }),
      ],
      accessReviewDecisions: decisions('done', 2),
    });
    expect(accessReviewOverdueRule.evaluate(input, asOf, DEFAULT_FINDING_SETTINGS)).toEqual([]);
    // before the decisions were made (2025-05-20) the campaign was incomplete; but it was not yet due either
    expect(accessReviewOverdueRule.evaluate(input, new Date('2025-05-19T00:00:00Z'), DEFAULT_FINDING_SETTINGS)).toEqual([]);
  });
});
