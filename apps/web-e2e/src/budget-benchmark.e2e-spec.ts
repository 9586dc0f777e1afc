import type { Page } from 'playwright-core';
import { graphql, openBrowser, screenshot, visit, type BrowserSession } from './support/browser.js';

/** Reloads until the locator's text contains what is expected: the posture may be evaluated after the save. */
async function eventuallyText(page: Page, testId: string, expected: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    const locator = page.getByTestId(testId);
    if ((await locator.count()) > 0) {
      text = await locator.innerText();
      if (text.includes(expected)) return text;
    }
    await page.waitForTimeout(1000);
    await page.reload();
    await page.waitForLoadState('networkidle');
  }
  return text;
}

describe('budget ratios against their benchmarks', () => {
  let browser: BrowserSession;
  // An organization of its own, so the demo's figures (which other specs read) stay as they are.
  const slug = `e2e-budget-${Date.now().toString(36)}`;
  const year = new Date().getUTCFullYear();

  beforeAll(async () => {
    browser = await openBrowser();
    await visit(browser.page, '/');
    await graphql(browser.page, 'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { slug } }', {
      input: { slug, name: 'E2E Budget Co', currency: 'KRW' },
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('refuses to save a fiscal year with blank amounts instead of storing zeros', async () => {
    const { page } = browser;
    await visit(page, `/budget?org=${slug}`);
    const form = page.getByTestId('budget-form');
    expect(await form.getByLabel('Fiscal year').inputValue()).toBe(String(year));
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('status').filter({ hasText: 'Enter all three amounts' }).waitFor();
    const { budgets } = await graphql<{ budgets: unknown[] }>(page, 'query($org: String!) { budgets(org: $org) { fiscalYear } }', { org: slug });
    expect(budgets).toEqual([]);
  });

  it('shows a ratio within its benchmark as within, and one above as above, on the budget page and the overview', async () => {
    const { page } = browser;
    await visit(page, `/budget?org=${slug}`);
    const form = page.getByTestId('budget-form');
    // 100,000 / 1,000,000 = 10% of IT: the 10% benchmark exactly (WITHIN); 100,000 / 5,000,000 = 2% of revenue,
    // above 1% × 1.1 (ABOVE).
    await form.getByLabel('IT spend').fill('1000000');
    await form.getByLabel('Security spend').fill('100000');
    await form.getByLabel('Revenue').fill('5000000');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('status').filter({ hasText: `Fiscal year ${year} saved.` }).waitFor();

    const { budgets } = await graphql<{ budgets: { itStatus: string; revenueStatus: string }[] }>(
      page,
      'query($org: String!) { budgets(org: $org) { itStatus revenueStatus } }',
      { org: slug },
    );
    expect(budgets).toEqual([{ itStatus: 'WITHIN', revenueStatus: 'ABOVE' }]);
    const row = page.getByTestId('budget-table').locator('tbody tr').first();
    await row.locator('[data-status="WITHIN"]').waitFor();
    expect(await row.locator('[data-status]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(['WITHIN', 'ABOVE']);
    await screenshot(page, 'budget-within-above');

    await visit(page, `/?org=${slug}`);
    expect(await eventuallyText(page, 'ratio-it-status', 'Within benchmark')).toBe('Within benchmark');
    expect(await page.getByTestId('ratio-revenue-status').innerText()).toBe('Above benchmark');
    expect(await page.getByTestId('spend-governance').innerText()).not.toContain('Below benchmark');
    await screenshot(page, 'overview-within-above');
  });

  it('shows no benchmark badge and says why the organization is not placed when a year has no IT spend', async () => {
    const { page } = browser;
    await visit(page, `/budget?org=${slug}`);
    const form = page.getByTestId('budget-form');
    await form.getByLabel('IT spend').fill('0');
    await form.getByLabel('Security spend').fill('100000');
    await form.getByLabel('Revenue').fill('5000000');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('status').filter({ hasText: `Fiscal year ${year} saved.` }).waitFor();

    await visit(page, `/?org=${slug}`);
    expect(await eventuallyText(page, 'ratio-it-value', '—')).toBe('—');
    // No ratio, no verdict: before, a missing ratio read as a red "Below benchmark".
    expect(await page.getByTestId('ratio-it-status').innerText()).toBe('');
    expect(await page.getByTestId('scatter-summary').innerText()).toBe('The budget has no IT spend to divide by, so there is no ratio to place the organization on.');
  });
});
