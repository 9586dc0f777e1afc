import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { HttpReceiver, waitUntil } from '../testing/http-receiver.js';
import { criticalFinding } from '../testing/finding-fixture.js';
import { createNotificationsTestContext, type NotificationsTestContext } from '../testing/notifications-test-context.js';

const SMTP_PASSWORD = 'smtp-pass-word-123';
const SLACK_TOKEN = 'T000/B000/slacksecrettoken123';
const TEAMS_TOKEN = 'teamssecretsig456';
const JIRA_TOKEN = 'jira-api-token-789';
const OPTIONS = { baseDelayMs: 200, maxDelayMs: 1_000, maxAttempts: 3, requestTimeoutMs: 3_000, relayIntervalMs: 150, pollingIntervalSeconds: 0.5, concurrency: 2 };
const TIMEOUT = 120_000;
const PDF = Buffer.from('%PDF-1.7\n% a board report\n%%EOF\n');
const CHECKSUM = createHash('sha256').update(PDF).digest('hex');

describe('delivery to SMTP, Slack, Teams and Jira', () => {
  let a: NotificationsTestContext;
  let smtp: SMTPServer;
  let smtpPort = 0;
  const mails: { from: string; to: string[]; user: string | undefined; secure: boolean; mail: ParsedMail }[] = [];
  let dir: string;
  let ca: string;
  const slack = new HttpReceiver();
  const teams = new HttpReceiver();
  const jira = new HttpReceiver();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pb-smtp-'));
    // A certificate for this machine, so the client verifies STARTTLS for real (trusting it as a private CA).
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    ca = readFileSync(join(dir, 'cert.pem'), 'utf8');
    smtp = new SMTPServer({
      key: readFileSync(join(dir, 'key.pem')),
      cert: ca,
      authMethods: ['PLAIN', 'LOGIN'],
      onAuth(auth, _session, callback) {
        if (auth.username === 'notifier' && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
        else callback(new Error('Invalid username or password'));
      },
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((mail) => {
            mails.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              user: session.user as string | undefined,
              secure: session.secure,
              mail,
            });
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpPort = (smtp.server.address() as AddressInfo).port;
    await Promise.all([slack.start(), teams.start(), jira.start()]);
    a = await createNotificationsTestContext(OPTIONS);
  }, TIMEOUT);

  afterAll(async () => {
    await a.close();
    await Promise.all([slack.stop(), teams.stop(), jira.stop()]);
    await new Promise<void>((resolve) => smtp.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const smtpChannel = (name: string, lang: 'en' | 'ko', to: string[]) =>
    a.channels.add(a.organization.slug, {
      type: 'smtp',
      name,
      lang,
      secret: SMTP_PASSWORD,
      options: { host: '127.0.0.1', port: String(smtpPort), security: 'starttls', from: 'postureboard@acme.test', to, username: 'notifier', tlsCa: ca },
    });

  it('mails the weekly digest over STARTTLS with authentication, in each channel’s language', async () => {
    await smtpChannel('ciso-mail', 'en', ['ciso@acme.test']);
    await smtpChannel('ciso-mail-ko', 'ko', ['ciso-ko@acme.test']);
    await a.worker.start();
    await a.db.dataSource.transaction((manager) =>
      a.outbox.recordDigest(manager, a.organization.id, {
        asOf: '2026-03-02T00:00:00.000Z',
        score: 71,
        scoreChange: -4,
        newFindings: 3,
        resolvedFindings: 1,
        slaBreaches: 2,
        topRisks: [
          {
            findingId: '00000000-0000-4000-8000-00000000000f',
            kind: 'LEAVER_ACTIVE_ACCESS',
            title: 'Departed developer still holds an active token',
            params: { name: 'Kim Departed', departedOn: '2026-02-27', activeAccounts: 0, activeCredentials: 1, daysUsedSince: 3, usedSince: false },
            severity: 'CRITICAL',
          },
        ],
      }),
    );
    await waitUntil('both digests to arrive', async () => mails.length >= 2);
    const en = mails.find((m) => m.to.includes('ciso@acme.test'))!;
    const ko = mails.find((m) => m.to.includes('ciso-ko@acme.test'))!;
    expect(en).toMatchObject({ from: 'postureboard@acme.test', user: 'notifier', secure: true });
    expect(en.mail.subject).toBe('Weekly security posture digest (2026-03-02)');
    expect(en.mail.text).toContain('Score: 71');
    expect(en.mail.text).toContain('Change since last week: -4');
    // Each channel reads the finding in its own language, rendered from its parameters.
    expect(en.mail.text).toContain('[Critical] Kim Departed left on Feb 27, 2026 but still has 1 active credential, used on 3 days since');
    expect(en.mail.text).toContain(`https://pb.example.test/?org=${a.organization.slug}`);
    expect(en.mail.html).toContain(`href="https://pb.example.test/?org=${a.organization.slug}"`);
    expect(en.mail.headers.get('content-language')).toBe('en');
    expect(en.mail.text).not.toContain('00000000-0000-4000-8000-00000000000f');
    expect(ko.mail.subject).toBe('주간 보안 태세 요약 (2026-03-02)');
    expect(ko.mail.text).toContain('점수: 71');
    expect(ko.mail.text).toContain('[심각] Kim Departed: 2026. 2. 27. 퇴사 후에도 활성 자격 증명 1개 유지, 퇴사 후 3일 사용');
    expect(ko.mail.headers.get('content-language')).toBe('ko');
    // The same message id on both: one message, delivered to two channels.
    expect(en.mail.headers.get('x-postureboard-message-id')).toBe(ko.mail.headers.get('x-postureboard-message-id'));
  }, TIMEOUT);

  it('mails a scheduled board report as a PDF attachment to the channel of its language only', async () => {
    mails.length = 0;
    const [report] = (await a.query(
      `INSERT INTO report (organization_id, trigger, generated_by, generated_at, as_of, period_start, period_end, lang, checksum, size_bytes, content)
       VALUES ($1, 'SCHEDULED', 'schedule', now(), '2026-03-02', '2026-02-23', '2026-03-02', 'ko', $4, $2, $3) RETURNING id`,
      [a.organization.id, PDF.length, PDF, CHECKSUM],
    )) as { id: string }[];
    await a.db.dataSource.transaction((manager) =>
      a.outbox.recordReportGenerated(manager, a.organization.id, { id: report!.id, asOf: new Date('2026-03-02T00:00:00Z'), lang: 'ko', checksum: CHECKSUM, sizeBytes: PDF.length }),
    );
    await waitUntil('the report mail to arrive', async () => mails.length >= 1);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(mails).toHaveLength(1);
    const [{ to, mail }] = mails;
    expect(to).toEqual(['ciso-ko@acme.test']);
    expect(mail.subject).toBe('이사회 보고서 (2026-03-02)');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ filename: 'board-report-2026-03-02-ko.pdf', contentType: 'application/pdf' });
    expect(Buffer.compare(mail.attachments[0]!.content, PDF)).toBe(0);
    expect(mail.text).toContain(`https://pb.example.test/reports?org=${a.organization.slug}`);
  }, TIMEOUT);

  it('posts a CRITICAL finding to Slack as Block Kit and to Teams as an Adaptive Card, reading Teams’ throttling answer', async () => {
    await a.channels.add(a.organization.slug, { type: 'slack', name: 'sec-slack', url: `${slack.url}/services/${SLACK_TOKEN}` });
    await a.channels.add(a.organization.slug, { type: 'teams', name: 'sec-teams', url: `${teams.url}/workflows/${TEAMS_TOKEN}` });
    // Mail channels stay out of it for this one.
    await a.channels.setRule(a.organization.slug, 'finding.critical', { channelNames: ['sec-slack', 'sec-teams'] });
    teams.respond = (_r, i) => (i === 0 ? { status: 200, body: 'Microsoft Teams endpoint returned HTTP error 429 with ContextId x' } : { status: 202, body: '' });
    // Slack echoes the request URL in an error (as proxies do): the token must not reach the delivery log.
    slack.respond = (r, i) => (i === 0 ? { status: 500, body: `upstream error for ${r.url}` } : { status: 200, body: 'ok' });
    const finding = criticalFinding();
    await a.db.dataSource.transaction((manager) => a.outbox.recordFindingChanges(manager, a.organization.id, { opened: [finding], escalated: [] }));
    await waitUntil('Slack and Teams to accept', async () => {
      const log = await a.channels.deliveryLog(a.organization.slug, 'sent');
      return log.filter((d) => d.type === 'finding.critical').length === 2;
    });
    const blocks = JSON.parse(slack.received.at(-1)!.body) as { text: string; blocks: { type: string; elements?: { url: string }[] }[] };
    expect(blocks.text).toContain(finding.title);
    expect(blocks.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'actions']);
    expect(blocks.blocks[3]!.elements![0]!.url).toBe(`https://pb.example.test/findings/${finding.id}?org=${a.organization.slug}`);
    const card = JSON.parse(teams.received.at(-1)!.body) as { type: string; attachments: { contentType: string; content: { type: string; version: string; actions: { url: string }[] } }[] };
    expect(card.type).toBe('message');
    expect(card.attachments[0]).toMatchObject({ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.4' } });
    expect(card.attachments[0]!.content.actions[0]!.url).toContain(finding.id);
    expect(teams.received).toHaveLength(2);
    const log = await a.channels.deliveryLog(a.organization.slug, null);
    expect(log.find((d) => d.channelName === 'sec-teams' && d.type === 'finding.critical')).toMatchObject({ attempts: 2 });
    const everything = JSON.stringify(await a.query(`SELECT * FROM notification_delivery`)) + JSON.stringify(await a.channels.list(a.organization.slug));
    for (const secret of [SLACK_TOKEN, TEAMS_TOKEN, SMTP_PASSWORD]) expect(everything).not.toContain(secret);
  }, TIMEOUT);

  it('opens a Jira Cloud issue for a CRITICAL finding with the API token, and keeps its key for the finding', async () => {
    jira.respond = (r) =>
      r.url === '/rest/api/3/issue' && r.headers.authorization === `Basic ${Buffer.from(`bot@acme.test:${JIRA_TOKEN}`).toString('base64')}`
        ? { status: 201, body: JSON.stringify({ id: '10001', key: 'SEC-42', self: `${jira.url}/rest/api/3/issue/10001` }), headers: { 'content-type': 'application/json' } }
        : { status: 401, body: '{"errorMessages":["unauthorized"]}' };
    await a.channels.add(a.organization.slug, {
      type: 'jira',
      name: 'sec-jira',
      url: jira.url,
      secret: JIRA_TOKEN,
      options: { deployment: 'cloud', email: 'bot@acme.test', projectKey: 'SEC', issueType: 'Bug' },
    });
    await a.channels.setRule(a.organization.slug, 'finding.critical', { channelNames: ['sec-jira'] });
    const [identity] = (await a.query(`INSERT INTO finding (organization_id, fingerprint, kind, title, domain, severity, status, subject_type, subject_external_id, subject_name, evidence, details, first_detected_at, last_detected_at, due_at)
      VALUES ($1, 'fp-jira', 'LEAVER_ACTIVE_ACCESS', 'Departed developer still holds an active token', 'ACCESS_GOVERNANCE', 'CRITICAL', 'OPEN', 'IDENTITY', 'E100', 'Kim', '[]', '{}', now(), now(), now()) RETURNING id`,
      [a.organization.id])) as { id: string }[];
    const finding = criticalFinding({ id: identity!.id });
    await a.db.dataSource.transaction((manager) => a.outbox.recordFindingChanges(manager, a.organization.id, { opened: [finding], escalated: [] }));
    const [ticket] = await waitUntil('the ticket key to be kept', async () => {
      const rows = await a.query<{ ticket_key: string; ticket_url: string }>(`SELECT ticket_key, ticket_url FROM finding_ticket WHERE finding_id = $1`, [finding.id]);
      return rows.length > 0 ? rows : null;
    });
    expect(ticket).toEqual({ ticket_key: 'SEC-42', ticket_url: `${jira.url}/browse/SEC-42` });
    const sent = JSON.parse(jira.received.at(-1)!.body) as { fields: Record<string, unknown> };
    expect(sent.fields).toMatchObject({ project: { key: 'SEC' }, issuetype: { name: 'Bug' }, summary: `[Postureboard] ${finding.title}`, description: { type: 'doc', version: 1 } });
    const log = await a.channels.deliveryLog(a.organization.slug, 'sent');
    expect(log.find((d) => d.channelName === 'sec-jira')).toMatchObject({ lastStatusCode: 201, lastResponse: 'created SEC-42' });
    expect(JSON.stringify(log)).not.toContain(JIRA_TOKEN);
  }, TIMEOUT);
  it('comments on the ticket and applies the configured transition when the finding resolves, once', async () => {
    await a.channels.add(a.organization.slug, {
      type: 'jira',
      name: 'sec-jira',
      url: jira.url,
      options: { deployment: 'cloud', email: 'bot@acme.test', projectKey: 'SEC', issueType: 'Bug', resolveTransition: 'done' },
    });
    jira.received.length = 0;
    jira.respond = (r) => {
      if (r.headers.authorization !== `Basic ${Buffer.from(`bot@acme.test:${JIRA_TOKEN}`).toString('base64')}`) return { status: 401 };
      if (r.method === 'POST' && r.url === '/rest/api/3/issue/SEC-42/comment') return { status: 201, body: '{"id":"100"}' };
      if (r.method === 'GET' && r.url === '/rest/api/3/issue/SEC-42/transitions') return { status: 200, body: JSON.stringify({ transitions: [{ id: '21', name: 'In Progress' }, { id: '31', name: 'Done' }] }) };
      if (r.method === 'POST' && r.url === '/rest/api/3/issue/SEC-42/transitions') return { status: 204 };
      return { status: 404 };
    };
    const [{ id }] = await a.query<{ id: string }>(`SELECT finding_id AS id FROM finding_ticket WHERE ticket_key = 'SEC-42'`);
    const resolved = criticalFinding({ id, status: 'RESOLVED', resolvedAt: new Date('2026-03-05T00:00:00Z') });
    const record = () => a.db.dataSource.transaction((manager) => a.outbox.recordFindingChanges(manager, a.organization.id, { opened: [], escalated: [], resolved: [resolved] }));
    expect(await record()).toBe(1);
    expect(await record()).toBe(0);
    await waitUntil('the resolution to reach Jira', async () => (await a.channels.deliveryLog(a.organization.slug, 'sent')).some((d) => d.type === 'finding.resolved'));
    expect(jira.received.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /rest/api/3/issue/SEC-42/comment',
      'GET /rest/api/3/issue/SEC-42/transitions',
      'POST /rest/api/3/issue/SEC-42/transitions',
    ]);
    expect(JSON.parse(jira.received[2]!.body)).toEqual({ transition: { id: '31' } });
    expect(JSON.stringify(JSON.parse(jira.received[0]!.body))).toContain(resolved.id);
    const log = await a.channels.deliveryLog(a.organization.slug, 'sent');
    expect(log.filter((d) => d.type === 'finding.resolved').map((d) => d.channelName)).toEqual(['sec-jira']);
  }, TIMEOUT);

  it('tests a Jira Data Center channel with its personal access token, creating nothing', async () => {
    jira.received.length = 0;
    jira.respond = (r) => (r.headers.authorization === `Bearer ${JIRA_TOKEN}` ? { status: 200, body: '{"key":"OPS"}' } : { status: 401, body: 'no' });
    await a.channels.add(a.organization.slug, { type: 'jira', name: 'dc-jira', url: `${jira.url}/jira`, secret: JIRA_TOKEN, options: { deployment: 'datacenter', projectKey: 'OPS' } });
    expect(await a.channels.test(a.organization.slug, 'dc-jira')).toEqual({ ok: true, statusCode: 200, response: '{"key":"OPS"}', error: null });
    expect(jira.received.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /jira/rest/api/2/project/OPS']);
  });
  it('opens a ticket by hand for a finding that has none, and hands back the one a finding already has', async () => {
    jira.received.length = 0;
    jira.respond = (r) => (r.method === 'POST' && r.url === '/jira/rest/api/2/issue' && r.headers.authorization === `Bearer ${JIRA_TOKEN}` ? { status: 201, body: '{"id":"7","key":"OPS-7"}' } : { status: 400, body: '{"errors":{"project":"no"}}' });
    const [row] = await a.query<{ id: string }>(`INSERT INTO finding (organization_id, fingerprint, kind, title, domain, severity, status, subject_type, subject_external_id, subject_name, evidence, details, first_detected_at, last_detected_at, due_at)
      VALUES ($1, 'fp-manual', 'KEY_UNUSED', 'Unused key', 'KEY_MANAGEMENT', 'MEDIUM', 'OPEN', 'CREDENTIAL', 'AKIA1', 'deploy key', '[]', '{}', now(), now(), now()) RETURNING id`, [a.organization.id]);
    expect(await a.channels.createTicket(a.organization.slug, row!.id, 'dc-jira')).toEqual({ key: 'OPS-7', url: `${jira.url}/jira/browse/OPS-7` });
    const sent = JSON.parse(jira.received[0]!.body) as { fields: { description: string; project: { key: string } } };
    expect(sent.fields.project.key).toBe('OPS');
    expect(sent.fields.description).toContain(`https://pb.example.test/findings/${row!.id}?org=${a.organization.slug}`);
    expect(await a.channels.createTicket(a.organization.slug, row!.id, 'dc-jira')).toEqual({ key: 'OPS-7', url: `${jira.url}/jira/browse/OPS-7` });
    expect(jira.received).toHaveLength(1);
    await expect(a.channels.createTicket(a.organization.slug, row!.id.replace(/.$/, '0'), 'dc-jira')).rejects.toThrow('No finding with id');
  });
});
