import fc from 'fast-check';
import { withoutSuggestions } from './graphql-hardening.plugin.js';
import { QueryCostBudget } from './query-cost.budget.js';

describe('query cost budget per caller per minute', () => {
  it('lets a caller spend up to the budget in a minute, refuses the rest with the wait, and starts afresh after', () => {
    const budget = new QueryCostBudget(100_000);
    const t0 = 1_000_000;
    for (let n = 0; n < 5; n += 1) expect(budget.spend('user:a', 20_000, t0 + n)).toBe(0);
    expect(budget.spend('user:a', 20_000, t0 + 10_000)).toBe(50_000);
    // Another caller has a budget of their own.
    expect(budget.spend('user:b', 20_000, t0 + 10_000)).toBe(0);
    expect(budget.spend('user:a', 20_000, t0 + 60_000)).toBe(0);
  });

  it('never lets a caller spend more than the budget in any one window, whatever the requests', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 30_000 }), fc.integer({ min: 0, max: 5_000 })), { maxLength: 60 }), (requests) => {
        const budget = new QueryCostBudget(100_000);
        let now = 0;
        let windowStart = 0;
        let spentInWindow = 0;
        for (const [cost, gap] of requests) {
          now += gap;
          if (now - windowStart >= 60_000) [windowStart, spentInWindow] = [now, 0];
          if (budget.spend('user:a', cost, now) === 0) spentInWindow += cost;
          expect(spentInWindow).toBeLessThanOrEqual(100_000);
        }
      }),
    );
  });
});

describe('schema suggestions', () => {
  it('are taken out of error messages (production only, in the plugin)', () => {
    expect(withoutSuggestions({ message: 'Cannot query field "findingz" on type "Query". Did you mean "findings" or "finding"?' }).message).toBe(
      'Cannot query field "findingz" on type "Query".',
    );
    expect(withoutSuggestions({ message: 'Unknown argument "frist" on field "Query.findings". Did you mean "first"?' }).message).toBe(
      'Unknown argument "frist" on field "Query.findings".',
    );
  });
});
