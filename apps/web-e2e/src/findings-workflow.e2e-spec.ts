import { readFileSync } from 'node:fs';
import { graphql, openBrowser, screenshot, visit, type BrowserSession } from './support/browser.js';

interface Row {
  id: string;
  title: string;
  status: string;
}

const ASSIGNEE = 'workflow-analyst@demo.test';

/** A team's work on findings, through the web app: assign, comment, false positive, bulk resolve, CSV. */
describe('the findings workflow in the web app', () => {
  let browser: BrowserSession;
  let target: Row;
  const resolved: string[] = [];

  beforeAll(async () => {
    browser = await openBrowser();
    await visit(browser.page, '/findings');
    // Someone to assign findings to: an analyst sees every team's findings.
    await graphql(browser.page, `mutation { setMember(org: "demo", email: "${ASSIGNEE}", role: ANALYST) { member { email } } }`);
    const { findings } = await graphql<{ findings: { edges: { node: Row }[] } }>(
      browser.page,
      '{ findings(org: "demo", filter: { status: OPEN }, first: 50) { edges { node { id title status } } } }',
    );
    target = findings.edges[0]!.node;
  });

  afterAll(async () => {
    // Leave the demo's findings as the other specs expect them.
    if (browser) {
      for (const id of [target?.id, ...resolved].filter(Boolean)) {
        await graphql(browser.page, 'mutation($id: ID!) { reopenFinding(org: "demo", id: $id) { id } }', { id }).catch(() => undefined);
        await graphql(browser.page, 'mutation($id: ID!) { assignFinding(org: "demo", id: $id, assigneeUserId: null) { id } }', { id }).catch(() => undefined);
      }
    }
    await browser?.close();
  });

  it('assigns a finding, comments on it and marks it a false positive with a reason and an expiry', async () => {
    const { page } = browser;
    await visit(page, `/findings/${target.id}`);
    await page.getByRole('heading', { level: 1, name: target.title }).waitFor();

    await page.getByTestId('assignee-select').selectOption({ label: ASSIGNEE });
    await page.getByTestId('assignee-save').click();
    await page.getByText(`Assigned to ${ASSIGNEE}.`).waitFor();
    expect(await page.getByTestId('assignee-current').innerText()).toBe(ASSIGNEE);

    await page.getByLabel('Add a comment').fill('Sandbox key: checked with the owner, not a production credential.');
    await page.getByTestId('comment-submit').click();
    const comments = page.getByTestId('finding-comments');
    await comments.waitFor();
    expect(await comments.innerText()).toContain('Sandbox key: checked with the owner');
    expect(await comments.innerText()).toContain(process.env['E2E_ADMIN_EMAIL'] ?? '@');

    await page.getByRole('radio', { name: 'False positive (not applicable)' }).check();
    await page.getByLabel('Reason (required)').fill('Sandbox account, no production data');
    const expiry = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('false-positive-expiry').fill(expiry);
    await page.getByTestId('finding-action-submit').click();
    await page.getByTestId('false-positive-until').waitFor();
    expect(await page.getByTestId('finding-status').innerText()).toBe('False positive');
    expect(await page.getByTestId('false-positive-until').innerText()).toContain('Sandbox account, no production data');
    expect(await page.getByTestId('status-history').innerText()).toContain('Sandbox account, no production data');
    await screenshot(page, 'finding-workflow-detail');

    // The page said what the server stored.
    const { finding } = await graphql<{ finding: { status: string; falsePositiveUntil: string; assignee: { email: string }; comments: { text: string }[] } }>(
      page,
      'query($id: ID!) { finding(org: "demo", id: $id) { status falsePositiveUntil assignee { email } comments { text } } }',
      { id: target.id },
    );
    expect(finding).toMatchObject({ status: 'FALSE_POSITIVE', assignee: { email: ASSIGNEE } });
    expect(finding.falsePositiveUntil.slice(0, 10)).toBe(expiry);
    expect(finding.comments).toHaveLength(1);
  });

  it('shows the workflow in Korean', async () => {
    const { page } = browser;
    await visit(page, `/findings/${target.id}?lang=ko`);
    await page.getByRole('heading', { level: 2, name: '댓글' }).waitFor();
    expect(await page.getByTestId('finding-status').innerText()).toBe('오탐');
    expect(await page.getByTestId('finding-assignee').innerText()).toContain('담당자');
    expect(await page.getByTestId('false-positive-until').innerText()).toContain('까지 오탐');
    await screenshot(page, 'finding-workflow-detail-ko');
    await page.getByTestId('language-switch').selectOption('en');
    await page.getByRole('heading', { level: 2, name: 'Comments' }).waitFor();
  });

  it('resolves a selection of findings in one go and says how many changed', async () => {
    const { page } = browser;
    await visit(page, '/findings?status=OPEN');
    const rows = page.getByTestId('findings-table').locator('tbody tr');
    await rows.first().waitFor();
    for (const index of [0, 1]) {
      const row = rows.nth(index);
      resolved.push((await row.getByRole('link').getAttribute('href'))!.split('/').pop()!);
      await row.getByTestId('finding-select').check();
    }
    expect(await page.getByTestId('bulk-bar').innerText()).toContain('2 findings selected');
    await page.getByTestId('bulk-status').selectOption('RESOLVED');
    await page.getByTestId('bulk-apply').click();
    const result = page.getByTestId('bulk-result');
    await result.waitFor();
    expect(await result.innerText()).toContain('Changed: 2. Not changed: 0.');
    await screenshot(page, 'findings-bulk-resolve');
    // Recorded as resolved by the signed-in user (a condition still detected is reopened by the next evaluation).
    for (const id of resolved) {
      const { finding } = await graphql<{ finding: { statusHistory: { to: string; actor: string }[] } }>(
        page,
        'query($id: ID!) { finding(org: "demo", id: $id) { statusHistory { to actor } } }',
        { id },
      );
      expect(finding.statusHistory).toContainEqual({ to: 'RESOLVED', actor: process.env['E2E_ADMIN_EMAIL'] });
    }
  });

  it('downloads the list as filtered as CSV', async () => {
    const { page } = browser;
    await visit(page, '/findings?status=FALSE_POSITIVE');
    await page.getByTestId('findings-table').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('findings-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^findings-demo-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('id,title,severity,status,domain,kind,subject,ownerTeam,assignee,firstDetectedAt,lastDetectedAt,dueAt,overdue,daysOverdue,riskAcceptedUntil,falsePositiveUntil');
    // Only the filtered list: the one false positive, with its assignee.
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(target.id);
    expect(lines[1]).toContain(',FALSE_POSITIVE,');
    expect(lines[1]).toContain(ASSIGNEE);
  });
});
