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

/** The whole navigation, in the order the app links it. */
const ALL_AREAS = ['Overview', 'Key rotation', 'People & access', 'Cross-border access', 'Findings', 'Budget', 'Connectors', 'Settings', 'Reports', 'Administration'];

type NavExpectation = { exactly: string[] } | { includes: string[]; excludes: string[] };
/** An action on a page: by its test id, a button's name, or a selector. */
type Control = { testId: string } | { button: string | RegExp } | { css: string };

interface RoleExpectations {
  nav: Record<'en' | 'ko', NavExpectation>;
  /** Pages and the actions offered on them. */
  offered: [string, Control][];
  /** Pages and actions the role must not be offered there. */
  absent: [string, Control][];
  /** Pages the role cannot open: they say so. */
  refused: string[];
}

/** What each role sees and may do: one row per role (the server's @Roles declarations, as the app learns them). */
const ROLES: Record<RoleKey, RoleExpectations> = {
  admin: {
    nav: { en: { exactly: ALL_AREAS }, ko: { includes: ['개요', '키 교체', '발견 사항', '보고서', '관리'], excludes: [] } },
    offered: [
      ['/reports', { testId: 'generate-report' }],
      ['/budget', { testId: 'budget-form' }],
    ],
    absent: [],
    refused: [],
  },
  ciso: {
    nav: { en: { exactly: ALL_AREAS }, ko: { includes: ['개요', '키 교체', '발견 사항', '보고서', '관리'], excludes: [] } },
    offered: [['/reports', { testId: 'generate-report' }]],
    // A connector's configuration is the admin's: no Configure button and no configuration form.
    absent: [
      ['/connectors', { button: 'Configure' }],
      ['/connectors', { css: '#configure-title' }],
    ],
    refused: [],
  },
  lead: {
    nav: {
      en: { includes: ['Overview', 'Key rotation', 'Findings'], excludes: ['Reports'] },
      ko: { includes: ['개요', '키 교체', '발견 사항'], excludes: ['보고서'] },
    },
    offered: [],
    // Settings are read-only for a lead: the policy, team and country forms are the CISO's.
    absent: [
      ['/reports', { testId: 'generate-report' }],
      ['/settings', { css: '#policy-form-title' }],
      ['/settings', { button: 'Create team' }],
    ],
    refused: ['/reports'],
  },
  viewer: {
    nav: { en: { exactly: ['Overview', 'Budget', 'Reports', 'Administration'] }, ko: { exactly: ['개요', '예산', '보고서', '관리'] } },
    offered: [],
    absent: [
      ['/reports', { testId: 'generate-report' }],
      ['/budget', { testId: 'budget-form' }],
      ['/budget', { button: /Edit/ }],
    ],
    refused: ['/findings', '/people', '/rotation', '/settings', '/connectors'],
  },
};
const ROLE_KEYS = Object.keys(ROLES) as RoleKey[];

const controlOn = (page: Page, control: Control) =>
  'testId' in control ? page.getByTestId(control.testId) : 'button' in control ? page.getByRole('button', { name: control.button }) : page.locator(control.css);

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

  describe.each(ROLE_KEYS)('as %s', (role) => {
    const expected = ROLES[role];

    it('links the areas the role may open, in English and in Korean', async () => {
      const p = page(role);
      for (const lang of ['en', 'ko'] as const) {
        await visit(p, `/?lang=${lang}`);
        const nav = await navTexts(p);
        const want = expected.nav[lang];
        if ('exactly' in want) expect(nav).toEqual(want.exactly);
        else {
          expect(nav).toEqual(expect.arrayContaining(want.includes));
          for (const absent of want.excludes) expect(nav).not.toContain(absent);
        }
      }
      await visit(p, '/?lang=en');
    });

    it('offers the actions the role may take and no others, and says a page it cannot open is not theirs', async () => {
      const p = page(role);
      for (const [path, control] of expected.offered) {
        await visit(p, path);
        await controlOn(p, control).first().waitFor();
      }
      for (const [path, control] of expected.absent) {
        await visit(p, path);
        await p.locator('main h1, [data-testid="admin-refused"]').first().waitFor();
        await settle(p);
        expect([path, control, await controlOn(p, control).count()]).toEqual([path, control, 0]);
      }
      for (const path of expected.refused) {
        await visit(p, path);
        await p.getByTestId('admin-refused').waitFor();
      }
    });
  });

  it("gives a CISO the administration hub's API tokens and upload only", async () => {
    const p = page('ciso');
    await visit(p, '/admin');
    const hub = p.getByRole('main').getByRole('navigation', { name: 'Administration' });
    await hub.getByRole('link').first().waitFor();
    expect(await hub.getByRole('link').allInnerTexts()).toEqual(['API tokens', 'Upload a file']);
  });

  it("shows an engineering lead their teams' top risks and open findings, the organisation's one click away", async () => {
    const p = page('lead');
    await visit(p, '/?lang=en');
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
  });

  it('gives a board viewer top risks without links, and the score explanation without the evidence behind it', async () => {
    const p = page('viewer');
    await visit(p, '/?lang=en');
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
    await visit(p, '/budget');
    await p.getByRole('heading', { level: 1, name: 'Budget' }).waitFor();
  });

  it('gives a board viewer the reports to read in Korean, with nothing to generate', async () => {
    const viewer = page('viewer');
    await visit(viewer, '/reports?lang=ko');
    await viewer.getByRole('heading', { level: 1, name: '보고서' }).waitFor();
    await settle(viewer);
    expect(await viewer.getByTestId('generate-report').count()).toBe(0);
    await screenshot(viewer, 'role-viewer-reports-ko');
    await visit(viewer, '/?lang=en');
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
