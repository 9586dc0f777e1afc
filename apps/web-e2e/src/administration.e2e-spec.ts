import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { baseUrl, openBrowser, screenshot, signIn, visit, type BrowserSession } from './support/browser.js';

const SIGNING_SECRET = 'e2e-webhook-signing-secret-0123';
const RECEIVER_ANSWER = 'accepted by the e2e receiver';

// An AWS IAM credential report as AWS writes it: two good rows and a truncated third.
const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
const REPORT = [
  HEADER,
  'e2e-upload-a,arn:aws:iam::111122223333:user/e2e-upload-a,2025-01-28T23:09:18Z,true,2025-01-29T16:46:14Z,2025-01-28T23:09:18Z,N/A,false,true,2025-01-28T23:09:20Z,2025-02-01T10:00:00Z,us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
  'e2e-upload-b,arn:aws:iam::111122223333:user/e2e-upload-b,2025-01-28T23:09:18Z,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
  'e2e-upload-c,arn:aws:iam::111122223333:user/e2e-upload-c,2025-01-28T23:09:18Z',
  '',
].join('\n');

/**
 * Accessibility basics of a page: every form control has an accessible name, nothing reorders the tab
 * sequence with a positive tabindex, and Tab walks the page's controls in reading order.
 */
async function checkAccessibility(page: Page): Promise<void> {
  // Browser-side code is passed as text: this project's TypeScript has no DOM library.
  const problems = (await page.evaluate(`(() => {
    const found = [];
    for (const el of document.querySelectorAll('main input, main select, main textarea, main button')) {
      const named = (el.labels && el.labels.length) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || (el.tagName === 'BUTTON' && el.innerText.trim());
      if (!named) found.push('unnamed ' + el.tagName.toLowerCase() + ' ' + el.outerHTML.slice(0, 80));
    }
    for (const el of document.querySelectorAll('[tabindex]')) if (el.tabIndex > 0) found.push('positive tabindex on ' + el.tagName);
    return found;
  })()`)) as string[];
  expect(problems).toEqual([]);
  await page.locator('#main').focus();
  const order: number[] = [];
  for (let i = 0; i < 8; i += 1) {
    await page.keyboard.press('Tab');
    const position = (await page.evaluate(`[...document.querySelectorAll('main *')].indexOf(document.activeElement)`)) as number;
    if (position < 0) break;
    order.push(position);
  }
  expect(order.length).toBeGreaterThan(0);
  expect(order).toEqual([...order].sort((a, b) => a - b));
}

describe('administration pages', () => {
  let admin: BrowserSession;
  let receiver: Server;
  let receiverUrl: string;
  let received = 0;
  let analystPassword = '';

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received += 1;
        res.writeHead(200, { 'content-type': 'text/plain' }).end(RECEIVER_ANSWER);
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    admin = await openBrowser();
  });
  afterAll(async () => {
    await admin?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('links every administration page for an admin', async () => {
    const { page } = admin;
    await visit(page, '/');
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    const hub = page.getByRole('main').getByRole('navigation', { name: 'Administration' });
    await hub.getByRole('link').first().waitFor();
    expect(await hub.getByRole('link').allInnerTexts()).toEqual(['Members and roles', 'API tokens', 'Audit log', 'Notifications', 'Upload a file']);
    await screenshot(page, 'admin-hub');
  });

  it('adds a webhook channel with a write-only secret, tests it with the receiver answering, toggles a rule and removes it', async () => {
    const { page } = admin;
    await visit(page, '/admin/notifications');
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    const form = page.getByTestId('channel-form');
    await form.getByLabel('Channel name').fill('e2e-siem');
    await form.getByLabel('Receiver URL').fill(receiverUrl);
    await form.getByLabel(/Signing secret/).fill(SIGNING_SECRET);
    await form.getByRole('button', { name: 'Save channel' }).click();
    await form.getByRole('status').filter({ hasText: 'Channel e2e-siem saved.' }).waitFor();
    expect(await form.getByLabel(/Signing secret/).inputValue()).toBe('');
    const row = page.getByTestId('channels-table').getByRole('row').filter({ hasText: 'e2e-siem' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Set: signingSecret');

    await row.getByRole('button', { name: 'Send a test message to e2e-siem' }).click();
    const result = page.getByTestId('test-result');
    await result.waitFor();
    expect(await result.innerText()).toContain(RECEIVER_ANSWER);
    expect(await result.innerText()).toContain('200');
    expect(received).toBe(1);

    // Switching channel type shows that type's fields: SMTP asks for a host, not a receiver URL.
    await form.getByLabel('Type').selectOption('smtp');
    await form.getByLabel('SMTP host').waitFor();
    expect(await form.getByLabel('Receiver URL').count()).toBe(0);

    const rule = page.getByTestId('rule-digest.weekly');
    const before = await rule.isChecked();
    await rule.click();
    await page.locator(`[data-testid="rule-digest.weekly"]${before ? ':not(:checked)' : ':checked'}`).waitFor();
    expect(await page.locator('.state-error').count()).toBe(0);
    // Put the weekly digest back as it was, for the other browser tests sharing this server.
    await page.getByTestId('rule-digest.weekly').click();
    await page.locator(`[data-testid="rule-digest.weekly"]${before ? ':checked' : ':not(:checked)'}`).waitFor();

    await page.getByTestId('delivery-status').selectOption('failed');
    await page.waitForLoadState('networkidle');
    expect(await page.locator('.state-error').count()).toBe(0);
    await screenshot(page, 'admin-notifications');
    await checkAccessibility(page);
    expect(await page.locator('body').innerText()).not.toContain(SIGNING_SECRET);

    await row.getByRole('button', { name: 'Remove e2e-siem' }).click();
    await row.getByRole('button', { name: 'Yes, remove e2e-siem' }).click();
    await page.getByText('Channel e2e-siem removed.').waitFor();
    await row.waitFor({ state: 'detached' });
    expect(await page.getByRole('cell', { name: 'e2e-siem' }).count()).toBe(0);
  });

  it('shows the notifications page in Korean with every label translated', async () => {
    const { page } = admin;
    await visit(page, '/admin/notifications?lang=ko');
    await page.getByRole('heading', { level: 1, name: '알림' }).waitFor();
    await page.getByRole('heading', { name: '전달 기록' }).waitFor();
    expect(await page.evaluate(`getComputedStyle(document.querySelector('.admin-page')).wordBreak`)).toBe('keep-all');
    await screenshot(page, 'admin-notifications-ko');
    await visit(page, '/admin/notifications?lang=en');
  });

  it('adds a member with a first password shown once', async () => {
    const { page } = admin;
    await visit(page, '/admin/members');
    await page.getByRole('heading', { level: 1, name: 'Members and roles' }).waitFor();
    await page.getByTestId('member-email').fill('e2e.analyst@postureboard.test');
    await page.getByTestId('member-new-role').selectOption('ANALYST');
    await page.getByTestId('member-save').click();
    analystPassword = (await page.getByTestId('first-password').innerText()).trim();
    expect(analystPassword.length).toBeGreaterThanOrEqual(16);
    const row = page.getByTestId('members-table').getByRole('row').filter({ hasText: 'e2e.analyst@postureboard.test' });
    await row.waitFor();
    expect(await row.getByLabel('Role of e2e.analyst@postureboard.test').inputValue()).toBe('ANALYST');
    await screenshot(page, 'admin-members');
    await checkAccessibility(page);
  });

  it('issues an API token shown once, then revokes it', async () => {
    const { page } = admin;
    await visit(page, '/admin/api-tokens');
    await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();
    await page.getByTestId('token-name').fill('e2e-automation');
    await page.getByTestId('token-issue').click();
    const secret = (await page.getByTestId('token-secret').innerText()).trim();
    expect(secret).toMatch(/^pbt_/);
    const row = page.getByTestId('token-row').filter({ hasText: 'e2e-automation' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Never');
    expect(await row.innerText()).not.toContain(secret);
    await screenshot(page, 'admin-api-tokens');
    await page.reload();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('body').innerText()).not.toContain(secret);
    await checkAccessibility(page);
    await row.getByRole('button', { name: 'Revoke e2e-automation' }).click();
    await row.getByRole('button', { name: 'Yes, revoke e2e-automation' }).click();
    await row.getByText('Revoked').waitFor();
  });

  it('filters the audit log and verifies the chain', async () => {
    const { page } = admin;
    await visit(page, '/admin/audit-log');
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await page.getByTestId('audit-table').waitFor();
    expect(await page.getByTestId('audit-table').locator('tbody tr td:nth-child(4)').allInnerTexts()).toContain('membership.set');
    await page.getByTestId('audit-action').fill('api-token.');
    // The table follows the filter: wait until it shows no other action (it times out if the filter is ignored).
    // Polled from here, not with a string predicate in the page: its CSP (script-src 'self') refuses evaluating strings.
    const cells = page.getByTestId('audit-table').locator('tbody tr td:nth-child(4)');
    for (let attempt = 0; attempt < 100; attempt++) {
      const shown = await cells.allInnerTexts();
      if (shown.length > 0 && shown.every((c) => c.startsWith('api-token.'))) break;
      await page.waitForTimeout(100);
    }
    const actions = await page.getByTestId('audit-table').locator('tbody tr td:nth-child(4)').allInnerTexts();
    expect(actions.length).toBeGreaterThanOrEqual(2);
    expect(actions.every((a) => a.startsWith('api-token.'))).toBe(true);
    await page.getByTestId('verify-chain').click();
    const result = page.getByTestId('chain-result');
    await result.waitFor();
    expect(await result.innerText()).toMatch(/The chain is intact: [\d,]+ entries checked\./);
    await screenshot(page, 'admin-audit-log');
    await checkAccessibility(page);
  });

  it('uploads a credential report and shows the rejected line with its reason, never a server path', async () => {
    const { page } = admin;
    await visit(page, '/connectors');
    // The connector card's link opens the upload page with its source chosen.
    await page.getByRole('link', { name: 'Upload a file for iam-credential-report' }).click();
    await page.getByRole('heading', { level: 1, name: 'Upload a file' }).waitFor();
    expect(await page.getByTestId('upload-source').inputValue()).toBe('iam-credential-report');
    await page.getByTestId('upload-input').setInputFiles({ name: 'credential-report.csv', mimeType: 'text/csv', buffer: Buffer.from(REPORT) });
    await page.getByTestId('upload-chosen').waitFor();
    await page.getByTestId('upload-start').click();
    const result = page.getByTestId('upload-result');
    await result.or(page.getByTestId('upload-failed')).waitFor({ timeout: 30000 });
    await screenshot(page, 'admin-upload');
    await checkAccessibility(page);
    expect(await page.getByTestId('upload-failed').count()).toBe(0);
    const text = await result.innerText();
    expect(text).toContain('Result for credential-report.csv');
    // Three observations: two IAM users and the first one's active access key.
    expect(text).toContain('3 accepted, 1 rejected');
    expect(text).not.toContain('upload:');
    const rejected = page.getByTestId('rejected-lines').locator('tbody tr');
    expect(await rejected.count()).toBe(1);
    const cells = await rejected.first().locator('td').allInnerTexts();
    expect(cells[0]).toBe('credential-report.csv');
    expect(cells[1]).toBe('4');
    expect(cells[3]).toMatch(/expected 22 fields/);
    expect(await page.locator('body').innerText()).not.toMatch(/\/tmp\/|pb-upload-|postureboard-uploads/);
    await screenshot(page, 'admin-upload');
  });

  it('shows every administration page in Korean: headings, column headers, labels and buttons', async () => {
    const { page } = admin;
    // Names that stay as they are in Korean text (products, roles written in Latin letters, the sequence sign).
    const untranslated = new Set(['#', 'CISO', 'Slack', 'Jira', 'Microsoft Teams', 'English']);
    for (const path of ['/admin', '/admin/members', '/admin/api-tokens', '/admin/audit-log', '/admin/notifications', '/connectors/upload']) {
      await visit(page, `${path}?lang=ko`);
      await page.locator('main h1').waitFor();
      await page.locator('.state-loading').first().waitFor({ state: 'detached' }).catch(() => undefined);
      await page.waitForLoadState('networkidle');
      const english = ((await page.evaluate(`[...document.querySelectorAll('main h1, main h2, main th[scope="col"], main label, main button, main legend, main caption')]
        .map((el) => (el.textContent || '').trim())`)) as string[]).filter((text) => text !== '' && !/[가-힣]/.test(text) && !untranslated.has(text));
      expect([path, english]).toEqual([path, []]);
      await screenshot(page, `admin-ko${path.replace(/\//g, '-')}`);
    }
    await visit(page, '/admin?lang=en');
  });

  it('fits every administration page on a 390 px phone screen in Korean (wide tables scroll inside their card)', async () => {
    const { page } = admin;
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const path of ['/admin', '/admin/members', '/admin/api-tokens', '/admin/audit-log', '/admin/notifications', '/connectors/upload']) {
        await visit(page, `${path}?lang=ko`);
        await page.locator('main h1').waitFor();
        await page.waitForLoadState('networkidle');
        const overflow = (await page.evaluate(`document.querySelector('main').scrollWidth - document.querySelector('main').clientWidth`)) as number;
        expect([path, overflow]).toEqual([path, 0]);
        await screenshot(page, `admin-390${path.replace(/\//g, '-')}`);
      }
    } finally {
      await page.setViewportSize({ width: 1440, height: 1000 });
      await visit(page, '/admin?lang=en');
    }
  });

  it('takes a file dropped on the drop zone, with the source a connector card chose', async () => {
    const { page } = admin;
    await visit(page, '/connectors/upload?source=hr-roster');
    expect(await page.getByTestId('upload-source').inputValue()).toBe('hr-roster');
    await page.getByTestId('upload-source').selectOption('iam-credential-report');
    // A real drop event carrying a file, as a browser fires it when a file is dragged in from the desktop.
    const transfer = await page.evaluateHandle(`(() => {
      const data = new DataTransfer();
      data.items.add(new File([${JSON.stringify(REPORT)}], 'dropped-report.csv', { type: 'text/csv' }));
      return data;
    })()`);
    await page.getByTestId('drop-zone').dispatchEvent('dragover', { dataTransfer: transfer });
    await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
    expect(await page.getByTestId('upload-chosen').innerText()).toContain('dropped-report.csv');
    await page.getByTestId('upload-start').click();
    await page.getByTestId('upload-result').waitFor();
    expect(await page.getByTestId('upload-result').innerText()).toContain('Result for dropped-report.csv');
    expect(await page.getByTestId('upload-result').innerText()).toContain('3 accepted, 1 rejected');
    // The same file again changes nothing, and says so.
    await page.getByTestId('upload-start').click();
    await page.getByTestId('upload-result').filter({ hasText: '0 new, 0 changed, 3 unchanged' }).waitFor();
  });

  describe('as an analyst', () => {
    let analyst: BrowserSession;
    beforeAll(async () => {
      analyst = await openBrowser();
    });
    afterAll(async () => {
      await analyst?.close();
    });

    it('links only the pages an analyst may use, and the others refuse', async () => {
      expect(analystPassword).not.toBe('');
      const { page } = analyst;
      await page.goto(`${baseUrl()}/sign-in`);
      await page.waitForLoadState('networkidle');
      await signIn(page, { email: 'e2e.analyst@postureboard.test', password: analystPassword });
      await visit(page, '/admin');
      await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
      const hub = page.getByRole('main').getByRole('navigation', { name: 'Administration' });
      await hub.getByRole('link').first().waitFor();
      expect(await hub.getByRole('link').allInnerTexts()).toEqual(['API tokens', 'Upload a file']);
      await screenshot(page, 'admin-hub-analyst');
      for (const path of ['/admin/members', '/admin/notifications', '/admin/audit-log']) {
        await visit(page, path);
        await page.getByTestId('admin-refused').waitFor();
        expect(await page.locator('table').count()).toBe(0);
      }
      await screenshot(page, 'admin-refused-analyst');
      // An analyst manages their own tokens only.
      await visit(page, '/admin/api-tokens');
      await page.getByRole('heading', { name: 'Your tokens' }).waitFor();
      expect(await page.getByText('e2e-automation').count()).toBe(0);
    });
  });
});
