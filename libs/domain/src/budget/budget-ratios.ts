import type { Budget } from '../model/budget.model.js';
import type { BenchmarkStatus } from '../model/enums.js';

export interface BudgetRatios {
  securityToItRatio: number | null;
  securityToRevenueRatio: number | null;
}

export const computeBudgetRatios = (input: { itSpend: number; securitySpend: number; revenue: number }): BudgetRatios => ({
  securityToItRatio: input.itSpend > 0 ? input.securitySpend / input.itSpend : null,
  securityToRevenueRatio: input.revenue > 0 ? input.securitySpend / input.revenue : null,
});

/** A target ratio and a relative tolerance around it: WITHIN when target × (1 ± tolerance) holds the ratio. */
export interface BudgetBenchmark {
  target: number;
  tolerance: number;
}

export interface BudgetBenchmarks {
  securityToIt: BudgetBenchmark;
  securityToRevenue: BudgetBenchmark;
}

/** 10% of IT spend (Gartner, data-centric companies) and 1% of revenue (low end of Amazon's estimated 1-1.4%). */
export const DEFAULT_BUDGET_BENCHMARKS: BudgetBenchmarks = {
  securityToIt: { target: 0.1, tolerance: 0.1 },
  securityToRevenue: { target: 0.01, tolerance: 0.1 },
};

export interface RatioAssessment {
  ratio: number | null;
  benchmark: number;
  lowerBound: number;
  upperBound: number;
  status: BenchmarkStatus | null;
  /** ratio / benchmark: 0.46 means 46% of the benchmark. */
  shareOfBenchmark: number | null;
}

/** Shown beside the scores, never blended into them. */
export interface BudgetAssessment {
  fiscalYear: number;
  currency: string;
  itSpend: number;
  securitySpend: number;
  revenue: number;
  securityToIt: RatioAssessment;
  securityToRevenue: RatioAssessment;
}

// Float slack so a ratio exactly on a bound (0.09 vs 0.1 × 0.9) counts as on it.
const EPSILON = 1e-12;

export const assessRatio = (ratio: number | null, benchmark: BudgetBenchmark): RatioAssessment => {
  const lowerBound = benchmark.target * (1 - benchmark.tolerance);
  const upperBound = benchmark.target * (1 + benchmark.tolerance);
  let status: BenchmarkStatus | null = null;
  if (ratio !== null) status = ratio < lowerBound - EPSILON ? 'BELOW' : ratio > upperBound + EPSILON ? 'ABOVE' : 'WITHIN';
  return {
    ratio,
    benchmark: benchmark.target,
    lowerBound,
    upperBound,
    status,
    shareOfBenchmark: ratio === null || benchmark.target <= 0 ? null : ratio / benchmark.target,
  };
};

export const assessBudget = (budget: Budget, benchmarks: BudgetBenchmarks = DEFAULT_BUDGET_BENCHMARKS): BudgetAssessment => {
  const ratios = computeBudgetRatios(budget);
  return {
    fiscalYear: budget.fiscalYear,
    currency: budget.currency,
    itSpend: budget.itSpend,
    securitySpend: budget.securitySpend,
    revenue: budget.revenue,
    securityToIt: assessRatio(ratios.securityToItRatio, benchmarks.securityToIt),
    securityToRevenue: assessRatio(ratios.securityToRevenueRatio, benchmarks.securityToRevenue),
  };
};

/** Fiscal year Y starts in `startMonth` (1-12) of calendar year Y (UTC). */
export const fiscalYearOf = (asOf: Date, startMonth = 1): number =>
  asOf.getUTCMonth() + 1 >= startMonth ? asOf.getUTCFullYear() : asOf.getUTCFullYear() - 1;

/** The budget of the fiscal year containing `asOf`, else the latest earlier one; null when none. */
export const selectBudget = (budgets: readonly Budget[], asOf: Date, startMonth = 1): Budget | null => {
  const current = fiscalYearOf(asOf, startMonth);
  let best: Budget | null = null;
  for (const budget of budgets) {
    if (budget.fiscalYear <= current && (best === null || budget.fiscalYear > best.fiscalYear)) best = budget;
  }
  return best;
};
