import { graphql, openBrowser, screenshot, visit, type BrowserSession } from './support/browser.js';

describe('a finding', () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('can be accepted as a risk with a reason and an expiry, and still shows it after a reload', async () => {
    const { page } = browser;
    await visit(page, '/findings');
    const { findings } = await graphql<{ findings: { edges: { node: { id: string; title: string } }[] } }>(
      page,
      'query($org: String!) { findings(org: $org, filter: { status: OPEN }, first: 1) { edges { node { id title } } } }',
      { org: 'demo' },
    );
    expect(findings.edges.length).toBeGreaterThan(0);
    const { id, title } = findings.edges[0].node;
    const reason = `Compensating control until the key ceremony (${Date.now()})`;

    await visit(page, `/findings/${id}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await page.getByTestId('finding-status').innerText()).toBe('Open');
    await page.getByRole('radio', { name: 'Accept risk' }).check();
    await page.getByLabel('Reason (required)').fill(reason);
    const expiry = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('risk-expiry').fill(expiry);
    await page.getByTestId('finding-action-submit').click();
    await page.getByText('Status updated to Risk accepted.').waitFor();

    await page.reload();
    await page.waitForLoadState('networkidle');
    await page.getByTestId('finding-status').waitFor();
    expect(await page.getByTestId('finding-status').innerText()).toBe('Risk accepted');
    expect(await page.getByTestId('risk-accepted-until').innerText()).toContain(reason);
    expect(await page.getByTestId('status-history').innerText()).toContain(reason);
    await screenshot(page, 'finding-risk-accepted');

    const { finding } = await graphql<{ finding: { status: string; riskAcceptedReason: string } }>(
      page,
      'query($org: String!, $id: ID!) { finding(org: $org, id: $id) { status riskAcceptedReason } }',
      { org: 'demo', id },
    );
    expect(finding).toEqual({ status: 'RISK_ACCEPTED', riskAcceptedReason: reason });
  });

  it('refuses to accept a risk without a reason', async () => {
    const { page } = browser;
    const { findings } = await graphql<{ findings: { edges: { node: { id: string } }[] } }>(
      page,
      'query($org: String!) { findings(org: $org, filter: { status: OPEN }, first: 1) { edges { node { id } } } }',
      { org: 'demo' },
    );
    expect(findings.edges.length).toBeGreaterThan(0);
    await visit(page, `/findings/${findings.edges[0].node.id}`);
    await page.getByRole('radio', { name: 'Accept risk' }).check();
    await page.getByTestId('finding-action-submit').click();
    await page.getByRole('alert').filter({ hasText: 'Give a reason for accepting the risk.' }).waitFor();
    expect(await page.getByTestId('finding-status').innerText()).toBe('Open');
  });
});
