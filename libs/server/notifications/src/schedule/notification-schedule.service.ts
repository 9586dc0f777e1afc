import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@postureboard/server-core';
import type { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { FindingRepository } from '@postureboard/server-database';
import { NotificationOutbox } from '../outbox/notification-outbox.js';
import { NotificationDeliveryRepository } from '../storage/notification-delivery.repository.js';
import { NotificationScheduleRepository } from '../storage/notification-schedule.repository.js';
import { weeklyDigest } from './weekly-digest.util.js';

const WEEK_MS = 7 * 86_400_000;

/**
 * The messages time causes rather than a change: the weekly digest and SLA reminders. Both are idempotent
 * (one message per organisation and week, per finding and due date), so every replica and worker may run them.
 */
@Injectable()
export class NotificationScheduleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schedule: NotificationScheduleRepository,
    private readonly findings: FindingRepository,
    private readonly outbox: NotificationOutbox,
    private readonly deliveries: NotificationDeliveryRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** How many days the delivery log keeps sent and dead-lettered messages (POSTUREBOARD_NOTIFICATION_RETENTION_DAYS). */
  get retentionDays(): number {
    return this.config.POSTUREBOARD_NOTIFICATION_RETENTION_DAYS ?? 90;
  }

  /** Prunes sent and dead-lettered messages older than the retention (NotificationDeliveryRepository.prune). */
  pruneDeliveryLog(now: Date): Promise<{ deliveries: number; messages: number }> {
    return this.deliveries.prune(new Date(now.getTime() - this.retentionDays * 86_400_000));
  }

  /** Records each organisation's weekly digest as of the week's snapshot instant; returns how many were new. */
  async recordWeeklyDigests(asOf: Date): Promise<number> {
    let recorded = 0;
    for (const organizationId of await this.schedule.organizationIds()) {
      const [score, previousScore, findings] = await Promise.all([
        this.schedule.scoreAt(organizationId, asOf),
        this.schedule.scoreAt(organizationId, new Date(asOf.getTime() - WEEK_MS)),
        this.schedule.digestFindings(organizationId, new Date(asOf.getTime() - WEEK_MS)),
      ]);
      const digest = weeklyDigest({ asOf, score, previousScore, findings });
      recorded += await this.dataSource.transaction((manager) => this.outbox.recordDigest(manager, organizationId, digest));
    }
    return recorded;
  }

  /** Records reminders for open, owned findings due within a week or overdue; returns how many were new. */
  async recordSlaReminders(asOf: Date): Promise<number> {
    let recorded = 0;
    for (const organizationId of await this.schedule.organizationIds()) {
      const findings = await this.findings.findAll(organizationId);
      recorded += await this.dataSource.transaction((manager) => this.outbox.recordSlaReminders(manager, organizationId, findings, asOf));
    }
    return recorded;
  }
}

/**
 * The hook the weekly snapshot schedule calls after the week's snapshots and reports: resolved through the
 * module graph, as generateScheduledReports is.
 */
export function recordWeeklyDigests(moduleRef: Pick<ModuleRef, 'get'>, asOf: Date): Promise<number> {
  return moduleRef.get(NotificationScheduleService, { strict: false }).recordWeeklyDigests(asOf);
}
