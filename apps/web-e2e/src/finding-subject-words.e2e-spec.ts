import type { Page } from 'playwright-core';
import { graphql, openBrowser, visit, type BrowserSession } from './support/browser.js';

interface Findings {
  findings: { edges: { node: { id: string; kind: string; subject: { type: string } } }[] };
}

/** An enum's name as the contract spells it (IAM_USER, SIGNING_KEY, KEY_ROTATION_OVERDUE): never a word a reader should meet. */
const RAW_ENUM = /(?<![A-Za-z])[A-Z]{2,}_[A-Z_]{2,}(?![A-Za-z])/g;

/** The page's text a reader reads (laid out, so words stay apart): evidence's raw JSON and code samples left out, they show data as stored. */
const readText = async (page: Page): Promise<string> =>
  (await page.evaluate(`(() => {
    const main = document.querySelector('main');
    const hidden = [...main.querySelectorAll('pre, code, select, option')];
    hidden.forEach((el) => (el.style.display = 'none'));
    const text = main.innerText;
    hidden.forEach((el) => (el.style.display = ''));
    return text;
  })()`)) as string;

/** The finding's subject type and its evidence in the reader's words, and no raw enum names on the pages that list things. */
describe('words, not enum names', () => {
  let browser: BrowserSession;
  let credentialFinding: string;
  beforeAll(async () => {
    browser = await openBrowser();
    await visit(browser.page, '/findings?lang=en');
    const { findings } = await graphql<Findings>(browser.page, '{ findings(org: "demo", first: 200) { edges { node { id kind subject { type } } } } }');
    credentialFinding = findings.edges.find((e) => e.node.kind === 'KEY_ROTATION_OVERDUE' && e.node.subject.type === 'CREDENTIAL')!.node.id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("names a finding's subject type from the glossary, in English and in Korean", async () => {
    const { page } = browser;
    await visit(page, `/findings/${credentialFinding}?lang=en`);
    expect(await page.getByTestId('subject-type').innerText()).toBe('Credential');
    await visit(page, `/findings/${credentialFinding}?lang=ko`);
    expect(await page.getByTestId('subject-type').innerText()).toBe('자격 증명');
  });

  it.each(['en', 'ko'])('leaves no raw enum name on the finding, findings, people and key rotation pages (%s)', async (lang) => {
    const { page } = browser;
    for (const path of [`/findings/${credentialFinding}`, '/findings', '/people', '/rotation']) {
      await visit(page, `${path}?lang=${lang}`);
      // The app switches language after its first render and reads the page again in it: read the settled page.
      await page.waitForFunction(`document.documentElement.lang === '${lang}'`);
      await page.waitForLoadState('networkidle');
      await page.locator('main h1').first().waitFor();
      if (path.startsWith('/findings/')) await page.locator('.evidence-list li').first().waitFor();
      await page.locator('.state-loading').first().waitFor({ state: 'detached' }).catch(() => undefined);
      const raw = (await readText(page)).match(RAW_ENUM) ?? [];
      expect([path, [...new Set(raw)]]).toEqual([path, []]);
    }
  });
});
