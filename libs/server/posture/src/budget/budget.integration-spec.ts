import { BudgetRepository, OrganizationRepository } from '@postureboard/server-database';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { OrganizationService } from '@postureboard/server-organization';
import { BudgetError } from './budget.error.js';
import { BudgetService } from './budget.service.js';

describe('budgets on PostgreSQL', () => {
  let db: TestDatabase;
  let budgets: BudgetService;

  beforeAll(async () => {
    db = await createTestDatabase();
    const organizations = new OrganizationService(new OrganizationRepository(db.dataSource));
    budgets = new BudgetService(organizations, new BudgetRepository(db.dataSource));
    await organizations.create({ slug: 'acme', name: 'Acme', currency: 'KRW' });
  });

  afterAll(() => db.drop());

  it('records a fiscal year and derives the ratios beside it', async () => {
    const saved = await budgets.set('acme', { fiscalYear: 2026, itSpend: 1_000_000, securitySpend: 46_000, revenue: 23_000_000, currency: 'krw' });
    expect(saved).toMatchObject({ fiscalYear: 2026, itSpend: 1_000_000, securitySpend: 46_000, revenue: 23_000_000, currency: 'KRW' });
    // 46,000 / 1,000,000 = 4.6 % of IT; 46,000 / 23,000,000 = 0.2 % of revenue.
    expect(saved.securityToItRatio).toBeCloseTo(0.046, 12);
    expect(saved.securityToRevenueRatio).toBeCloseTo(0.002, 12);
  });

  it('replaces a year when set again and lists the newest year first', async () => {
    await budgets.set('acme', { fiscalYear: 2025, itSpend: 900, securitySpend: 30, revenue: 0, currency: 'KRW' });
    await budgets.set('acme', { fiscalYear: 2026, itSpend: 1_000, securitySpend: 100, revenue: 10_000, currency: 'KRW' });
    const list = await budgets.list('acme');
    expect(list.map((b) => [b.fiscalYear, b.securitySpend, b.securityToItRatio, b.securityToRevenueRatio])).toEqual([
      [2026, 100, 0.1, 0.01],
      // No revenue recorded: the ratio is unknown, not zero.
      [2025, 30, 30 / 900, null],
    ]);
  });

  it('refuses negative amounts, unknown currencies and years out of range, naming every problem', async () => {
    const attempt = budgets.set('acme', { fiscalYear: 1989, itSpend: -1, securitySpend: Number.NaN, revenue: 5, currency: 'KRX' });
    await expect(attempt).rejects.toThrow(BudgetError);
    await expect(attempt).rejects.toThrow(
      'Invalid budget: fiscal year must be a whole year from 1990 to 2200; IT spend must be a non-negative number; ' +
        'security spend must be a non-negative number; currency "KRX" is not an ISO 4217 code',
    );
    expect((await budgets.list('acme')).map((b) => b.fiscalYear)).toEqual([2026, 2025]);
  });

  it('refuses a year whose three amounts are all zero (a form sent blank) and keeps the figures it had', async () => {
    await budgets.set('acme', { fiscalYear: 2024, itSpend: 2_000, securitySpend: 180, revenue: 20_000, currency: 'KRW' });
    const attempt = budgets.set('acme', { fiscalYear: 2024, itSpend: 0, securitySpend: 0, revenue: 0, currency: 'KRW' });
    await expect(attempt).rejects.toThrow('Invalid budget: at least one amount must be above zero (all three are 0)');
    const kept = (await budgets.list('acme')).find((b) => b.fiscalYear === 2024);
    expect(kept).toMatchObject({ itSpend: 2_000, securitySpend: 180, revenue: 20_000 });
  });

  it("rates each ratio against the organization's benchmarks (10% of IT, 1% of revenue, ±10%) as BELOW, WITHIN or ABOVE", async () => {
    // 180 / 2,000 = 9% of IT: on the lower bound 10% × 0.9, so WITHIN; 180 / 20,000 = 0.9%: on its lower bound too.
    const onBound = (await budgets.list('acme')).find((b) => b.fiscalYear === 2024)!;
    expect([onBound.itStatus, onBound.revenueStatus]).toEqual(['WITHIN', 'WITHIN']);
    // 300 / 2,000 = 15% > 11%: ABOVE; 300 / 50,000 = 0.6% < 0.9%: BELOW; no revenue: no ratio, no status.
    const mixed = await budgets.set('acme', { fiscalYear: 2023, itSpend: 2_000, securitySpend: 300, revenue: 50_000, currency: 'KRW' });
    expect([mixed.itStatus, mixed.revenueStatus]).toEqual(['ABOVE', 'BELOW']);
    const noRevenue = await budgets.set('acme', { fiscalYear: 2022, itSpend: 2_000, securitySpend: 300, revenue: 0, currency: 'KRW' });
    expect([noRevenue.securityToRevenueRatio, noRevenue.revenueStatus]).toEqual([null, null]);
  });

  it('keeps cents and accepts a zero-spend year', async () => {
    const saved = await budgets.set('acme', { fiscalYear: 2027, itSpend: 0, securitySpend: 0.25, revenue: 1234.56, currency: 'USD' });
    expect(saved).toMatchObject({ itSpend: 0, securitySpend: 0.25, revenue: 1234.56, securityToItRatio: null });
  });
});
