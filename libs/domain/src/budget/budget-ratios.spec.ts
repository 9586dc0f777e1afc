import { assessBudget, assessRatio, computeBudgetRatios, DEFAULT_BUDGET_BENCHMARKS, fiscalYearOf, selectBudget } from './budget-ratios.js';

describe('computeBudgetRatios', () => {
  it('divides security spend by IT spend and by revenue', () => {
    // 4.6 / 100 = 0.046; 4.6 / 2300 = 0.002
    expect(computeBudgetRatios({ itSpend: 100, securitySpend: 4.6, revenue: 2300 })).toEqual({
      securityToItRatio: 0.046,
      securityToRevenueRatio: 0.002,
    });
  });

  it('gives no ratio rather than a division by zero', () => {
    expect(computeBudgetRatios({ itSpend: 0, securitySpend: 5, revenue: 0 })).toEqual({ securityToItRatio: null, securityToRevenueRatio: null });
  });
});

describe('assessRatio', () => {
  const it10 = DEFAULT_BUDGET_BENCHMARKS.securityToIt;

  it('is BELOW, WITHIN or ABOVE the benchmark ±10%, bounds included', () => {
    // 10% ± 10% of 10% → [9%, 11%]
    expect(assessRatio(0.046, it10).status).toBe('BELOW');
    expect(assessRatio(0.09, it10).status).toBe('WITHIN');
    expect(assessRatio(0.11, it10).status).toBe('WITHIN');
    expect(assessRatio(0.14, it10).status).toBe('ABOVE');
    expect(assessRatio(null, it10).status).toBeNull();
  });

  it('honours configured benchmarks', () => {
    // revenue benchmark moved to Amazon's 1.2% ± 20% → [0.96%, 1.44%]
    expect(assessRatio(0.014, { target: 0.012, tolerance: 0.2 })).toMatchObject({ status: 'WITHIN', benchmark: 0.012 });
  });
});

describe('assessBudget', () => {
  it('puts the breach company at 46% of the IT benchmark and 20% of the revenue one', () => {
    const assessment = assessBudget({ fiscalYear: 2025, itSpend: 1000, securitySpend: 46, revenue: 23_000, currency: 'KRW' });
    expect(assessment.securityToIt.status).toBe('BELOW');
    expect(assessment.securityToIt.shareOfBenchmark).toBeCloseTo(0.46, 10); // 0.046 / 0.10
    expect(assessment.securityToRevenue.shareOfBenchmark).toBeCloseTo(0.2, 10); // 0.002 / 0.01
  });
});

describe('selectBudget', () => {
  const budgets = [2023, 2024].map((fiscalYear) => ({ fiscalYear, itSpend: 1, securitySpend: 1, revenue: 1, currency: 'KRW' }));

  it('takes the fiscal year containing asOf, respecting the start month', () => {
    expect(fiscalYearOf(new Date('2025-03-31T00:00:00Z'), 4)).toBe(2024);
    expect(fiscalYearOf(new Date('2025-04-01T00:00:00Z'), 4)).toBe(2025);
    expect(selectBudget(budgets, new Date('2024-06-01T00:00:00Z'))?.fiscalYear).toBe(2024);
  });

  it('falls back to the latest earlier year, and to nothing before the first', () => {
    expect(selectBudget(budgets, new Date('2026-06-01T00:00:00Z'))?.fiscalYear).toBe(2024);
    expect(selectBudget(budgets, new Date('2022-06-01T00:00:00Z'))).toBeNull();
  });
});
