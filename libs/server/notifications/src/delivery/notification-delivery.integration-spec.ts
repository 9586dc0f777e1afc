import { verifyWebhook } from '../channels/webhook-signature.util.js';
import { NotificationDeliveryRepository } from '../storage/notification-delivery.repository.js';
import { criticalFinding } from '../testing/finding-fixture.js';
import { HttpReceiver, waitUntil } from '../testing/http-receiver.js';
import { createNotificationsTestContext, type NotificationsTestContext } from '../testing/notifications-test-context.js';

const SECRET = 'whsec-0123456789abcdef';
/** Fast backoff and relaying so retries take a second, not minutes. */
const OPTIONS = { baseDelayMs: 200, maxDelayMs: 2_000, maxAttempts: 3, requestTimeoutMs: 800, relayIntervalMs: 150, pollingIntervalSeconds: 0.5, concurrency: 2 };
const TIMEOUT = 120_000;

interface Delivery {
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  last_response: string | null;
}

describe('notification delivery', () => {
  let a: NotificationsTestContext & { secretKey: string };
  let receiver: HttpReceiver;

  beforeAll(async () => {
    a = await createNotificationsTestContext(OPTIONS);
    receiver = await new HttpReceiver().start();
    await a.channels.add(a.organization.slug, { type: 'webhook', name: 'siem', url: `${receiver.url}/hook`, secret: SECRET });
  }, TIMEOUT);

  afterAll(async () => {
    await receiver.stop();
    await a.close();
  });

  beforeEach(() => {
    receiver.received.length = 0;
    receiver.respond = () => ({ status: 200, body: 'ok' });
  });

  const record = (findings = [criticalFinding()]) =>
    a.db.dataSource.transaction((manager) => a.outbox.recordFindingChanges(manager, a.organization.id, { opened: findings, escalated: [] }));

  const deliveryOf = async (findingId: string): Promise<Delivery> => {
    const [row] = await a.query<Delivery>(
      `SELECT d.* FROM notification_delivery d JOIN notification_message m ON m.id = d.message_id WHERE m.data->>'findingId' = $1`,
      [findingId],
    );
    return row!;
  };

  it('records nothing when the transaction that caused the message rolls back, and records an event once however often it is recorded', async () => {
    const finding = criticalFinding();
    await expect(
      a.db.dataSource.transaction(async (manager) => {
        await a.outbox.recordFindingChanges(manager, a.organization.id, { opened: [finding], escalated: [] });
        throw new Error('the evaluation failed');
      }),
    ).rejects.toThrow('the evaluation failed');
    expect(await a.query(`SELECT 1 FROM notification_message WHERE data->>'findingId' = $1`, [finding.id])).toHaveLength(0);
    expect(await record([finding])).toBe(1);
    expect(await record([finding])).toBe(0);
    expect(await a.query(`SELECT 1 FROM notification_delivery d JOIN notification_message m ON m.id = d.message_id WHERE m.data->>'findingId' = $1`, [finding.id])).toHaveLength(1);
    await a.query(`DELETE FROM notification_message`);
  });

  it('delivers a new CRITICAL finding to the webhook, signed, with the documented body', async () => {
    await a.worker.start();
    const finding = criticalFinding();
    await record([finding]);
    const [request] = await waitUntil('the webhook to be called', async () => (receiver.received.length > 0 ? receiver.received : null));
    expect(request!.headers['content-type']).toBe('application/json');
    expect(verifyWebhook(SECRET, request!.body, String(request!.headers['postureboard-signature']), new Date())).toBe(true);
    expect(verifyWebhook('another-secret-000000', request!.body, String(request!.headers['postureboard-signature']), new Date())).toBe(false);
    const body = JSON.parse(request!.body) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['data', 'id', 'occurredAt', 'organization', 'type']);
    expect(body).toMatchObject({
      type: 'finding.critical',
      organization: { slug: a.organization.slug },
      occurredAt: '2026-03-02T00:00:00.000Z',
      data: {
        kind: 'LEAVER_ACTIVE_ACCESS',
        severity: 'CRITICAL',
        title: finding.title,
        subject: { name: 'Kim Departed', externalId: 'E100' },
        ownerTeam: null,
        dueAt: '2026-03-03T00:00:00.000Z',
        url: `https://pb.example.test/findings/${finding.id}?org=${a.organization.slug}`,
      },
    });
    expect(request!.headers['idempotency-key']).toBe(body['id']);
    await waitUntil('the delivery to be logged as sent', async () => (await deliveryOf(finding.id)).status === 'sent');
    expect(await deliveryOf(finding.id)).toMatchObject({ attempts: 1, last_status_code: 200, last_response: 'ok' });
  }, TIMEOUT);

  it('retries 429 (after Retry-After) and 5xx with backoff, then records the receiver’s answer', async () => {
    const answers = [
      { status: 429, body: 'slow down', headers: { 'retry-after': '1' } },
      { status: 503, body: 'unavailable' },
      { status: 200, body: 'accepted' },
    ];
    const at: number[] = [];
    receiver.respond = (_r, i) => {
      at.push(Date.now());
      return answers[i] ?? { status: 200 };
    };
    const finding = criticalFinding();
    await record([finding]);
    await waitUntil('the third attempt to succeed', async () => (await deliveryOf(finding.id)).status === 'sent');
    expect(receiver.received).toHaveLength(3);
    // Retry-After: 1 second before the second attempt, though the backoff alone would allow 200 ms.
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(950);
    expect(new Set(receiver.received.map((r) => (JSON.parse(r.body) as { id: string }).id)).size).toBe(1);
    expect(await deliveryOf(finding.id)).toMatchObject({ attempts: 3, last_status_code: 200, last_response: 'accepted', last_error: null });
  }, TIMEOUT);

  it('dead-letters after the last attempt, and at once on a 4xx that a retry cannot fix', async () => {
    receiver.respond = (r) => (JSON.parse(r.body) as { data: { title: string } }).data.title === 'gone' ? { status: 410, body: 'no such hook' } : { status: 500, body: 'boom' };
    const failing = criticalFinding();
    const gone = criticalFinding({ title: 'gone' });
    await record([failing, gone]);
    await waitUntil('both to be dead-lettered', async () => (await deliveryOf(failing.id)).status === 'failed' && (await deliveryOf(gone.id)).status === 'failed');
    expect(await deliveryOf(failing.id)).toMatchObject({ attempts: 3, last_status_code: 500, last_error: 'the receiver answered HTTP 500' });
    expect(await deliveryOf(gone.id)).toMatchObject({ attempts: 1, last_status_code: 410, last_response: 'no such hook' });
    expect((await a.channels.deliveryLog(a.organization.slug, 'failed')).map((d) => d.status)).toEqual(['failed', 'failed']);
  }, TIMEOUT);

  it('gives up on a receiver that does not answer within the timeout, and retries it', async () => {
    receiver.respond = (_r, i) => (i === 0 ? 'hang' : { status: 204 });
    const finding = criticalFinding();
    await record([finding]);
    await waitUntil('the retry after the timeout to succeed', async () => (await deliveryOf(finding.id)).status === 'sent');
    expect(await deliveryOf(finding.id)).toMatchObject({ attempts: 2, last_status_code: 204 });
  }, TIMEOUT);

  it('sends each message once with two workers, and an attempt whose worker died mid-delivery once, by a live worker', async () => {
    const b = await createNotificationsTestContext(OPTIONS, a);
    try {
      await b.worker.start();
      const findings = Array.from({ length: 24 }, () => criticalFinding());
      await record(findings);
      await waitUntil('all 24 to be sent', async () => {
        const [{ sent }] = await a.query<{ sent: number }>(`SELECT count(*)::int AS sent FROM notification_delivery WHERE status = 'sent' AND message_id IN (SELECT id FROM notification_message WHERE data->>'findingId' = ANY($1))`, [findings.map((f) => f.id)]);
        return sent === 24;
      });
      const ids = receiver.received.map((r) => (JSON.parse(r.body) as { data: { findingId: string } }).data.findingId);
      expect(ids).toHaveLength(24);
      expect(new Set(ids)).toEqual(new Set(findings.map((f) => f.id)));

      // A worker claims an attempt and dies before it records anything (its lease runs out).
      receiver.received.length = 0;
      await b.worker.stop();
      await a.worker.stop();
      const killed = criticalFinding();
      await record([killed]);
      const [pending] = await a.query<{ id: string }>(`SELECT d.id FROM notification_delivery d JOIN notification_message m ON m.id = d.message_id WHERE m.data->>'findingId' = $1`, [killed.id]);
      const claimed = await a.app.get(NotificationDeliveryRepository).claim(pending!.id, 'worker-killed', 300);
      expect(claimed?.status).toBe('sending');
      await a.worker.start();
      await b.worker.start();
      await waitUntil('the abandoned attempt to be delivered by a live worker', async () => (await deliveryOf(killed.id)).status === 'sent');
      expect(receiver.received).toHaveLength(1);
      expect(await deliveryOf(killed.id)).toMatchObject({ attempts: 2 });
    } finally {
      await b.close();
    }
  }, TIMEOUT);
});
