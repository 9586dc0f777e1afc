import { graphql, openBrowser, visit, type BrowserSession } from './support/browser.js';

interface Preferences {
  myNotificationPreferences: { language: string | null; digestOptOut: boolean };
}

/** Polls what the page shows (the app's CSP allows no evaluated strings, so no waitForFunction on text). */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('my notification preferences in Settings, and the delivery log’s retention', () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    if (browser) await graphql(browser.page, 'mutation { setMyNotificationPreferences(language: null, digestOptOut: false) { language } }');
    await browser?.close();
  });

  it('sets the language of e-mail addressed to me and opts me out of the digest', async () => {
    const { page } = browser;
    await visit(page, '/settings');
    const section = page.getByTestId('my-notification-preferences');
    await section.getByRole('heading', { name: 'My notifications' }).waitFor();
    expect(await section.innerText()).toContain('E-mail language');
    const language = section.getByTestId('my-mail-language');
    expect(await language.inputValue()).toBe('');
    await language.selectOption('ko');
    // Saved and read back from the server (the select follows the query's answer).
    await until('the language to read ko', async () => (await page.getByTestId('my-mail-language').inputValue()) === 'ko');
    const digest = section.getByTestId('my-weekly-digest');
    expect(await digest.isChecked()).toBe(true);
    await digest.click();
    await until('the digest box to be cleared', async () => !(await page.getByTestId('my-weekly-digest').isChecked()));
    expect((await graphql<Preferences>(page, '{ myNotificationPreferences { language digestOptOut } }')).myNotificationPreferences).toEqual({ language: 'ko', digestOptOut: true });
    // Still so after a reload: read from the server.
    await visit(page, '/settings');
    expect(await page.getByTestId('my-mail-language').inputValue()).toBe('ko');
    expect(await page.getByTestId('my-weekly-digest').isChecked()).toBe(false);
  });

  it('says above the delivery log how long it keeps messages', async () => {
    const { page } = browser;
    await visit(page, '/admin/notifications');
    expect(await page.getByTestId('delivery-retention').innerText()).toBe('Sent and failed messages are kept for 90 days; pending ones until they end.');
  });
});
