import { Inject, Injectable, Logger } from '@nestjs/common';
import { retentionPlan } from '@postureboard/domain';
import { APP_CONFIG, type AppConfig } from '@postureboard/server-core';
import { ActivityRetentionRepository, type RetentionRemoved } from '@postureboard/server-database';

export interface RetentionResult extends RetentionRemoved {
  retentionDays: number;
  /** The first day kept (UTC). */
  cutoffDay: string;
}

/**
 * Applies POSTUREBOARD_RETENTION_DAYS to access activity: a daily job on the worker queue (see IngestWorker)
 * and `postureboard retention apply`. Running it again removes nothing more.
 */
@Injectable()
export class ActivityRetentionService {
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly retention: ActivityRetentionRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async apply(now = new Date()): Promise<RetentionResult> {
    const retentionDays = this.config.POSTUREBOARD_RETENTION_DAYS;
    const plan = retentionPlan(now, retentionDays, await this.retention.partitionMonths());
    const removed = await this.retention.remove(plan.dropMonths, plan.cutoffDay);
    if (removed.droppedMonths.length > 0 || removed.rollups > 0 || removed.defaultPartitionEvents > 0) {
      this.logger.log(
        `kept ${retentionDays} days (from ${plan.cutoffDay}): dropped event partitions ${removed.droppedMonths.join(', ') || 'none'}, ` +
          `${removed.rollups} rollups, ${removed.defaultPartitionEvents} events of the default partition`,
      );
    }
    if (removed.busyMonths.length > 0) this.logger.warn(`event partitions ${removed.busyMonths.join(', ')} were busy: dropped on the next pass`);
    return { retentionDays, cutoffDay: plan.cutoffDay, ...removed };
  }
}
