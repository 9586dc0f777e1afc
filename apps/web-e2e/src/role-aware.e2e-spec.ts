import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { baseUrl, graphql, openBrowser, screenshot, signIn, visit, type BrowserSession } from './support/browser.js';

/** The looked-at screenshots of each role's overview at 1440 px (outside the repository). */
const SHOTS = process.env['E2E_ROLE_SHOTS'] ?? '/tmp/scope-shots';

type RoleKey = 'admin' | 'ciso' | 'lead' | 'viewer';

const EMAILS: Record<Exclude<RoleKey, 'admin'>, string> = {
  ciso: 'e2e.ciso@postureboard.test',
  lead: 'e2e.lead@postureboard.test',
  viewer: 'e2e.board@postureboard.test',
};

/** The main navigation's links, once the caller's access has arrived (the overview is linked for every role). */
const navTexts = async (page: Page): Promise<string[]> => {
  await page.locator('nav.sidenav a').first().waitFor();
  await page.waitForLoadState('networkidle');
  return (await page.locator('nav.sidenav a').allInnerTexts()).map((t) => t.replace(/^[^\p{L}]+/u, '').trim());
};

const settle = async (page: Page): Promise<void> => {
  await page.waitForLoadState('networkidle');
  await page.locator('.state-loading').first().waitFor({ state: 'detached' }).catch(() => undefined);
};

/**
 * Each role signed in through the form, in a browser of its own: what the navigation links, which actions
 * are offered, and what a page the role cannot open says. The app learns all of it from `organizationAccess`.
 */
describe('a role-aware app', () => {
  const sessions: Partial<Record<RoleKey, BrowserSession>> = {};
  const page = (role: RoleKey): Page => sessions[role]!.page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    sessions.admin = await openBrowser();
    await visit(sessions.admin.page, '/');
    const passwords: Partial<Record<RoleKey, string>> = {};
    for (const [role, graphRole, teams] of [
      ['ciso', 'CISO', null],
      ['lead', 'ENGINEERING_LEAD', ['Payments']],
      ['viewer', 'BOARD_VIEWER', null],
    ] as const) {
      const { setMember } = await graphql<{ setMember: { generatedPassword: string | null } }>(
        sessions.admin.page,
        `mutation($org: String!, $email: String!, $role: Role!, $teams: [String!]) { setMember(org: $org, email: $email, role: $role, teams: $teams) { generatedPassword } }`,
        { org: 'demo', email: EMAILS[role], role: graphRole, teams },
      );
      passwords[role] = setMember.generatedPassword ?? '';
      const session = await openBrowser();
      await session.page.goto(`${baseUrl()}/sign-in`);
      await session.page.waitForLoadState('networkidle');
      await signIn(session.page, { email: EMAILS[role], password: passwords[role]! });
      sessions[role] = session;
    }
  });
  afterAll(async () => {
    for (const session of Object.values(sessions)) await session?.close();
  });

  it('links every area for an admin, with Generate and Save offered', async () => {
    await visit(page('admin'), '/?lang=en');
    expect(await navTexts(page('admin'))).toEqual([
      'Overview',
      'Key rotation',
      'People & access',
      'Cross-border access',
      'Findings',
      'Budget',
      'Connectors',
      'Settings',
      'Reports',
      'Administration',
    ]);
    await visit(page('admin'), '/reports');
    await page('admin').getByTestId('generate-report').waitFor();
    await visit(page('admin'), '/budget');
    await page('admin').getByTestId('budget-form').waitFor();
  });

  it('gives a CISO the governance areas and reports to generate, but not the admin-only pages', async () => {
    const p = page('ciso');
    await visit(p, '/?lang=en');
    expect(await navTexts(p)).toEqual([
      'Overview',
      'Key rotation',
      'People & access',
      'Cross-border access',
      'Findings',
      'Budget',
      'Connectors',
      'Settings',
      'Reports',
      'Administration',
    ]);
    await visit(p, '/reports');
    await p.getByTestId('generate-report').waitFor();
    await visit(p, '/admin');
    const hub = p.getByRole('main').getByRole('navigation', { name: 'Administration' });
    await hub.getByRole('link').first().waitFor();
    expect(await hub.getByRole('link').allInnerTexts()).toEqual(['API tokens', 'Upload a file']);
    // A connector's configuration is the admin's: no Edit button and no configuration form.
    await visit(p, '/connectors');
    await settle(p);
    expect(await p.getByRole('button', { name: 'Configure' }).count()).toBe(0);
    expect(await p.locator('#configure-title').count()).toBe(0);
  });

  it("shows an engineering lead their teams' top risks, no Reports link, and refuses Reports when typed", async () => {
    const p = page('lead');
    await visit(p, '/?lang=en');
    const nav = await navTexts(p);
    expect(nav).toEqual(expect.arrayContaining(['Overview', 'Key rotation', 'Findings']));
    expect(nav).not.toContain('Reports');
    await p.getByTestId('top-risks').waitFor();
    const owners = (await p.getByTestId('top-risks').locator('li .small').allInnerTexts()).map((t) => /Owner: ([^·]+)/.exec(t)?.[1]?.trim());
    expect(owners.length).toBeGreaterThan(0);
    expect(new Set(owners)).toEqual(new Set(['Payments']));
    // Their teams' count by default (what their findings list holds), the organisation's one click away.
    const { findings } = await graphql<{ findings: { totalCount: number } }>(p, 'query($org: String!) { findings(org: $org) { totalCount } }', { org: 'demo' });
    const teamCount = await p.getByTestId('team-open-findings').innerText();
    expect(teamCount).toMatch(/^Your teams: /);
    expect(teamCount).toContain(`${findings.totalCount} open finding`);
    await p.getByTestId('overview-scope').getByRole('button', { name: 'Whole organisation' }).click();
    expect(await p.getByTestId('org-open-findings').innerText()).toMatch(/^Organisation: \d+ open findings/);
    expect(await p.getByTestId('team-open-findings').count()).toBe(0);
    await p.getByTestId('overview-scope').getByRole('button', { name: 'My teams' }).click();
    await p.getByTestId('team-open-findings').waitFor();
    await visit(p, '/reports');
    await p.getByTestId('admin-refused').waitFor();
    expect(await p.getByTestId('generate-report').count()).toBe(0);
    // Settings are read-only for a lead: the policy, team and country forms are the CISO's.
    await visit(p, '/settings');
    await p.getByRole('heading', { level: 1 }).waitFor();
    await settle(p);
    expect(await p.locator('#policy-form-title').count()).toBe(0);
    expect(await p.getByRole('button', { name: 'Create team' }).count()).toBe(0);
  });

  it('gives a board viewer the overview, score explanations, budget and reports to read, and nothing to generate, save or open beyond them', async () => {
    const p = page('viewer');
    await visit(p, '/?lang=en');
    expect(await navTexts(p)).toEqual(['Overview', 'Budget', 'Reports', 'Administration']);
    // Top risks are named, but lead to no finding page the role cannot open.
    await p.getByTestId('top-risks').waitFor();
    expect(await p.getByTestId('top-risks').locator('a').count()).toBe(0);
    // The score explanation opens, without links to the evidence behind it.
    await p.getByTestId('overall-score-value').click();
    await p.waitForURL((url) => url.pathname === '/score');
    await settle(p);
    expect(await p.getByTestId('admin-refused').count()).toBe(0);
    expect(await p.locator('main a[href^="/findings"]').count()).toBe(0);
    await visit(p, '/reports');
    await p.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    await settle(p);
    expect(await p.getByTestId('generate-report').count()).toBe(0);
    await visit(p, '/budget');
    await p.getByRole('heading', { level: 1, name: 'Budget' }).waitFor();
    await settle(p);
    expect(await p.getByTestId('budget-form').count()).toBe(0);
    expect(await p.getByRole('button', { name: /Edit/ }).count()).toBe(0);
    for (const path of ['/findings', '/people', '/rotation', '/settings', '/connectors']) {
      await visit(p, path);
      await p.getByTestId('admin-refused').waitFor();
    }
  });

  it('does the same in Korean: the board viewer sees 개요, 예산 and 보고서 only, the lead no 보고서', async () => {
    const viewer = page('viewer');
    await visit(viewer, '/?lang=ko');
    expect(await navTexts(viewer)).toEqual(['개요', '예산', '보고서', '관리']);
    await visit(viewer, '/reports?lang=ko');
    await viewer.getByRole('heading', { level: 1, name: '보고서' }).waitFor();
    await settle(viewer);
    expect(await viewer.getByTestId('generate-report').count()).toBe(0);
    await screenshot(viewer, 'role-viewer-reports-ko');
    const lead = page('lead');
    await visit(lead, '/?lang=ko');
    const nav = await navTexts(lead);
    expect(nav).toEqual(expect.arrayContaining(['개요', '키 교체', '발견 사항']));
    expect(nav).not.toContain('보고서');
    await visit(viewer, '/?lang=en');
    await visit(lead, '/?lang=en');
  });

  it("takes a 1440 px screenshot of each role's overview", async () => {
    for (const role of ['admin', 'ciso', 'lead', 'viewer'] as const) {
      const p = page(role);
      await visit(p, '/?lang=en');
      await p.getByTestId('overall-score').waitFor();
      await settle(p);
      expect(p.viewportSize()?.width).toBe(1440);
      await p.screenshot({ path: join(SHOTS, `${role}-overview.png`), fullPage: true });
      await screenshot(p, `role-${role}-overview`);
    }
    await visit(page('viewer'), '/?lang=ko');
    await page('viewer').getByTestId('overall-score').waitFor();
    await settle(page('viewer'));
    await page('viewer').screenshot({ path: join(SHOTS, 'viewer-overview-ko.png'), fullPage: true });
  });
});
