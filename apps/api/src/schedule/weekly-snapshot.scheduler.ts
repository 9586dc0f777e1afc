import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { OrganizationService } from '@postureboard/server-organization';
import { PostureService } from '@postureboard/server-posture';
import { recordWeeklyDigests } from '@postureboard/server-notifications';
import { generateScheduledReports } from '@postureboard/server-reports';

const HOUR = 3600 * 1000;

/** Monday 00:00 UTC of the week containing `at`: the instant every weekly snapshot is taken as of. */
export function weekStartOf(at: Date): Date {
  const day = at.getUTCDay(); // 0 = Sunday
  const daysSinceMonday = (day + 6) % 7;
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() - daysSinceMonday));
}

/**
 * Takes each organization's weekly snapshot (and then its scheduled board reports and weekly digest). Every API replica runs
 * it; snapshots are unique per organization and instant, and scheduled reports per organization, date and
 * language, so a week is stored exactly once however many replicas check.
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

  /** Stores this week's snapshot for every organization that lacks it; returns how many were taken. */
  async runDue(now: Date): Promise<number> {
    const asOf = weekStartOf(now);
    let taken = 0;
    for (const organization of await this.organizations.list()) {
      const history = await this.posture.history(organization.slug, 1, asOf);
      if (history.some((s) => s.asOf.getTime() === asOf.getTime())) continue;
      await this.posture.snapshot(organization.slug, asOf, 'SCHEDULED');
      taken += 1;
    }
    await generateScheduledReports(this.moduleRef, asOf);
    // The CISO digest of the week just closed, once per organisation and week whichever replica gets here.
    await recordWeeklyDigests(this.moduleRef, asOf);
    return taken;
  }
}
