import { openBrowser, screenshot, visit, type BrowserSession } from './support/browser.js';

/** Enum names (SIGNING_KEY, KEY_ROTATION_OVERDUE) are words for code, never for a reader. */
const ENUM_NAME = /\b[A-Z]+(?:_[A-Z]+)+\b/;
const HANGUL = /[\uAC00-\uD7A3]/;

/** Finding titles are written in the reader's language from each finding's kind and parameters. */
describe('finding titles in the reader language', () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** The table's title links, or on a phone (390 px) the cards' that stand for its rows. */
  const TABLE_TITLES = '[data-testid="findings-table"] tbody tr a[href^="/findings/"]';
  const CARD_TITLES = '[data-testid="finding-card"] a[href^="/findings/"]';
  const titles = async (selector = TABLE_TITLES): Promise<string[]> => {
    const links = browser.page.locator(selector);
    await links.first().waitFor();
    return links.allInnerTexts();
  };

  it('lists every title in English words, with plurals and no enum names, "(s)", undefined or NaN', async () => {
    await visit(browser.page, '/findings?lang=en');
    const english = await titles();
    expect(english.length).toBeGreaterThan(0);
    for (const title of english) {
      expect([title, ENUM_NAME.test(title) || /\(s\)|undefined|NaN|\b1 (accounts|credentials|days|entitlements)\b/.test(title)]).toEqual([title, false]);
    }
  });

  it('lists every title in Korean, and the overview’s top risks too, with titles wide enough to read at 390 px', async () => {
    await browser.page.setViewportSize({ width: 390, height: 900 });
    await visit(browser.page, '/findings?lang=ko');
    const korean = await titles(CARD_TITLES);
    for (const title of korean) expect([title, HANGUL.test(title) && !ENUM_NAME.test(title) && !/undefined|NaN/.test(title)]).toEqual([title, true]);
    // Korean breaks at spaces only: a title is never squeezed to a syllable.
    const width = await browser.page.locator(CARD_TITLES).first().evaluate((a) => (a as unknown as { getBoundingClientRect(): { width: number } }).getBoundingClientRect().width);
    expect(width).toBeGreaterThan(120);
    await screenshot(browser.page, 'findings-ko-390');

    await visit(browser.page, '/?lang=ko');
    const risks = browser.page.locator('[data-testid="top-risks"] li a');
    await risks.first().waitFor();
    for (const title of await risks.allInnerTexts()) expect([title, HANGUL.test(title)]).toEqual([title, true]);
  });
});
