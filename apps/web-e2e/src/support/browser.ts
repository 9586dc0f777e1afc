import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const baseUrl = (): string => {
  const url = process.env['E2E_BASE_URL'];
  if (!url) throw new Error('E2E_BASE_URL is not set: run through apps/web-e2e/jest.config.js');
  return url;
};

export const SCREENSHOT_DIR = join(process.cwd(), 'apps/web-e2e/screenshots');

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Debian's chromium, headless, with a fresh profile so no state leaks between test files. */
export async function openBrowser(): Promise<BrowserSession> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'postureboard-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    viewport: { width: 1440, height: 1000 },
    locale: 'en-US',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Opens a path of the app, signing in with the suite's admin when the server asks for it. */
export async function visit(page: Page, path: string): Promise<void> {
  await page.goto(`${baseUrl()}${path}`);
  await page.waitForLoadState('networkidle');
  if (new URL(page.url()).pathname === '/sign-in') {
    await signIn(page);
    await page.goto(`${baseUrl()}${path}`);
    await page.waitForLoadState('networkidle');
  }
}

/** Signs in through the form, as the suite's admin unless other credentials are given. */
export async function signIn(page: Page, as?: { email: string; password: string }): Promise<void> {
  await page.locator('#sign-in-email').fill(as?.email ?? process.env['E2E_ADMIN_EMAIL'] ?? '');
  await page.locator('#sign-in-password').fill(as?.password ?? process.env['E2E_ADMIN_PASSWORD'] ?? '');
  await page.locator('[data-testid="sign-in-submit"]').click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Runs a GraphQL operation with the page's cookies, so tests compare the UI with what the API says. */
export async function graphql<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await page.context().request.post(`${baseUrl()}/graphql`, { data: { query, variables } });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL failed: ${body.errors?.map((e) => e.message).join('; ')}`);
  return body.data;
}
