import { join } from 'node:path';
import { graphql, openBrowser, SCREENSHOT_DIR, screenshot, visit, type BrowserSession } from './support/browser.js';

interface Posture {
  overallScore: number | null;
  organization: { name: string };
  domains: { domain: string; measured: boolean; score: number | null }[];
  budget: { securityToItRatio: number | null; securityToRevenueRatio: number | null; itStatus: string; revenueStatus: string } | null;
}

// The same formatting every surface uses for English: scores with one decimal, ratios as percentages with one decimal.
const score = (value: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
/** A signed or plain number as the page prints it ("−35.50", "+1.2", "100.0"), back to a number. */
const parsePoints = (text: string) => Number(text.replace(/[\u2212\u2012\u2013]/g, '-').replace(/[^0-9.+-]/g, ''));
const percent = (value: number) => new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);

describe('the overview', () => {
  let browser: BrowserSession;
  let posture: Posture;
  beforeAll(async () => {
    browser = await openBrowser();
    await visit(browser.page, '/');
    ({ posture } = await graphql<{ posture: Posture }>(
      browser.page,
      `query($org: String!) { posture(org: $org) {
        overallScore organization { name }
        domains { domain measured score }
        budget { securityToItRatio securityToRevenueRatio itStatus revenueStatus }
      } }`,
      { org: 'demo' },
    ));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows the demo organization's overall and per-domain scores as the API computes them", async () => {
    const { page } = browser;
    await page.getByTestId('overall-score').waitFor();
    expect(posture.overallScore).not.toBeNull();
    expect(await page.getByTestId('overall-score-value').innerText()).toBe(score(posture.overallScore ?? NaN));
    for (const domain of posture.domains) {
      const card = await page.getByTestId(`domain-${domain.domain}`).innerText();
      expect(card).toContain(domain.measured && domain.score !== null ? score(domain.score) : 'Not measured');
    }
    // When it was evaluated is said beside the figures.
    expect(await page.getByTestId('posture-freshness').innerText()).toMatch(/^Evaluated /);
    await screenshot(page, 'overview-scores');
  });

  it('shows the budget ratios below their benchmarks beside the scores', async () => {
    const { page } = browser;
    const budget = posture.budget;
    expect(budget).not.toBeNull();
    expect(budget?.itStatus).toBe('BELOW');
    expect(budget?.revenueStatus).toBe('BELOW');
    const it = page.getByTestId('ratio-it');
    const revenue = page.getByTestId('ratio-revenue');
    expect(await page.getByTestId('ratio-it-value').innerText()).toBe(percent(budget?.securityToItRatio ?? NaN));
    expect(await page.getByTestId('ratio-revenue-value').innerText()).toBe(percent(budget?.securityToRevenueRatio ?? NaN));
    expect(await it.innerText()).toContain('Below benchmark');
    expect(await revenue.innerText()).toContain('Below benchmark');
    const summary = await page.getByTestId('scatter-summary').innerText();
    expect(summary).toContain(posture.organization.name);
    expect(summary).toContain(percent(budget?.securityToItRatio ?? NaN));
    await page.getByTestId('spend-governance').screenshot({ path: join(SCREENSHOT_DIR, 'overview-spend.png') });
  });

  it('links each domain score to its explanation', async () => {
    const { page } = browser;
    const measured = posture.domains.find((d) => d.measured && d.score !== null);
    expect(measured).toBeDefined();
    await page.getByTestId(`domain-${measured?.domain}`).getByRole('link').first().click();
    await page.waitForURL(`**/score/${measured?.domain}`);
    await page.getByRole('heading', { name: 'Metrics' }).waitFor();
    expect(await page.getByTestId('explained-score').innerText()).toContain(score(measured?.score ?? NaN));
  });

  it('explains every measured score with terms that add up to the score it shows', async () => {
    const { page } = browser;
    for (const domain of posture.domains.filter((d) => d.measured && d.score !== null)) {
      await visit(page, `/score/${domain.domain}`);
      await page.getByTestId('explanation-terms').waitFor();
      const points = (await page.getByTestId('term-points').allInnerTexts()).map(parsePoints);
      const total = parsePoints(await page.getByTestId('terms-total').innerText());
      expect(total).toBeCloseTo(domain.score ?? NaN, 1);
      expect(Math.abs(points.reduce((sum, p) => sum + p, 0) - total)).toBeLessThanOrEqual(0.05);
      await screenshot(page, `score-${domain.domain}`);
    }
    await visit(page, '/score');
    await page.getByTestId('explanation-terms').waitFor();
    const overall = (await page.getByTestId('term-points').allInnerTexts()).map(parsePoints);
    expect(Math.abs(overall.reduce((sum, p) => sum + p, 0) - (posture.overallScore ?? NaN))).toBeLessThanOrEqual(0.05);
  });
});
