import { graphql, openBrowser, screenshot, visit, type BrowserSession } from './support/browser.js';

interface Credentials {
  credentials: { totalCount: number; edges: { node: { team: { id: string; name: string } | null } }[] };
}

describe('the key-rotation board', () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('filters the credential list and the SLA board by team', async () => {
    const { page } = browser;
    await visit(page, '/rotation');
    const all = await graphql<Credentials>(page, 'query($org: String!) { credentials(org: $org, first: 500) { totalCount edges { node { team { id name } } } } }', { org: 'demo' });
    const perTeam = new Map<string, { name: string; count: number }>();
    for (const { node } of all.credentials.edges) {
      if (node.team) perTeam.set(node.team.id, { name: node.team.name, count: (perTeam.get(node.team.id)?.count ?? 0) + 1 });
    }
    // A team that owns some keys but not all of them, so filtering visibly removes rows.
    const [teamId, team] = [...perTeam.entries()].find(([, t]) => t.count < all.credentials.totalCount) ?? [];
    expect(teamId).toBeDefined();
    expect(team).toBeDefined();

    await page.getByTestId('credentials-table').waitFor();
    const before = await page.getByTestId('credentials-table').locator('tbody tr').count();
    expect(before).toBe(Math.min(all.credentials.totalCount, 100));

    await page.getByTestId('team-filter').selectOption(teamId ?? '');
    await page.waitForURL(`**/rotation?teamId=${teamId}`);
    await page.getByTestId('credentials-count').filter({ hasText: `of ${team?.count}` }).waitFor();
    const rows = await page.getByTestId('credentials-table').locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(team?.count ?? -1);
    for (const row of rows) expect(row).toContain(team?.name);
    const boardRows = await page.getByTestId('sla-row').allInnerTexts();
    expect(boardRows).toHaveLength(1);
    expect(boardRows[0]).toContain(team?.name);
    await screenshot(page, 'rotation-filtered-by-team');
  });
});
