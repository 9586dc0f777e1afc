import type { AppConfig } from '@postureboard/server-core';

/** How a process takes part in notifications. */
export interface NotificationsModuleOptions {
  /** Claim and deliver messages in this process (the API's in-process worker; `postureboard worker` starts one on demand). */
  worker?: boolean;
  /** Deliveries one worker process sends at a time. */
  concurrency?: number;
  /** Attempts before a delivery is dead-lettered (`failed`). */
  maxAttempts?: number;
  /** First retry delay; doubled per attempt up to maxDelayMs (a longer Retry-After wins). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Limit of one HTTP request or SMTP conversation. */
  requestTimeoutMs?: number;
  /** How often each worker hands due deliveries to the job queue (bounds the alert latency with pollingIntervalSeconds). */
  relayIntervalMs?: number;
  /** How often idle pg-boss workers look for jobs. */
  pollingIntervalSeconds?: number;
  /**
   * A claimed attempt's lease (default 4 × requestTimeoutMs + 30 s): past it the worker is presumed dead. Keep it
   * well above the request timeout, or a slow but live worker is doubled by a second one.
   */
  leaseMs?: number;
  /** How often a worker records SLA reminders that fell due (each is recorded once, whoever finds it first). */
  reminderIntervalMs?: number;
  /** A board report larger than this goes by e-mail as a signed, expiring download link instead of an attachment. */
  maxAttachmentBytes?: number;
}

export interface ResolvedNotificationsOptions extends Required<NotificationsModuleOptions> {
  /** A due delivery handed to the queue this long ago and still pending lost its job: it is handed out again. */
  staleMs: number;
}

export const NOTIFICATIONS_OPTIONS = Symbol('NOTIFICATIONS_OPTIONS');

export const DEFAULT_NOTIFICATIONS_OPTIONS: Required<Omit<NotificationsModuleOptions, 'leaseMs'>> = {
  worker: false,
  concurrency: 4,
  maxAttempts: 8,
  baseDelayMs: 30_000,
  maxDelayMs: 3_600_000,
  requestTimeoutMs: 15_000,
  relayIntervalMs: 2_000,
  pollingIntervalSeconds: 2,
  reminderIntervalMs: 3_600_000,
  // Common mail servers refuse 25 MB and up, after base64.
  maxAttachmentBytes: 15 * 1024 * 1024,
};

export function resolveNotificationsOptions(options: NotificationsModuleOptions): ResolvedNotificationsOptions {
  const resolved = { ...DEFAULT_NOTIFICATIONS_OPTIONS, ...options };
  const leaseMs = options.leaseMs ?? resolved.requestTimeoutMs * 4 + 30_000;
  return { ...resolved, leaseMs, staleMs: leaseMs };
}

/** The address links in messages point to (the same as the OpenID Connect redirect's base). */
export const publicUrlOf = (config: AppConfig): string => (config.POSTUREBOARD_PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
