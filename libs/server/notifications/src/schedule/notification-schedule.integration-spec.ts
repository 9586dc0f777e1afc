import { NotificationScheduleService } from './notification-schedule.service.js';
import { createNotificationsTestContext, type NotificationsTestContext } from '../testing/notifications-test-context.js';

const asOf = new Date('2026-03-02T00:00:00Z');
const day = (d: number) => new Date(asOf.getTime() + d * 86_400_000);

describe('SLA reminders and the weekly digest', () => {
  let a: NotificationsTestContext;
  let schedule: NotificationScheduleService;

  beforeAll(async () => {
    a = await createNotificationsTestContext();
    schedule = a.app.get(NotificationScheduleService);
    const org = a.organization.id;
    const [team] = await a.query<{ id: string }>(`INSERT INTO team (organization_id, name, lead_email) VALUES ($1, 'payments', 'lead@acme.test') RETURNING id`, [org]);
    await a.query(`INSERT INTO notification_channel (organization_id, type, name, config) VALUES ($1, 'smtp', 'mail', '{"to":["ciso@acme.test"]}')`, [org]);
    const finding = (fingerprint: string, severity: string, status: string, dueAt: Date, owner: string | null, firstDetectedAt = day(-30), resolvedAt: Date | null = null) =>
      a.query(
        `INSERT INTO finding (organization_id, fingerprint, kind, title, domain, severity, status, subject_type, subject_external_id, subject_name, owner_team_id,
           evidence, details, first_detected_at, last_detected_at, due_at, resolved_at)
         VALUES ($1, $2, 'KEY_ROTATION_OVERDUE', $2, 'KEY_MANAGEMENT', $3, $4, 'CREDENTIAL', $2, $2, $5, '[]', '{}', $6, $6, $7, $8)`,
        [org, fingerprint, severity, status, owner, firstDetectedAt, dueAt, resolvedAt],
      );
    await finding('due-in-3-days', 'HIGH', 'OPEN', day(3), team!.id);
    await finding('overdue', 'CRITICAL', 'ACKNOWLEDGED', day(-2), team!.id, day(-1));
    await finding('due-in-20-days', 'MEDIUM', 'OPEN', day(20), team!.id);
    await finding('unowned-overdue', 'HIGH', 'OPEN', day(-2), null);
    await finding('accepted-overdue', 'HIGH', 'RISK_ACCEPTED', day(-2), team!.id);
    await finding('resolved-this-week', 'LOW', 'RESOLVED', day(-2), team!.id, day(-40), day(-3));
    for (const [at, score] of [[day(-7), 75.5], [asOf, 71.4]] as const) {
      await a.query(`INSERT INTO score_snapshot (organization_id, as_of, trigger, overall_score, posture) VALUES ($1, $2, 'SCHEDULED', $3, '{}')`, [org, at, score]);
    }
  });

  afterAll(() => a.close());

  it('reminds the owner team’s lead of keys due within 7 days and overdue, once per due date', async () => {
    expect(await schedule.recordSlaReminders(asOf)).toBe(2);
    expect(await schedule.recordSlaReminders(new Date(asOf.getTime() + 3_600_000))).toBe(0);
    const rows = await a.query<{ type: string; title: string; recipients: string[] }>(
      `SELECT m.type, m.data->>'title' AS title, d.recipients FROM notification_message m JOIN notification_delivery d ON d.message_id = m.id
        WHERE m.type LIKE 'sla.%' ORDER BY m.type`,
    );
    expect(rows).toEqual([
      { type: 'sla.due_soon', title: 'due-in-3-days', recipients: ['lead@acme.test'] },
      { type: 'sla.overdue', title: 'overdue', recipients: ['lead@acme.test'] },
    ]);
  });

  it('records one digest per organisation and week, with the score change and the week’s findings', async () => {
    expect(await schedule.recordWeeklyDigests(asOf)).toBe(1);
    expect(await schedule.recordWeeklyDigests(asOf)).toBe(0);
    const [digest] = await a.query<{ data: Record<string, unknown> }>(`SELECT data FROM notification_message WHERE type = 'digest.weekly'`);
    expect(digest!.data).toMatchObject({ asOf: '2026-03-02T00:00:00.000Z', score: 71.4, scoreChange: -4.1, newFindings: 1, resolvedFindings: 1, slaBreaches: 2 });
    expect((digest!.data['topRisks'] as { title: string; url: string }[])[0]).toMatchObject({ title: 'overdue', url: expect.stringMatching(/^https:\/\/pb\.example\.test\/findings\/[0-9a-f-]{36}\?org=/) });
  });

  it('prunes sent and dead-lettered messages older than the retention (90 days by default), keeping pending ones and the reminders of open findings', async () => {
    expect(schedule.retentionDays).toBe(90);
    const org = a.organization.id;
    const [channel] = await a.query<{ id: string }>(`SELECT id FROM notification_channel WHERE organization_id = $1 AND name = 'mail'`, [org]);
    const now = new Date('2026-09-01T00:00:00Z');
    const message = async (key: string, type: string, createdAt: Date, status: string | null, data: Record<string, unknown> = {}) => {
      const [m] = await a.query<{ id: string }>(
        `INSERT INTO notification_message (organization_id, type, dedupe_key, occurred_at, data, created_at) VALUES ($1, $2, $3, $4, $5, $4) RETURNING id`,
        [org, type, key, createdAt, data],
      );
      if (status)
        await a.query(
          `INSERT INTO notification_delivery (message_id, organization_id, channel_id, channel_name, channel_type, status, sent_at, created_at, updated_at)
           VALUES ($1, $2, $3, 'mail', 'smtp', $4, CASE WHEN $4 = 'sent' THEN $5::timestamptz END, $5, $5)`,
          [m!.id, org, channel!.id, status, createdAt],
        );
      return key;
    };
    const daysBefore = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const [openOverdue] = await a.query<{ id: string }>(`SELECT id FROM finding WHERE fingerprint = 'overdue'`);
    await message('old-sent', 'finding.critical', daysBefore(91), 'sent');
    await message('old-failed', 'finding.critical', daysBefore(120), 'failed');
    await message('old-pending', 'finding.critical', daysBefore(200), 'pending');
    await message('recent-sent', 'finding.critical', daysBefore(89), 'sent');
    await message('old-undelivered', 'digest.weekly', daysBefore(100), null);
    await message('old-reminder-open-finding', 'sla.overdue', daysBefore(100), 'sent', { findingId: openOverdue!.id });
    await message('old-reminder-gone-finding', 'sla.overdue', daysBefore(100), 'sent', { findingId: '00000000-0000-4000-8000-000000000000' });
    const keys = async () =>
      (await a.query<{ dedupe_key: string; deliveries: number }>(
        `SELECT m.dedupe_key, count(d.id)::int AS deliveries FROM notification_message m LEFT JOIN notification_delivery d ON d.message_id = m.id
          WHERE m.dedupe_key NOT LIKE '%:%' OR m.dedupe_key LIKE 'old-%' GROUP BY m.dedupe_key ORDER BY m.dedupe_key`,
      )).map((r) => `${r.dedupe_key}/${r.deliveries}`);
    expect(await schedule.pruneDeliveryLog(now)).toEqual({ deliveries: 4, messages: 4 });
    expect(await keys()).toEqual(['old-pending/1', 'old-reminder-open-finding/0', 'recent-sent/1']);
    // The messages of this spec's earlier tests are recent: untouched.
    expect((await a.query(`SELECT 1 FROM notification_message WHERE type = 'digest.weekly'`)).length).toBe(1);
    expect(await schedule.pruneDeliveryLog(now)).toEqual({ deliveries: 0, messages: 0 });
  });
});
