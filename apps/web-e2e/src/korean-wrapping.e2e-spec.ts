import { openBrowser, screenshot, visit, type BrowserSession } from './support/browser.js';

type Styles = { getComputedStyle(element: unknown): { wordBreak: string; overflowWrap: string } };

describe('Korean text wraps at word boundaries', () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await openBrowser();
    await browser.page.setViewportSize({ width: 390, height: 900 });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const wrapping = (selector: string) =>
    browser.page
      .locator(selector)
      .first()
      .evaluate((element) => {
        const style = (globalThis as unknown as Styles).getComputedStyle(element);
        return [style.wordBreak, style.overflowWrap];
      });

  it('keeps Hangul words whole in Korean (keep-all), breaking table cells only at spaces, and leaves English as it was', async () => {
    await visit(browser.page, '/rotation?lang=ko');
    await browser.page.getByRole('heading', { level: 1, name: '키 교체' }).waitFor();
    expect(await wrapping('h1')).toEqual(['keep-all', 'anywhere']);
    expect(await wrapping('table.data th')).toEqual(['keep-all', 'break-word']);
    await screenshot(browser.page, 'rotation-ko-390');

    await visit(browser.page, '/rotation?lang=en');
    await browser.page.getByRole('heading', { level: 1, name: 'Key rotation' }).waitFor();
    expect(await wrapping('h1')).toEqual(['normal', 'normal']);
  });
});
