import { PDFParse } from 'pdf-parse';
import { baseUrl, graphql, openBrowser, screenshot, visit, type BrowserSession } from './support/browser.js';

interface Domain {
  domain: string;
  measured: boolean;
  score: number | null;
  findingCounts: { total: number };
  contributions: { fingerprint: string }[];
  omittedContributions: { count: number };
}

interface Reading {
  posture: { overallScore: number | null; evaluatedAt: string | null; findingCounts: { total: number }; domains: Domain[] };
  leavers: { name: string; bytesAfterTermination: number }[];
}

const score = (value: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
/** The one rule for volumes (decimal units), as the domain's formatBytes prints it in English. */
const gigabytes = (bytes: number) => new Intl.NumberFormat('en-US', { style: 'unit', unit: 'gigabyte', unitDisplay: 'short', maximumFractionDigits: bytes >= 100e9 ? 0 : 1 }).format(bytes / 1e9);

/** The demo's board report (English), generated and downloaded as a user does, as one line of text. */
async function reportText(page: BrowserSession['page']): Promise<string> {
  const { generateReport } = await graphql<{ generateReport: { downloadUrl: string } }>(
    page,
    `mutation($org: String!) { generateReport(org: $org, lang: "en") { downloadUrl } }`,
    { org: 'demo' },
  );
  const response = await page.context().request.get(`${baseUrl()}${generateReport.downloadUrl}`);
  expect(response.status()).toBe(200);
  const parser = new PDFParse({ data: new Uint8Array(await response.body()) });
  const text = (await parser.getText()).text.replace(/\s+/g, ' ');
  await parser.destroy();
  return text;
}

/**
 * One quantity, one number: the demo's scores, finding counts and leaver volumes read off the overview, the
 * score explanations, the people page and the board report's PDF text are the stored posture's.
 */
describe('one truth across the pages and the PDF', () => {
  let browser: BrowserSession;
  let reading: Reading;
  beforeAll(async () => {
    browser = await openBrowser();
    await visit(browser.page, '/');
    reading = await graphql<Reading>(
      browser.page,
      `query($org: String!) {
        posture(org: $org) {
          overallScore evaluatedAt findingCounts { total }
          domains { domain measured score findingCounts { total } contributions { fingerprint } omittedContributions { count } }
        }
        leavers(org: $org) { name bytesAfterTermination }
      }`,
      { org: 'demo' },
    );
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the overview cards and the explanation pages show the stored scores and count the same findings', async () => {
    const { page } = browser;
    expect(reading.posture.evaluatedAt).not.toBeNull();
    await visit(page, '/');
    await page.getByTestId('overall-score').waitFor();
    expect(await page.getByTestId('overall-score-value').innerText()).toBe(score(reading.posture.overallScore!));
    for (const domain of reading.posture.domains.filter((d) => d.measured)) {
      const card = await page.getByTestId(`domain-${domain.domain}`).innerText();
      expect(card).toContain(score(domain.score!));
      expect(card).toContain(`${domain.findingCounts.total} open findings`);
      // The explanation lists exactly the findings the card counts.
      expect(domain.contributions.length + domain.omittedContributions.count).toBe(domain.findingCounts.total);
    }
    for (const domain of reading.posture.domains.filter((d) => d.measured)) {
      await visit(page, `/score/${domain.domain}`);
      await page.getByTestId('terms-total').waitFor();
      expect(await page.getByTestId('terms-total').innerText()).toBe(score(domain.score!));
    }
  });

  it('the people page and the board report state a leaver\'s volume after departure in the same decimal units', async () => {
    const { page } = browser;
    const leaver = [...reading.leavers].sort((a, b) => b.bytesAfterTermination - a.bytesAfterTermination)[0];
    expect(leaver?.bytesAfterTermination).toBeGreaterThan(1e9);
    await visit(page, '/people');
    const table = await page.getByTestId('leavers').innerText();
    expect(table).toContain(gigabytes(leaver!.bytesAfterTermination));
    await screenshot(page, 'one-truth-people');

    const text = await reportText(page);
    expect(text).toContain(`The overall governance score is ${score(reading.posture.overallScore!)} out of 100`);
    expect(text).toContain(`${reading.posture.findingCounts.total} findings are open`);
    expect(text).toContain(gigabytes(leaver!.bytesAfterTermination));
  });

  it('the detection page and the board report state the median days to detect the posture holds', async () => {
    const { page } = browser;
    const { posture } = await graphql<{ posture: { domains: { domain: string; daysToDetect: { medianDays: number | null; detected: number } | null }[] } }>(
      page,
      `query($org: String!) { posture(org: $org) { domains { domain daysToDetect { medianDays detected } } } }`,
      { org: 'demo' },
    );
    const summary = posture.domains.find((d) => d.domain === 'DETECTION')?.daysToDetect;
    expect(summary).toBeTruthy();
    const days = (value: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(value);
    const expected = summary!.medianDays === null ? 'No incident was first detected' : `Median ${days(summary!.medianDays)} days`;
    await visit(page, '/score/DETECTION');
    await page.getByTestId('days-to-detect').waitFor();
    const shown = await page.getByTestId('days-to-detect').innerText();
    expect(shown).toContain(expected);
    if (summary!.medianDays !== null) expect(shown).toContain(`over the ${summary!.detected} incidents`);
    await screenshot(page, 'one-truth-days-to-detect');

    expect(await reportText(page)).toContain(expected);
  });
});
