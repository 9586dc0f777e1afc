import { Injectable } from '@nestjs/common';
import { assessBudget, type BenchmarkStatus, type Budget, type BudgetBenchmarks } from '@postureboard/domain';
import { BudgetRepository, type OrganizationEntity } from '@postureboard/server-database';
import { OrganizationService } from '@postureboard/server-organization';
import { BudgetError, BudgetErrorCode } from './budget.error.js';

export interface BudgetWithRatios extends Budget {
  /** Security spend / IT spend; null without IT spend. */
  securityToItRatio: number | null;
  /** Security spend / revenue; null without revenue. */
  securityToRevenueRatio: number | null;
  /** Where each ratio sits against the organization's benchmark; null where the ratio is. */
  itStatus: BenchmarkStatus | null;
  revenueStatus: BenchmarkStatus | null;
}

/** The organization's benchmark targets, each with a ±10% band counted as WITHIN. */
export const budgetBenchmarksOf = (organization: Pick<OrganizationEntity, 'itRatioBenchmark' | 'revenueRatioBenchmark'>): BudgetBenchmarks => ({
  securityToIt: { target: organization.itRatioBenchmark, tolerance: 0.1 },
  securityToRevenue: { target: organization.revenueRatioBenchmark, tolerance: 0.1 },
});

/** The database's range (budget.fiscal_year CHECK). */
export const FISCAL_YEAR_MIN = 1990;
export const FISCAL_YEAR_MAX = 2200;
/** numeric(20,2) holds up to 10^18; anything near it is a typo, not a budget. */
const AMOUNT_MAX = 1e17;

/** ISO 4217 codes as the runtime knows them (ICU), so "KRW" passes and "KRX" does not. */
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

const withRatios = (budget: Budget, benchmarks: BudgetBenchmarks): BudgetWithRatios => {
  const assessed = assessBudget(budget, benchmarks);
  return {
    ...budget,
    securityToItRatio: assessed.securityToIt.ratio,
    securityToRevenueRatio: assessed.securityToRevenue.ratio,
    itStatus: assessed.securityToIt.status,
    revenueStatus: assessed.securityToRevenue.status,
  };
};

/** Spend per fiscal year, shown beside the governance scores and never blended into them. */
@Injectable()
export class BudgetService {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly budgets: BudgetRepository,
  ) {}

  /** Newest fiscal year first. */
  async list(orgSlug: string): Promise<BudgetWithRatios[]> {
    const organization = await this.organizations.getBySlug(orgSlug);
    const benchmarks = budgetBenchmarksOf(organization);
    return (await this.budgets.findAll(organization.id)).map((budget) => withRatios(budget, benchmarks));
  }

  /** Records (or replaces) one fiscal year's spend. */
  async set(orgSlug: string, input: Budget): Promise<BudgetWithRatios> {
    const organization = await this.organizations.getBySlug(orgSlug);
    const budget = validateBudget(input);
    const saved = await this.budgets.upsert(organization.id, budget);
    return withRatios(
      { fiscalYear: saved.fiscalYear, itSpend: saved.itSpend, securitySpend: saved.securitySpend, revenue: saved.revenue, currency: saved.currency },
      budgetBenchmarksOf(organization),
    );
  }
}

/** Every problem at once, so a form (or a CLI user) can fix them in one go. */
export function validateBudget(input: Budget): Budget {
  const problems: string[] = [];
  if (!Number.isInteger(input.fiscalYear) || input.fiscalYear < FISCAL_YEAR_MIN || input.fiscalYear > FISCAL_YEAR_MAX) {
    problems.push(`fiscal year must be a whole year from ${FISCAL_YEAR_MIN} to ${FISCAL_YEAR_MAX}`);
  }
  for (const [field, value] of [
    ['IT spend', input.itSpend],
    ['security spend', input.securitySpend],
    ['revenue', input.revenue],
  ] as const) {
    if (!Number.isFinite(value) || value < 0) problems.push(`${field} must be a non-negative number`);
    else if (value > AMOUNT_MAX) problems.push(`${field} must be at most ${AMOUNT_MAX.toExponential()}`);
  }
  // A zero is a real figure (no revenue recorded yet), but three of them record nothing: that is a form
  // submitted blank, and saving it would wipe the year.
  if (input.itSpend === 0 && input.securitySpend === 0 && input.revenue === 0) problems.push('at least one amount must be above zero (all three are 0)');
  const currency = input.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency) || !CURRENCIES.has(currency)) problems.push(`currency "${input.currency}" is not an ISO 4217 code`);
  if (problems.length > 0) throw new BudgetError(BudgetErrorCode.INVALID_INPUT, `Invalid budget: ${problems.join('; ')}`);
  return { ...input, currency };
}
