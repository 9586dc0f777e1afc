import fc from 'fast-check';
import { reviewDecisionRefusal, type ReviewDecisionContext } from './review-decision-refusal.js';

const base: ReviewDecisionContext = {
  campaignItems: 3,
  item: { identityEmail: 'ana@acme.test', teamId: 'payments' },
  reviewerEmail: 'boss@acme.test',
  reviewerTeamIds: null,
};

describe('who may decide on an access-review item', () => {
  it('lets an organisation-wide reviewer decide on another person’s item', () => {
    expect(reviewDecisionRefusal(base)).toBeNull();
  });

  it('refuses every decision in a campaign with no items', () => {
    expect(reviewDecisionRefusal({ ...base, campaignItems: 0 })).toBe('EMPTY_CAMPAIGN');
  });

  it('refuses an item the campaign does not list', () => {
    expect(reviewDecisionRefusal({ ...base, item: null })).toBe('NOT_AN_ITEM');
  });

  it('refuses self-review whatever the case and spacing of the address, for every role', () => {
    fc.assert(
      fc.property(fc.constantFrom<readonly string[] | null>(null, ['payments'], []), fc.boolean(), (teams, upper) => {
        const reviewerEmail = upper ? ' ANA@ACME.TEST ' : 'ana@acme.test';
        expect(reviewDecisionRefusal({ ...base, reviewerEmail, reviewerTeamIds: teams })).toBe('SELF_REVIEW');
      }),
    );
  });

  it('lets an engineering lead decide exactly on items of the teams they lead', () => {
    const team = fc.constantFrom('payments', 'identity', 'platform', 'data');
    fc.assert(
      fc.property(fc.uniqueArray(team, { maxLength: 4 }), fc.option(team, { nil: null }), (led, itemTeam) => {
        const refusal = reviewDecisionRefusal({ ...base, item: { identityEmail: 'ana@acme.test', teamId: itemTeam }, reviewerTeamIds: led });
        expect(refusal === null).toBe(itemTeam !== null && led.includes(itemTeam));
        if (refusal !== null) expect(refusal).toBe('OUTSIDE_TEAMS');
      }),
    );
  });
});
