import { openBrowser, screenshot, visit, type BrowserSession } from './support/browser.js';

describe('the language switch', () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('changes the page text to Korean and remembers the choice across reloads', async () => {
    const { page } = browser;
    await visit(page, '/');
    await page.getByRole('heading', { level: 1, name: 'Governance overview' }).waitFor();
    await page.getByTestId('language-switch').selectOption('ko');
    await page.getByRole('heading', { level: 1, name: '거버넌스 개요' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    expect(await page.getByRole('navigation').innerText()).toContain('키 교체');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '거버넌스 개요' }).waitFor();
    await screenshot(page, 'overview-korean');
  });

  it('follows ?lang= in any URL', async () => {
    const { page } = browser;
    await visit(page, '/rotation?lang=en');
    await page.getByRole('heading', { level: 1, name: 'Key rotation' }).waitFor();
    await visit(page, '/findings?lang=ko');
    await page.getByRole('heading', { level: 1, name: '발견 사항' }).waitFor();
    expect(await page.getByRole('navigation').innerText()).toContain('개요');
    // The menu still wins over the ?lang= that is left in the address bar.
    await page.getByTestId('language-switch').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Findings' }).waitFor();
  });
});
