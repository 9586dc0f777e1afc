import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '@postureboard/server-core';
import { reportLinkSigner, reportLinkSubject } from '../delivery/report-link.js';
import { HttpReceiver, waitUntil } from '../testing/http-receiver.js';
import { criticalFinding } from '../testing/finding-fixture.js';
import { createNotificationsTestContext, type NotificationsTestContext } from '../testing/notifications-test-context.js';

const SMTP_PASSWORD = 'smtp-pass-word-123';
const SLACK_TOKEN = 'T000/B000/slacksecrettoken123';
const TEAMS_TOKEN = 'teamssecretsig456';
const JIRA_TOKEN = 'jira-api-token-789';
const PDF = Buffer.from('%PDF-1.7\n% a board report\n%%EOF\n');
/** The mail limit is the size of PDF: a larger report goes as a signed link. */
const OPTIONS = { baseDelayMs: 200, maxDelayMs: 1_000, maxAttempts: 3, requestTimeoutMs: 3_000, relayIntervalMs: 150, pollingIntervalSeconds: 0.5, concurrency: 2, maxAttachmentBytes: PDF.length };
const TIMEOUT = 120_000;
const CHECKSUM = createHash('sha256').update(PDF).digest('hex');

describe('delivery to SMTP, Slack, Teams and Jira', () => {
  let a: NotificationsTestContext & { secretKey: string };
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

  const smtpChannel = (name: string, lang: 'en' | 'ko', to: string[], host = '127.0.0.1') =>
    a.channels.add(a.organization.slug, {
      type: 'smtp',
      name,
      lang,
      secret: SMTP_PASSWORD,
      options: { host, port: String(smtpPort), security: 'starttls', from: 'postureboard@acme.test', to, username: 'notifier', tlsCa: ca },
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

  it('mails a board report larger than the mail limit as a signed link valid for 7 days instead of an attachment', async () => {
    mails.length = 0;
    const large = Buffer.concat([PDF, Buffer.alloc(64, 0x20)]);
    const [report] = (await a.query(
      `INSERT INTO report (organization_id, trigger, generated_by, generated_at, as_of, period_start, period_end, lang, checksum, size_bytes, content)
       VALUES ($1, 'SCHEDULED', 'schedule', now(), '2026-03-09', '2026-03-02', '2026-03-09', 'en', $4, $2, $3) RETURNING id`,
      [a.organization.id, large.length, large, createHash('sha256').update(large).digest('hex')],
    )) as { id: string }[];
    const before = Date.now();
    await a.db.dataSource.transaction((manager) =>
      a.outbox.recordReportGenerated(manager, a.organization.id, { id: report!.id, asOf: new Date('2026-03-09T00:00:00Z'), lang: 'en', checksum: 'x', sizeBytes: large.length }),
    );
    await waitUntil('the report mail to arrive', async () => mails.length >= 1);
    const [{ to, mail }] = mails;
    expect(to).toEqual(['ciso@acme.test']);
    expect(mail.attachments).toHaveLength(0);
    expect(mail.text).toContain('The board report is too large to attach: download it (PDF) with the link below until');
    const href = /https:\/\/pb\.example\.test\/api\/reports\/[^\s"<>]+/.exec(mail.text ?? '')![0];
    const link = new URL(href);
    expect(link.pathname).toBe(`/api/reports/${report!.id}/download`);
    const expires = Number(link.searchParams.get('expires'));
    expect(expires * 1000).toBeGreaterThan(before + 7 * 86_400_000 - 2_000);
    expect(expires * 1000).toBeLessThanOrEqual(Date.now() + 7 * 86_400_000);
    const signer = reportLinkSigner(loadConfig({ POSTUREBOARD_SECRET_KEY: a.secretKey }));
    expect(signer.check(reportLinkSubject(report!.id), String(expires), link.searchParams.get('signature') ?? '', new Date())).toBe('valid');
    expect(mail.html).toContain(`href="${href.replace(/&/g, '&amp;')}"`);
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
    // The key is kept during the attempt, the attempt's outcome recorded just after.
    const log = await waitUntil('the delivery to be recorded as sent', async () => {
      const sent = await a.channels.deliveryLog(a.organization.slug, 'sent');
      return sent.some((d) => d.channelName === 'sec-jira') ? sent : null;
    });
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
    expect(await a.channels.createTicket(a.organization.slug, row!.id, 'dc-jira')).toMatchObject({ key: 'OPS-7', url: `${jira.url}/jira/browse/OPS-7` });
    const sent = JSON.parse(jira.received[0]!.body) as { fields: { description: string; project: { key: string } } };
    expect(sent.fields.project.key).toBe('OPS');
    expect(sent.fields.description).toContain(`https://pb.example.test/findings/${row!.id}?org=${a.organization.slug}`);
    expect(await a.channels.createTicket(a.organization.slug, row!.id, 'dc-jira')).toMatchObject({ key: 'OPS-7', url: `${jira.url}/jira/browse/OPS-7` });
    expect(jira.received).toHaveLength(1);
    await expect(a.channels.createTicket(a.organization.slug, row!.id.replace(/.$/, '0'), 'dc-jira')).rejects.toThrow('No finding with id');
  });

  it('connects to the SMTP server through the outbound gate: a loopback server is refused unless allowed, by address or by name', async () => {
    await smtpChannel('gate-mail', 'en', ['gate@acme.test']);
    // By name: resolved and judged by the gate, and the certificate checked against the configured name.
    await smtpChannel('gate-mail-by-name', 'en', ['gate@acme.test'], 'localhost');
    const allowed = process.env['POSTUREBOARD_OUTBOUND_ALLOW'];
    mails.length = 0;
    try {
      delete process.env['POSTUREBOARD_OUTBOUND_ALLOW'];
      for (const name of ['gate-mail', 'gate-mail-by-name']) {
        const refused = await a.channels.test(a.organization.slug, name);
        expect(refused.ok).toBe(false);
        expect(refused.error).toMatch(/^EOUTBOUNDREFUSED: refused to connect to (127\.0\.0\.1|localhost).*loopback/);
        expect(refused.error).not.toContain(SMTP_PASSWORD);
      }
      expect(mails).toHaveLength(0);
    } finally {
      process.env['POSTUREBOARD_OUTBOUND_ALLOW'] = allowed;
    }
    expect(await a.channels.test(a.organization.slug, 'gate-mail')).toMatchObject({ ok: true, error: null });
    expect(await a.channels.test(a.organization.slug, 'gate-mail-by-name')).toMatchObject({ ok: true, error: null });
    expect(mails.map((m) => ({ to: m.to, secure: m.secure }))).toEqual([
      { to: ['gate@acme.test'], secure: true },
      { to: ['gate@acme.test'], secure: true },
    ]);
  }, TIMEOUT);

  it('writes to users in the language they chose and leaves digest opt-outs out; a list address that is no user keeps the channel’s language', async () => {
    mails.length = 0;
    const org = a.organization.id;
    await a.query(`INSERT INTO app_user (email, notification_lang, digest_opt_out) VALUES ('kim@acme.test', 'ko', false), ('lee@acme.test', 'en', true), ('park@acme.test', NULL, true)`);
    await smtpChannel('pref-mail', 'en', ['Kim@acme.test', 'lee@acme.test', 'park@acme.test', 'security-list@acme.test']);
    for (const type of ['digest.weekly', 'sla.overdue', 'report.delivered'] as const) await a.channels.setRule(a.organization.slug, type, { channelNames: ['pref-mail'] });
    const delivered = async (count: number) => {
      await waitUntil(`${count} mails`, async () => mails.length >= count);
      await new Promise((r) => setTimeout(r, 800));
      const got = mails.map((m) => ({ to: m.to, subject: m.mail.subject, lang: m.mail.headers.get('content-language') })).sort((x, y) => x.to[0]!.localeCompare(y.to[0]!));
      mails.length = 0;
      return got;
    };

    await a.db.dataSource.transaction((manager) =>
      a.outbox.recordDigest(manager, org, { asOf: '2026-03-16T00:00:00.000Z', score: 70, scoreChange: 1, newFindings: 0, resolvedFindings: 0, slaBreaches: 0, topRisks: [] }),
    );
    expect(await delivered(2)).toEqual([
      { to: ['Kim@acme.test'], subject: '주간 보안 태세 요약 (2026-03-16)', lang: 'ko' },
      { to: ['security-list@acme.test'], subject: 'Weekly security posture digest (2026-03-16)', lang: 'en' },
    ]);

    const [team] = await a.query<{ id: string }>(`INSERT INTO team (organization_id, name, lead_email) VALUES ($1, 'platform', 'kim@acme.test') RETURNING id`, [org]);
    const overdue = criticalFinding({ ownerTeamId: team!.id, dueAt: new Date('2026-03-01T00:00:00Z') });
    await a.db.dataSource.transaction((manager) => a.outbox.recordSlaReminders(manager, org, [overdue], new Date('2026-03-02T00:00:00Z')));
    // In Kim's language, title included (rendered from the finding's parameters, not its stored English title).
    expect(await delivered(1)).toEqual([
      { to: ['kim@acme.test'], subject: '키 교체 SLA 기한 초과: Kim Departed: 2026. 2. 27. 퇴사 후에도 활성 자격 증명 1개 유지, 퇴사 후 3일 사용', lang: 'ko' },
    ]);

    // Board reports scheduled in both languages: each recipient gets the one in theirs (park chose none: the channel's).
    await a.query(`INSERT INTO report_schedule (organization_id, enabled, languages) VALUES ($1, true, '{en,ko}')`, [org]);
    for (const lang of ['en', 'ko'] as const) {
      const [report] = await a.query<{ id: string }>(
        `INSERT INTO report (organization_id, trigger, generated_by, generated_at, as_of, period_start, period_end, lang, checksum, size_bytes, content)
         VALUES ($1, 'SCHEDULED', 'schedule', now(), '2026-03-16', '2026-03-09', '2026-03-16', $2, $3, $4, $5) RETURNING id`,
        [org, lang, CHECKSUM, PDF.length, PDF],
      );
      await a.db.dataSource.transaction((manager) =>
        a.outbox.recordReportGenerated(manager, org, { id: report!.id, asOf: new Date('2026-03-16T00:00:00Z'), lang, checksum: CHECKSUM, sizeBytes: PDF.length }),
      );
    }
    const reports = await delivered(2);
    expect(reports).toEqual([
      { to: ['Kim@acme.test'], subject: '이사회 보고서 (2026-03-16)', lang: 'ko' },
      { to: ['lee@acme.test', 'park@acme.test', 'security-list@acme.test'], subject: 'Board report (2026-03-16)', lang: 'en' },
    ]);
  }, TIMEOUT);

  it('writes a finding’s evidence in each channel’s language: Korean mail, Slack and Jira ticket; English mail', async () => {
    mails.length = 0;
    slack.received.length = 0;
    jira.received.length = 0;
    slack.respond = () => ({ status: 200, body: 'ok' });
    jira.respond = (r) => (r.method === 'POST' && r.url === '/jira/rest/api/2/issue' ? { status: 201, body: '{"id":"8","key":"OPS-8"}' } : { status: 400, body: 'no' });
    const slug = a.organization.slug;
    await smtpChannel('evidence-mail-ko', 'ko', ['evidence-ko@acme.test']);
    await smtpChannel('evidence-mail-en', 'en', ['evidence-en@acme.test']);
    await a.channels.add(slug, { type: 'slack', name: 'evidence-slack-ko', lang: 'ko', url: `${slack.url}/services/${SLACK_TOKEN}` });
    await a.channels.add(slug, { type: 'jira', name: 'evidence-jira-ko', lang: 'ko', url: `${jira.url}/jira`, secret: JIRA_TOKEN, options: { deployment: 'datacenter', projectKey: 'OPS' } });
    const channelNames = ['evidence-mail-ko', 'evidence-mail-en', 'evidence-slack-ko', 'evidence-jira-ko'];
    await a.channels.setRule(slug, 'finding.critical', { channelNames });
    await a.worker.start();
    const [row] = await a.query<{ id: string }>(`INSERT INTO finding (organization_id, fingerprint, kind, title, domain, severity, status, subject_type, subject_external_id, subject_name, evidence, details, first_detected_at, last_detected_at, due_at)
      VALUES ($1, 'fp-evidence', 'LEAVER_ACTIVE_ACCESS', 'Kim Departed left', 'ACCESS_GOVERNANCE', 'CRITICAL', 'OPEN', 'IDENTITY', 'E100', 'Kim Departed', '[]', '{}', now(), now(), now()) RETURNING id`, [a.organization.id]);
    // The stored summary is English; the record's data is what each language is written from.
    const evidence = [{ source: 'okta-system-log', type: 'use-after-departure', summary: '3 events, 1.2 GB on Feb 28, 2026 from China', data: { events: 3, bytes: 1_200_000_000, day: '2026-02-28', country: 'CN' } }];
    const finding = criticalFinding({ id: row!.id, evidence });
    await a.db.dataSource.transaction((manager) => a.outbox.recordFindingChanges(manager, a.organization.id, { opened: [finding], escalated: [] }));
    await waitUntil('every channel to accept', async () => {
      const sent = await a.channels.deliveryLog(slug, 'sent');
      return channelNames.every((name) => sent.some((d) => d.channelName === name && d.type === 'finding.critical'));
    });

    const ko = mails.find((m) => m.to.includes('evidence-ko@acme.test'))!;
    const en = mails.find((m) => m.to.includes('evidence-en@acme.test'))!;
    expect(ko.mail.text).toContain('근거:\n• 2026. 2. 28.: 중국에서 이벤트 3건, 1.2GB');
    expect(ko.mail.text).not.toContain('3 events');
    expect(en.mail.text).toContain('Evidence:\n• 3 events, 1.2 GB on Feb 28, 2026 from China');
    expect(slack.received.at(-1)!.body).toContain('중국에서 이벤트 3건');
    expect(slack.received.at(-1)!.body).not.toContain('3 events');
    const ticket = JSON.parse(jira.received.at(-1)!.body) as { fields: { summary: string; description: string } };
    expect(ticket.fields.summary).toBe('[Postureboard] Kim Departed: 2026. 2. 27. 퇴사 후에도 활성 자격 증명 1개 유지, 퇴사 후 3일 사용');
    expect(ticket.fields.description).toContain('2026. 2. 28.: 중국에서 이벤트 3건, 1.2GB');
    expect(ticket.fields.description).toContain('담당 팀: 담당 팀 없음');
    expect(ticket.fields.description).not.toContain('3 events');
  }, TIMEOUT);
});
