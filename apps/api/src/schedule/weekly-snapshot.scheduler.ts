import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { OrganizationService } from '@postureboard/server-organization';
import { PostureService } from '@postureboard/server-posture';
import { recordWeeklyDigests } from '@postureboard/server-notifications';
import { generateScheduledReports } from '@postureboard/server-reports';

const HOUR = 3600 * 1000;

/** Monday 00:00 UTC of the week containing `at`: a week's snapshot is the first stored posture of the week. */
export function weekStartOf(at: Date): Date {
  const day = at.getUTCDay(); // 0 = Sunday
  const daysSinceMonday = (day + 6) % 7;
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() - daysSinceMonday));
}

/**
 * Takes each organization's weekly snapshot from its stored posture (and then its scheduled board reports and
 * the weekly digest):
 * one per organisation and week, as of the stored evaluation's instant, never evaluated here. A week whose
 * stored posture is still from the week before waits for the day's evaluation (checked every hour). Every API
 * replica runs it; snapshots are unique per organization and instant, and scheduled reports per organization,
 * date and language, so a week is stored exactly once however many replicas check.
 */
@Injectable()
export class WeeklySnapshotScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WeeklySnapshots');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly organizations: OrganizationService,
    private readonly posture: PostureService,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => void this.runDue(new Date()).catch((e: Error) => this.logger.error(`weekly snapshot failed: ${e.message}`));
    // Check a minute after start (a server started mid-week catches up), then every hour.
    setTimeout(tick, 60_000).unref();
    this.timer = setInterval(tick, HOUR);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Stores this week's snapshot for every organization that lacks it and has a posture of this week; returns how many. */
  async runDue(now: Date): Promise<number> {
    const weekStart = weekStartOf(now);
    let taken = 0;
    for (const organization of await this.organizations.list()) {
      const thisWeek = await this.posture.history(organization.slug, 1, new Date(weekStart.getTime() + 7 * 24 * HOUR - 1));
      if (thisWeek.some((s) => s.asOf.getTime() >= weekStart.getTime())) continue;
      const { view } = await this.posture.current(organization);
      if (view.evaluatedAt === null || view.asOf.getTime() < weekStart.getTime()) continue;
      await this.posture.snapshot(organization.slug, 'SCHEDULED');
      taken += 1;
    }
    await generateScheduledReports(this.moduleRef, weekStart);
    // The CISO digest of the week just closed, once per organisation and week whichever replica gets here.
    await recordWeeklyDigests(this.moduleRef, weekStart);
    return taken;
  }
}
