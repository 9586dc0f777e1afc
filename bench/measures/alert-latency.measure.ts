import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { NotificationChannelService, NotificationWorker, verifyWebhook } from '@postureboard/server-notifications';
import type { Measure } from '../output/bench-result.js';
import { median, round } from '../output/bench-stats.util.js';

const TARGET_SECONDS = 60;
export const ALERT_LATENCY_GOAL = `ingest → CRITICAL alert at the webhook ≤ ${TARGET_SECONDS} s`;
const CHANNEL = 'bench-alert-latency';

/** One trial's cause: commits a change that creates a new CRITICAL finding, and says when it committed. */
export type CriticalTrigger = (trial: number) => Promise<{ committedAt: Date }>;

interface Arrival {
  at: number;
  type: string;
  findingId: string | null;
}

/**
 * From the commit of a change creating a CRITICAL finding (in the bench, an ingest that the evaluation worker then
 * evaluates) to a local webhook receiver getting the signed `finding.critical` message, with the default delivery
 * settings (relay every 2 s, pg-boss polling every 2 s) and a notification worker in this process, as
 * `postureboard worker` runs one. The receiver verifies the signature, as receivers should. Median of `trials`.
 */
export async function measureAlertLatency(
  app: INestApplicationContext,
  org: { slug: string },
  trigger: CriticalTrigger,
  log: (line: string) => void,
  options: { trials?: number; timeoutSeconds?: number } = {},
): Promise<Measure & { seconds: number | null }> {
  const trials = options.trials ?? 3;
  const timeoutMs = (options.timeoutSeconds ?? 10 * TARGET_SECONDS) * 1000;
  const secret = randomBytes(24).toString('hex');
  const arrivals: Arrival[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const at = performance.now();
      const body = Buffer.concat(chunks).toString('utf8');
      const signed = verifyWebhook(secret, body, String(request.headers['postureboard-signature'] ?? ''), new Date());
      response.writeHead(signed ? 200 : 401).end();
      if (!signed) return;
      const message = JSON.parse(body) as { type: string; data?: { findingId?: string } };
      arrivals.push({ at, type: message.type, findingId: message.data?.findingId ?? null });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  // The receiver is on this machine: the outbound gate must be told, as an operator would for an internal SIEM.
  const allowed = process.env['POSTUREBOARD_OUTBOUND_ALLOW'];
  process.env['POSTUREBOARD_OUTBOUND_ALLOW'] = [allowed, '127.0.0.1', '::1'].filter(Boolean).join(',');
  const channels = app.get(NotificationChannelService, { strict: false });
  const worker = app.get(NotificationWorker, { strict: false });
  await channels.add(org.slug, { type: 'webhook', name: CHANNEL, url: `http://localhost:${(server.address() as AddressInfo).port}/alerts`, secret });
  await worker.start();
  const seconds: (number | null)[] = [];
  try {
    for (let trial = 1; trial <= trials; trial++) {
      const before = arrivals.length;
      const { committedAt } = await trigger(trial);
      const committed = performance.now() - (Date.now() - committedAt.getTime());
      const deadline = Date.now() + timeoutMs;
      let arrival: Arrival | undefined;
      while (!arrival && Date.now() < deadline) {
        arrival = arrivals.slice(before).find((a) => a.type === 'finding.critical');
        if (!arrival) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const took = arrival ? round((arrival.at - committed) / 1000, 2)! : null;
      seconds.push(took);
      log(`  trial ${trial}: committed; the CRITICAL alert reached the webhook after ${took ?? `more than ${timeoutMs / 1000}`} s`);
    }
  } finally {
    await worker.stop();
    await channels.remove(org.slug, CHANNEL).catch(() => undefined);
    if (allowed === undefined) delete process.env['POSTUREBOARD_OUTBOUND_ALLOW'];
    else process.env['POSTUREBOARD_OUTBOUND_ALLOW'] = allowed;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  const measured = seconds.filter((s): s is number => s !== null);
  const medianSeconds = measured.length === trials ? round(median(measured), 2)! : null;
  return {
    ours: { seconds: medianSeconds, trials: seconds, maxSeconds: measured.length > 0 ? Math.max(...measured) : null },
    baseline: null,
    ratio: null,
    ratioOf: null,
    seconds: medianSeconds,
    targets: [
      {
        goal: ALERT_LATENCY_GOAL,
        met: medianSeconds === null ? false : medianSeconds <= TARGET_SECONDS,
        ...(medianSeconds === null ? { note: `${trials - measured.length} of ${trials} alerts did not arrive within ${timeoutMs / 1000} s` } : {}),
      },
    ],
  };
}
