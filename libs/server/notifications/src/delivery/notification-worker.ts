import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { PgClientRepository } from '@postureboard/server-database';
import { NOTIFICATIONS_OPTIONS, type ResolvedNotificationsOptions } from '../notifications.options.js';
import { NotificationScheduleService } from '../schedule/notification-schedule.service.js';
import { NotificationDeliveryRepository } from '../storage/notification-delivery.repository.js';
import { TicketStatusWatcher } from '../jira/ticket-status-watcher.js';
import { NotificationDeliverer } from './notification-deliverer.js';

/** pg-boss keeps its tables in their own schema (shared with the ingest queue). */
const QUEUE_SCHEMA = 'pgboss';
export const DELIVERY_QUEUE = 'postureboard-notification-delivery';

interface DeliveryJob {
  deliveryId: string;
}

/**
 * Delivers the outbox. Every worker process relays due deliveries to the job queue every `relayIntervalMs`
 * (SKIP LOCKED: each due attempt is handed out once, however many workers relay), and pg-boss spreads the jobs
 * over the workers. Each job is one attempt; the delivery's own state machine (NotificationDeliverer.claim)
 * is what guarantees one attempt at a time, so a duplicate or late job does nothing. Retries are new
 * attempts scheduled on the delivery (backoff, Retry-After), not pg-boss retries, which only cover a handler
 * that crashed.
 */
@Injectable()
export class NotificationWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('NotificationWorker');
  private boss: PgBoss | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reminders: NodeJS.Timeout | undefined;
  private relaying: Promise<void> | undefined;
  private readonly handlers = new Set<Promise<unknown>>();
  /** Aborted when a stop's grace period ends; a new one per start. */
  private shutdown = new AbortController();
  /** Names this process in claims (and so in the delivery log while an attempt runs). */
  readonly id = `worker-${randomUUID()}`;

  constructor(
    private readonly pg: PgClientRepository,
    private readonly deliveries: NotificationDeliveryRepository,
    private readonly deliverer: NotificationDeliverer,
    private readonly schedule: NotificationScheduleService,
    private readonly tickets: TicketStatusWatcher,
    @Inject(NOTIFICATIONS_OPTIONS) private readonly options: ResolvedNotificationsOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.worker) await this.start();
  }

  async start(): Promise<void> {
    if (this.boss) return;
    const boss = new PgBoss({ db: { executeSql: this.pg.executeSql }, schema: QUEUE_SCHEMA, migrate: true, supervise: true, schedule: false });
    boss.on('error', (error) => this.logger.error(`job queue: ${error.message}`));
    await boss.start();
    this.shutdown = new AbortController();
    const queue = {
      name: DELIVERY_QUEUE,
      // A crashed handler only: delivery failures are recorded and rescheduled by the deliverer.
      retryLimit: 2,
      retryDelay: 1,
      expireInSeconds: Math.ceil(this.options.leaseMs / 1000),
    };
    if (await boss.getQueue(DELIVERY_QUEUE)) await boss.updateQueue(DELIVERY_QUEUE, queue);
    else await boss.createQueue(DELIVERY_QUEUE, queue).catch(async (error: unknown) => {
      if (!(await boss.getQueue(DELIVERY_QUEUE))) throw error;
    });
    this.boss = boss;
    for (let i = 0; i < this.options.concurrency; i += 1) {
      await boss.work<DeliveryJob>(DELIVERY_QUEUE, { batchSize: 1, pollingIntervalSeconds: this.options.pollingIntervalSeconds }, async ([job]) => {
        const handled = this.deliverer.deliver(job!.data.deliveryId, this.id, this.shutdown.signal);
        this.handlers.add(handled);
        try {
          await handled;
        } finally {
          this.handlers.delete(handled);
        }
      });
    }
    const tick = (): void => {
      this.relaying ??= this.relay()
        .then(() => undefined)
        .catch((error: Error) => this.logger.error(`relaying notifications failed: ${error.message}`))
        .finally(() => (this.relaying = undefined));
    };
    this.timer = setInterval(tick, this.options.relayIntervalMs);
    this.timer.unref();
    tick();
    // Hourly by default: the reminders that fell due, Jira tickets closed while their finding is still detected,
    // and the delivery log pruned to its retention.
    const remind = (): void => {
      void this.schedule.recordSlaReminders(new Date()).catch((error: Error) => this.logger.error(`recording SLA reminders failed: ${error.message}`));
      void this.tickets.check(new Date()).catch((error: Error) => this.logger.error(`reading Jira ticket statuses failed: ${error.message}`));
      void this.schedule.pruneDeliveryLog(new Date()).catch((error: Error) => this.logger.error(`pruning the delivery log failed: ${error.message}`));
    };
    this.reminders = setInterval(remind, this.options.reminderIntervalMs);
    this.reminders.unref();
  }

  /** Hands due deliveries to the queue; returns how many. */
  async relay(): Promise<number> {
    const boss = this.boss;
    if (!boss) return 0;
    const ids = await this.deliveries.takeDue(100, this.options.maxAttempts, this.options.staleMs);
    if (ids.length > 0) await boss.insert(ids.map((deliveryId) => ({ name: DELIVERY_QUEUE, data: { deliveryId } satisfies DeliveryJob })));
    return ids.length;
  }

  /** Stops relaying and claiming; attempts in progress get a moment, then are aborted (and retried later). */
  async stop(): Promise<void> {
    const boss = this.boss;
    if (!boss) return;
    this.boss = undefined;
    if (this.timer) clearInterval(this.timer);
    if (this.reminders) clearInterval(this.reminders);
    await this.relaying;
    await boss.offWork(DELIVERY_QUEUE);
    const grace = new Promise((resolve) => setTimeout(resolve, this.options.requestTimeoutMs).unref());
    await Promise.race([Promise.allSettled([...this.handlers]), grace]);
    this.shutdown.abort();
    await Promise.allSettled([...this.handlers]);
    await boss.stop({ graceful: true, close: false, wait: true, timeout: 1_000 });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}
