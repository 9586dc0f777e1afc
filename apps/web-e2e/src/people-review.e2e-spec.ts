import { openBrowser, screenshot, visit, type BrowserSession } from './support/browser.js';

describe('recording access-review decisions on People', () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('removes access with the optional reason left empty, and each decision replaces the previous notice', async () => {
    const { page } = browser;
    await visit(page, '/people');
    const name = `E2E review ${Date.now()}`;
    const create = page.locator('form', { has: page.getByRole('heading', { name: 'Create a campaign' }) });
    await create.getByLabel('Name', { exact: true }).fill(name);
    await create.getByRole('button', { name: 'Create campaign' }).click();
    await create.getByRole('status').filter({ hasText: `Campaign "${name}" created.` }).waitFor();

    const record = page.locator('form', { has: page.getByRole('heading', { name: 'Record a decision' }) });
    await record.getByLabel('Campaign').selectOption({ label: name });
    // An item the campaign lists (a demo person's production entitlement): decisions on unlisted items are refused.
    await record.getByLabel('Person (e-mail)').fill('jiwoo.park@nuri-commerce.example');
    await record.getByLabel('Entitlement').fill('aws-production-admin');
    await record.getByLabel('Decision').selectOption({ label: 'Keep access (approve)' });
    await record.getByRole('button', { name: 'Record decision' }).click();
    const notices = record.getByRole('status');
    await notices.filter({ hasText: 'Decision recorded' }).waitFor();
    const first = await notices.innerText();

    await record.getByLabel('Entitlement').fill('aws-production-admin');
    await record.getByLabel('Decision').selectOption({ label: 'Remove access (revoke)' });
    expect(await record.getByLabel('Reason (optional)').inputValue()).toBe('');
    const answered = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('RecordReviewDecision'));
    await record.getByRole('button', { name: 'Record decision' }).click();
    const body = (await (await answered).json()) as { errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    await notices.filter({ hasText: 'Decision recorded' }).waitFor();
    expect(await record.getByRole('alert').count()).toBe(0);
    expect(await notices.count()).toBe(1);
    expect(await notices.innerText()).toMatch(/^Decision recorded: \d+ of \d+ decided\.$/);
    expect(first).toMatch(/^Decision recorded/);
    await screenshot(page, 'people-revoke-without-reason');
  });
});
