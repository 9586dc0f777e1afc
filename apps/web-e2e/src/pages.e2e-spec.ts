import { graphql, openBrowser, screenshot, visit, type BrowserSession } from './support/browser.js';

// Every area of the navigation, with the heading the page must show once its data has loaded.
const PAGES = [
  { path: '/', name: 'overview', heading: 'Governance overview' },
  { path: '/rotation', name: 'rotation', heading: 'Key rotation' },
  { path: '/people', name: 'people', heading: 'People & access' },
  { path: '/cross-border', name: 'cross-border', heading: 'Cross-border access' },
  { path: '/findings', name: 'findings', heading: 'Findings' },
  { path: '/budget', name: 'budget', heading: 'Budget' },
  { path: '/connectors', name: 'connectors', heading: 'Connectors' },
  { path: '/settings', name: 'settings', heading: 'Settings' },
  { path: '/reports', name: 'reports', heading: 'Reports' },
  { path: '/score', name: 'score-overall', heading: 'Why the score is what it is: Overall governance score' },
  { path: '/score/KEY_MANAGEMENT', name: 'score-key-management', heading: 'Why the score is what it is: Key management' },
];

describe('every page of the web app', () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(PAGES)('renders $name with its data and no error', async ({ path, name, heading }) => {
    const { page } = browser;
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await visit(page, path);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.locator('.state-loading').first().waitFor({ state: 'detached' }).catch(() => undefined);
    await screenshot(page, `page-${name}`);
    const errors = await page.locator('.state-error').allInnerTexts();
    expect(errors).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').count()).toBe(10);
    page.removeAllListeners('pageerror');
  });

  it('renders a finding with its evidence and status history', async () => {
    const { page } = browser;
    await visit(page, '/');
    const { findings } = await graphql<{ findings: { edges: { node: { id: string; title: string } }[] } }>(
      page,
      'query($org: String!) { findings(org: $org, first: 1) { edges { node { id title } } } }',
      { org: 'demo' },
    );
    expect(findings.edges.length).toBeGreaterThan(0);
    const finding = findings.edges[0].node;
    await visit(page, `/findings/${finding.id}`);
    await page.getByRole('heading', { level: 1, name: finding.title }).waitFor();
    await page.getByRole('heading', { name: 'Evidence' }).waitFor();
    await page.getByRole('heading', { name: 'Status history' }).waitFor();
    await screenshot(page, 'page-finding-detail');
    expect(await page.locator('.state-error').count()).toBe(0);
  });
});
