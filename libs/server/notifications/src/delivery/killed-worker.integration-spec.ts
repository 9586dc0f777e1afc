import { type ChildProcess, spawn } from 'node:child_process';
import { compileNotificationProcess } from '../testing/compiled-process.js';
import { criticalFinding } from '../testing/finding-fixture.js';
import { HttpReceiver, waitUntil } from '../testing/http-receiver.js';
import { createNotificationsTestContext, type NotificationsTestContext } from '../testing/notifications-test-context.js';

const SECRET = 'whsec-killed-worker-0123';
const TIMEOUT = 180_000;
/** The dying worker would wait 20 s for an answer, but its lease ends after 2 s: a killed worker is noticed quickly. */
const CHILD = { requestTimeoutMs: 20_000, leaseMs: 2_000, relayIntervalMs: 150, pollingIntervalSeconds: 0.5 };

describe('a notification worker killed mid-delivery', () => {
  let a: NotificationsTestContext & { secretKey: string };
  let receiver: HttpReceiver;
  let compiled: { entry: string; remove(): void };
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    compiled = compileNotificationProcess();
    a = await createNotificationsTestContext({ relayIntervalMs: 150, pollingIntervalSeconds: 0.5, requestTimeoutMs: 2_000, leaseMs: 2_000 });
    receiver = await new HttpReceiver().start();
    await a.channels.add(a.organization.slug, { type: 'webhook', name: 'siem', url: `${receiver.url}/hook`, secret: SECRET });
  }, TIMEOUT);

  afterAll(async () => {
    child?.kill('SIGKILL');
    await receiver.stop();
    await a.close();
    compiled.remove();
  });

  it('leaves its attempt to a live worker once the lease expires: the message is accepted once, with one id', async () => {
    // Only the child process works at first; the receiver holds the first request open, so the child is mid-delivery.
    receiver.respond = (_r, i) => (i === 0 ? 'hang' : { status: 200, body: 'accepted' });
    const env = { ...process.env, DATABASE_URL: a.db.url, POSTUREBOARD_SECRET_KEY: a.secretKey, NODE_ENV: 'test', NOTIFY_OPTIONS: JSON.stringify(CHILD) };
    child = spawn(process.execPath, [compiled.entry], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child!.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child!.once('exit', (code) => reject(new Error(`the worker process exited (${code})`)));
    });
    const finding = criticalFinding();
    await a.db.dataSource.transaction((manager) => a.outbox.recordFindingChanges(manager, a.organization.id, { opened: [finding], escalated: [] }));
    await waitUntil('the child to be mid-delivery', async () => receiver.received.length === 1);
    const [claimed] = await a.query<{ status: string; claimed_by: string }>(`SELECT status, claimed_by FROM notification_delivery`);
    expect(claimed!.status).toBe('sending');
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    child = undefined;

    await a.worker.start();
    const [delivery] = await waitUntil('a live worker to deliver it', async () => {
      const rows = await a.query<{ status: string; attempts: number; claimed_by: string | null; last_response: string }>(`SELECT * FROM notification_delivery`);
      return rows[0]?.status === 'sent' ? rows : null;
    });
    expect(delivery).toMatchObject({ status: 'sent', attempts: 2, last_response: 'accepted' });
    // Two requests reached the receiver (the first never answered), both as the same message: it dedupes on the id.
    expect(receiver.received).toHaveLength(2);
    const ids = receiver.received.map((r) => (JSON.parse(r.body) as { id: string }).id);
    expect(ids[0]).toBe(ids[1]);
  }, TIMEOUT);
});
