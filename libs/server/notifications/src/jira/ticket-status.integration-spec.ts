import { TicketStatusWatcher } from './ticket-status-watcher.js';
import { HttpReceiver, waitUntil } from '../testing/http-receiver.js';
import { createNotificationsTestContext, type NotificationsTestContext } from '../testing/notifications-test-context.js';

const CLOUD_TOKEN = 'jira-cloud-token-123';
const DC_TOKEN = 'jira-dc-pat-456';
const OPTIONS = { baseDelayMs: 200, maxDelayMs: 1_000, maxAttempts: 3, requestTimeoutMs: 3_000, relayIntervalMs: 150, pollingIntervalSeconds: 0.5 };
const TIMEOUT = 120_000;

/** A Jira issue's answer to `GET …/issue/KEY?fields=status`, as Cloud (v3) and Data Center (v2) both give it. */
const issue = (key: string, name: string, category: 'new' | 'indeterminate' | 'done') => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ id: '1', key, fields: { status: { name, id: '3', statusCategory: { id: 3, key: category, name: category } } } }),
});

describe('Jira tickets closed while their finding is still detected', () => {
  let a: NotificationsTestContext;
  let watcher: TicketStatusWatcher;
  const jira = new HttpReceiver();
  const siem = new HttpReceiver();
  const statuses: Record<string, ReturnType<typeof issue> | { status: number; body: string }> = {};
  const finding: Record<string, string> = {};

  beforeAll(async () => {
    await Promise.all([jira.start(), siem.start()]);
    jira.respond = (r) => {
      const cloud = /^\/rest\/api\/3\/issue\/([A-Z]+-\d+)\?fields=status$/.exec(r.url);
      const dc = /^\/jira\/rest\/api\/2\/issue\/([A-Z]+-\d+)\?fields=status$/.exec(r.url);
      if (cloud && r.headers.authorization === `Basic ${Buffer.from(`bot@acme.test:${CLOUD_TOKEN}`).toString('base64')}`) return statuses[cloud[1]!] ?? { status: 404 };
      if (dc && r.headers.authorization === `Bearer ${DC_TOKEN}`) return statuses[dc[1]!] ?? { status: 404 };
      return { status: 401, body: '{"errorMessages":["unauthorized"]}' };
    };
    a = await createNotificationsTestContext(OPTIONS);
    watcher = a.app.get(TicketStatusWatcher);
    const slug = a.organization.slug;
    await a.channels.add(slug, { type: 'jira', name: 'cloud-jira', url: jira.url, secret: CLOUD_TOKEN, options: { deployment: 'cloud', email: 'bot@acme.test', projectKey: 'SEC' } });
    await a.channels.add(slug, { type: 'jira', name: 'dc-jira', url: `${jira.url}/jira`, secret: DC_TOKEN, options: { deployment: 'datacenter', projectKey: 'OPS' } });
    await a.channels.add(slug, { type: 'webhook', name: 'siem', url: `${siem.url}/hook`, secret: 'whsec-0123456789abcdef' });
    const channels = Object.fromEntries((await a.channels.list(slug)).map((c) => [c.name, c.id]));
    for (const [name, status, key, channel] of [
      ['open-cloud', 'OPEN', 'SEC-1', 'cloud-jira'],
      ['acknowledged-dc', 'ACKNOWLEDGED', 'OPS-2', 'dc-jira'],
      ['resolved', 'RESOLVED', 'SEC-3', 'cloud-jira'],
    ] as const) {
      const [row] = await a.query<{ id: string }>(
        `INSERT INTO finding (organization_id, fingerprint, kind, title, domain, severity, status, subject_type, subject_external_id, subject_name, evidence, details, first_detected_at, last_detected_at, due_at)
         VALUES ($1, $2, 'LEAVER_ACTIVE_ACCESS', $2, 'ACCESS_GOVERNANCE', 'CRITICAL', $3, 'IDENTITY', 'E1', 'Kim', '[]', '{}', now(), now(), now()) RETURNING id`,
        [a.organization.id, name, status],
      );
      finding[name] = row!.id;
      await a.query(`INSERT INTO finding_ticket (finding_id, organization_id, channel_id, ticket_key, ticket_url) VALUES ($1, $2, $3, $4, $5)`, [
        row!.id,
        a.organization.id,
        channels[channel],
        key,
        `${jira.url}/browse/${key}`,
      ]);
    }
  }, TIMEOUT);

  afterAll(async () => {
    await a.close();
    await Promise.all([jira.stop(), siem.stop()]);
  });

  const ticket = (name: string) => a.channels.ticketOf(a.organization.slug, finding[name]!);
  const closedMessages = () => a.query<{ id: string; deliveries: number }>(
    `SELECT m.id, (SELECT count(*)::int FROM notification_delivery d WHERE d.message_id = m.id) AS deliveries FROM notification_message m WHERE m.type = 'finding.ticket_closed' ORDER BY m.created_at`,
  );

  it('reads the status of the tickets of findings still detected (Cloud v3 and Data Center v2) and marks the one Jira closed', async () => {
    statuses['SEC-1'] = issue('SEC-1', 'Done', 'done');
    statuses['OPS-2'] = issue('OPS-2', 'In Progress', 'indeterminate');
    statuses['SEC-3'] = issue('SEC-3', 'Done', 'done');
    expect(await watcher.check()).toEqual({ checked: 2, closed: 1, reopened: 0, failed: 0 });
    expect(jira.received.map((r) => `${r.method} ${r.url}`).sort()).toEqual(['GET /jira/rest/api/2/issue/OPS-2?fields=status', 'GET /rest/api/3/issue/SEC-1?fields=status']);
    expect(await ticket('open-cloud')).toMatchObject({ key: 'SEC-1', status: 'Done', statusCategory: 'done', closedWhileDetectedAt: expect.any(Date) });
    expect(await ticket('acknowledged-dc')).toMatchObject({ key: 'OPS-2', status: 'In Progress', statusCategory: 'indeterminate', closedWhileDetectedAt: null });
    // The resolved finding's ticket is not read: closing it is what should happen.
    expect(await ticket('resolved')).toMatchObject({ key: 'SEC-3', status: null, closedWhileDetectedAt: null });
    // Recorded, but no channel hears of it while no rule names one.
    expect(await closedMessages()).toEqual([{ id: expect.any(String), deliveries: 0 }]);
  });

  it('says it once per closure, clears it when the ticket is reopened, and notifies where a rule sends it', async () => {
    const first = (await ticket('open-cloud'))!.closedWhileDetectedAt;
    expect(await watcher.check()).toEqual({ checked: 2, closed: 0, reopened: 0, failed: 0 });
    expect((await ticket('open-cloud'))!.closedWhileDetectedAt).toEqual(first);
    expect(await closedMessages()).toHaveLength(1);

    statuses['SEC-1'] = issue('SEC-1', 'To Do', 'new');
    expect(await watcher.check()).toEqual({ checked: 2, closed: 0, reopened: 1, failed: 0 });
    expect(await ticket('open-cloud')).toMatchObject({ status: 'To Do', closedWhileDetectedAt: null });

    await a.channels.setRule(a.organization.slug, 'finding.ticket_closed', { channelNames: ['siem'] });
    await a.worker.start();
    statuses['SEC-1'] = issue('SEC-1', 'Won’t Do', 'done');
    expect(await watcher.check()).toEqual({ checked: 2, closed: 1, reopened: 0, failed: 0 });
    const [request] = await waitUntil('the webhook to hear of the closure', async () => (siem.received.length > 0 ? siem.received : null));
    const body = JSON.parse(request!.body) as { type: string; data: Record<string, unknown> };
    expect(body).toMatchObject({ type: 'finding.ticket_closed', data: { findingId: finding['open-cloud'], title: 'open-cloud', ticket: { key: 'SEC-1', status: 'Won’t Do' } } });
    expect(await closedMessages()).toHaveLength(2);
  }, TIMEOUT);

  it('tries again next run when Jira does not answer a status', async () => {
    statuses['OPS-2'] = { status: 500, body: `internal error for Bearer ${DC_TOKEN}` };
    expect(await watcher.check()).toEqual({ checked: 1, closed: 0, reopened: 0, failed: 1 });
    expect(await ticket('acknowledged-dc')).toMatchObject({ status: 'In Progress' });
  });
});
