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
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '"XX" and "UK" are not country codes' }).waitFor();
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    expect(await approved(browser)).toEqual(before);
    const response = await page.context().request.post(`${page.url().replace(/\/settings.*$/, '')}/graphql`, {
      data: { query: 'mutation { setApprovedCountries(org: "demo", countries: ["KR", "XX"]) { id } }' },
    });
    const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    expect(body.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['BAD_USER_INPUT', 'Not assigned ISO 3166-1 alpha-2 country codes: XX']]);
    expect(await approved(browser)).toEqual(before);
  });

  it('approves a country only after a confirmation that names it and says what it silences', async () => {
    const { page } = browser;
    await page.getByLabel('Add country (ISO code, e.g. KR)').fill('jp');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Approve production access from Japan (JP)?');
    expect(await approved(browser)).toEqual(before);
    await screenshot(page, 'settings-confirm-country');

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    expect(await approved(browser)).toEqual(before);

    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Approve JP' }).click();
    await page.getByTestId('approved-countries').getByText('Japan (JP)').waitFor();
    expect(await approved(browser)).toEqual([...before, 'JP'].sort());
  });
});
