import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';

/** The channel the triggers of migration 1766900000000 notify on, with the organisation's id as payload. */
export const POSTURE_CHANGED_CHANNEL = 'posture_changed';

const RETRY_MS = 1_000;

/**
 * Which organisations' current-posture reads changed, as PostgreSQL tells at each commit (LISTEN
 * posture_changed, on one connection of its own, opened on first use: processes that never ask, like the
 * CLI, never listen). A reader may keep an answer only while the organisation's epoch is the one it
 * answered under. While the connection is down nothing is heard, so there is no epoch and nothing may be
 * kept; every reconnection starts a new generation, which no earlier answer belongs to.
 */
@Injectable()
export class PostureChangeFeed implements OnApplicationShutdown {
  private readonly logger = new Logger('PostureChangeFeed');
  private client: pg.Client | null = null;
  private connecting = false;
  private live = false;
  private closed = false;
  private retryAt = 0;
  private generation = 0;
  private readonly epochs = new Map<string, number>();

  constructor(private readonly dataSource: DataSource) {}

  /**
   * The organisation's change epoch: equal strings mean no change to its posture reads was committed in
   * between. Null while changes cannot be heard (the first call starts listening).
   */
  epochOf(organizationId: string): string | null {
    if (!this.live) {
      this.listen();
      return null;
    }
    return `${this.generation}.${this.epochs.get(organizationId) ?? 0}`;
  }

  /** Resolves once changes are heard (or `timeoutMs` passed): for callers that want the feed before they start. */
  async ready(timeoutMs = 5_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.live && !this.closed && Date.now() < deadline) {
      this.listen();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.live;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    this.live = false;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private listen(): void {
    if (this.connecting || this.client || this.closed || Date.now() < this.retryAt) return;
    this.connecting = true;
    const url = (this.dataSource.options as { url?: string }).url;
    const client = new pg.Client({ connectionString: url, application_name: 'postureboard-listen' });
    client.on('notification', (message) => {
      if (message.channel !== POSTURE_CHANGED_CHANNEL || !message.payload) return;
      this.epochs.set(message.payload, (this.epochs.get(message.payload) ?? 0) + 1);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    client
      .connect()
      .then(() => client.query(`LISTEN ${POSTURE_CHANGED_CHANNEL}`))
      .then(
        () => {
          if (this.closed) return void client.end().catch(() => undefined);
          this.client = client;
          this.generation += 1;
          this.epochs.clear();
          this.live = true;
        },
        (error: unknown) => this.lost(client, error as Error),
      )
      .finally(() => {
        this.connecting = false;
      });
  }

  private lost(client: pg.Client, error: Error | null): void {
    if (this.client !== null && this.client !== client) return;
    if (this.live && !this.closed) this.logger.warn(`Stopped hearing posture changes (${error?.message ?? 'connection ended'}); answers are not kept until it is back`);
    this.live = false;
    this.client = null;
    this.generation += 1;
    this.retryAt = Date.now() + RETRY_MS;
    client.removeAllListeners('notification');
    client.end().catch(() => undefined);
  }
}
