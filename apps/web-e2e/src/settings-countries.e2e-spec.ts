import { graphql, openBrowser, screenshot, visit, type BrowserSession } from './support/browser.js';

const approved = async (browser: BrowserSession): Promise<string[]> =>
  (await graphql<{ organization: { approvedCountries: string[] } }>(browser.page, '{ organization(slug: "demo") { approvedCountries } }')).organization.approvedCountries;

describe('approved countries in Settings', () => {
  let browser: BrowserSession;
  let before: string[] = [];
  beforeAll(async () => {
    browser = await openBrowser();
    await visit(browser.page, '/settings');
    before = await approved(browser);
  });
  afterAll(async () => {
    // Leave the demo as the other specs expect it.
    if (browser) await graphql(browser.page, 'mutation($c: [String!]!) { setApprovedCountries(org: "demo", countries: $c) { id } }', { c: before });
    await browser?.close();
  });

  it('refuses "XX", which is no country, in the form and on the server', async () => {
    const { page } = browser;
    await page.getByLabel('Add country (ISO code, e.g. KR)').fill('XX');
    await page.getByLabel('Reason (required)').fill('Testing');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: '"XX" and "UK" are not country codes' }).waitFor();
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    expect(await approved(browser)).toEqual(before);
    const refused = await page.context().request.post(`${page.url().replace(/\/settings.*$/, '')}/graphql`, {
      data: { query: 'mutation { approveCountry(org: "demo", country: "XX", reason: "r", expiresAt: "2099-01-01T00:00:00Z") { id } }' },
    });
    expect(((await refused.json()) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const response = await page.context().request.post(`${page.url().replace(/\/settings.*$/, '')}/graphql`, {
      data: { query: 'mutation { setApprovedCountries(org: "demo", countries: ["KR", "XX"]) { id } }' },
    });
    const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    expect(body.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['BAD_USER_INPUT', 'Not assigned ISO 3166-1 alpha-2 country codes: XX']]);
    expect(await approved(browser)).toEqual(before);
  });

  it('approves a country only with a reason, an expiry and a confirmation that names it', async () => {
    const { page } = browser;
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Approve a country' }) });
    await form.getByLabel('Add country (ISO code, e.g. KR)').fill('jp');
    await form.getByLabel('Reason (required)').fill('');
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Give the reason access from this country is expected.' }).waitFor();
    expect(await page.getByRole('alertdialog').count()).toBe(0);

    const reason = `Tokyo support desk (${Date.now()})`;
    await form.getByLabel('Reason (required)').fill(reason);
    const expiry = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await form.getByTestId('country-expiry').fill(expiry);
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Approve production access from Japan (JP) until');
    await screenshot(page, 'settings-confirm-country');

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    const none = await graphql<{ countryApprovals: unknown[] }>(page, '{ countryApprovals(org: "demo") { country } }');
    expect(none.countryApprovals).toEqual([]);

    await form.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Approve JP' }).click();
    await page.getByTestId('country-approvals').getByText(reason, { exact: false }).waitFor();
    const { countryApprovals } = await graphql<{ countryApprovals: { country: string; reason: string; approvedBy: string; expiresAt: string }[] }>(
      page,
      '{ countryApprovals(org: "demo") { country reason approvedBy expiresAt } }',
    );
    expect(countryApprovals).toEqual([{ country: 'JP', reason, approvedBy: process.env['E2E_ADMIN_EMAIL'], expiresAt: `${expiry}T23:59:59.000Z` }]);
    // The standing list is untouched: the approval lives beside it, with its end date.
    expect(await approved(browser)).toEqual(before);

    await page.getByTestId('country-approvals').getByRole('button', { name: 'Withdraw JP' }).click();
    await page.getByRole('status').filter({ hasText: 'Approval of Japan (JP) withdrawn.' }).waitFor();
    expect((await graphql<{ countryApprovals: unknown[] }>(page, '{ countryApprovals(org: "demo") { country } }')).countryApprovals).toEqual([]);
  });
});
