import { Injectable } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { FindingRepository } from '@postureboard/server-database';
import { NotificationOutbox } from '../outbox/notification-outbox.js';
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
  ) {}

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
