import { graphql, openBrowser, screenshot, visit, type BrowserSession } from './support/browser.js';

interface Findings {
  findings: { totalCount: number; edges: { node: { id: string; title: string } }[] };
}

const overflowX = async (session: BrowserSession): Promise<number> =>
  (await session.page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;

/** The findings list on a 390 px phone: cards instead of a nine-column table, bulk selection kept. */
describe('the findings list on a phone', () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await openBrowser();
    await browser.page.setViewportSize({ width: 390, height: 844 });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows one card per finding with severity, status, title, subject, team and due date, and no sideways scroll', async () => {
    const { page } = browser;
    await visit(page, '/findings?lang=en');
    await page.getByTestId('finding-cards').waitFor();
    const { findings } = await graphql<Findings>(page, '{ findings(org: "demo", first: 50) { totalCount edges { node { id title } } } }');
    const cards = page.getByTestId('finding-card');
    expect(await cards.count()).toBe(findings.edges.length);
    expect(await page.getByTestId('findings-table').count()).toBe(0);
    const first = cards.first();
    expect(await first.getByRole('link').innerText()).toBe(findings.edges[0]!.node.title);
    expect(await first.locator('.badge').count()).toBeGreaterThanOrEqual(2);
    expect(await first.locator('dt').allInnerTexts()).toEqual(['Subject', 'Owner team', 'Due']);
    // Overdue findings say so on their card.
    expect(await page.getByTestId('finding-card').getByTestId('finding-overdue').count()).toBeGreaterThan(0);
    expect(await overflowX(browser)).toBe(0);
    const width = await first.evaluate((el) => el.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, 'findings-cards-390');
  });

  it('selects findings on their cards for a bulk action', async () => {
    const { page } = browser;
    const boxes = page.getByTestId('finding-card').getByTestId('finding-select');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByText('2 findings selected').waitFor();
    await boxes.nth(1).uncheck();
    await page.getByText('1 finding selected').waitFor();
  });

  it('goes back to the table at 1440 px', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.getByTestId('findings-table').waitFor();
    expect(await page.getByTestId('finding-card').count()).toBe(0);
  });
});
