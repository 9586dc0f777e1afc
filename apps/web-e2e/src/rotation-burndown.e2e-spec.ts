import type { Page } from 'playwright-core';
import { baseUrl, graphql, openBrowser, screenshot, signIn, visit, type BrowserSession } from './support/browser.js';

interface TeamBurndowns {
  teamBurndowns: { team: { id: string; name: string }; targetDate: string; targetIsDefault: boolean; keysBehindTarget: number; points: { overdue: number }[] }[];
}
const BURNDOWNS = '{ teamBurndowns(org: "demo", weeks: 26) { team { id name } targetDate targetIsDefault keysBehindTarget points { overdue } } }';
// A new user each run: setMember hands out a password only when it creates the user.
const LEAD = `e2e.burndown-lead.${Date.now()}@postureboard.test`;

const settle = async (page: Page): Promise<void> => {
  await page.waitForLoadState('networkidle');
  await page.getByTestId('team-burndowns').waitFor();
};

/** Each team's SLA burn-down beside its target line, on the key-rotation page, as each reader sees it. */
describe('the per-team burn-down with a target line', () => {
  let admin: BrowserSession;
  let lead: BrowserSession | undefined;
  let api: TeamBurndowns['teamBurndowns'];

  beforeAll(async () => {
    admin = await openBrowser();
    await visit(admin.page, '/rotation?lang=en');
    api = (await graphql<TeamBurndowns>(admin.page, BURNDOWNS)).teamBurndowns;
  });
  afterAll(async () => {
    // Leave the demo's teams without a target, as the other specs expect them.
    for (const { team } of api ?? []) {
      await graphql(admin.page, 'mutation($teamId: ID!) { setTeamRotationTarget(org: "demo", teamId: $teamId, targetDate: null) { id } }', { teamId: team.id }).catch(() => undefined);
    }
    await lead?.close();
    await admin?.close();
  });

  it("draws one chart per team the API answers for, each with its overdue area and a dashed target line", async () => {
    const { page } = admin;
    await settle(page);
    expect(api.length).toBeGreaterThan(1);
    const cards = page.getByTestId('team-burndown');
    expect(await cards.count()).toBe(api.length);
    for (const [i, burndown] of api.entries()) {
      const card = cards.nth(i);
      expect(await card.locator('h2').innerText()).toBe(burndown.team.name);
      expect(await card.locator('.recharts-area-area').count()).toBe(1);
      expect(await card.locator('.recharts-line-curve').getAttribute('stroke-dasharray')).toBe('6 4');
      expect(await card.locator('figcaption').innerText()).toContain('(default: end of quarter)');
      const behind = burndown.keysBehindTarget;
      expect(await card.getByTestId('burndown-pace').innerText()).toBe(behind === 0 ? 'On track' : `${behind} ${behind === 1 ? 'key' : 'keys'} behind the target line`);
    }
    await screenshot(page, 'rotation-team-burndowns');
  });

  it("keeps a target day set on a team's chart, and draws the line to it", async () => {
    const { page } = admin;
    const first = api[0]!;
    const card = page.getByTestId('team-burndown').filter({ has: page.getByRole('heading', { name: first.team.name, exact: true }) });
    const day = new Date(Date.now() + 45 * 86_400_000).toISOString().slice(0, 10);
    await card.getByTestId('target-day').fill(day);
    await card.getByTestId('save-target').click();
    await card.getByText('Target saved.').waitFor();
    await card.locator('figcaption').filter({ hasText: '(set by the team)' }).waitFor();
    const saved = (await graphql<TeamBurndowns>(page, BURNDOWNS)).teamBurndowns.find((b) => b.team.id === first.team.id);
    expect(saved).toMatchObject({ targetDate: day, targetIsDefault: false });
    await card.getByRole('button', { name: 'Use default' }).click();
    await card.locator('figcaption').filter({ hasText: '(default: end of quarter)' }).waitFor();
  });

  it("shows an engineering lead their own team's burn-down only, and calls the weekly chart theirs", async () => {
    const team = api[0]!.team;
    const { setMember } = await graphql<{ setMember: { generatedPassword: string | null } }>(
      admin.page,
      `mutation($email: String!, $teams: [String!]) { setMember(org: "demo", email: $email, role: ENGINEERING_LEAD, teams: $teams) { generatedPassword } }`,
      { email: LEAD, teams: [team.name] },
    );
    lead = await openBrowser();
    await lead.page.goto(`${baseUrl()}/sign-in`);
    await signIn(lead.page, { email: LEAD, password: setMember.generatedPassword ?? '' });
    await visit(lead.page, '/rotation?lang=en');
    await settle(lead.page);
    expect(await lead.page.getByTestId('team-burndown').locator('h2').allInnerTexts()).toEqual([team.name]);
    await lead.page.getByRole('heading', { name: 'Overdue keys, week by week · Your teams' }).waitFor();
    // A lead sets their own team's target.
    expect(await lead.page.getByTestId('save-target').count()).toBe(1);
  });

  it('reads in Korean at 390 px, one chart per row, without a sideways scroll', async () => {
    const { page } = admin;
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await visit(page, '/rotation?lang=ko');
      await settle(page);
      await page.getByRole('heading', { name: '팀별 번다운' }).waitFor();
      const card = page.getByTestId('team-burndown').first();
      expect(await card.locator('.recharts-legend-wrapper').innerText()).toContain('목표선');
      expect(await card.locator('figcaption').innerText()).toContain('기본값: 분기 말');
      const [a, b] = [await page.getByTestId('team-burndown').nth(0).boundingBox(), await page.getByTestId('team-burndown').nth(1).boundingBox()];
      expect(b!.y).toBeGreaterThanOrEqual(a!.y + a!.height);
      expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(0);
      await screenshot(page, 'rotation-team-burndowns-ko-390');
    } finally {
      await page.setViewportSize({ width: 1440, height: 1000 });
    }
  });
});
