import { Injectable } from '@nestjs/common';
import { PgClientRepository } from './pg-client.repository.js';

const PARTITION = /^access_event_y(\d{4})m(\d{2})$/;

/** What one retention pass removed. */
export interface RetentionRemoved {
  /** Monthly partitions dropped, as `YYYY-MM`. */
  droppedMonths: string[];
  /** Months whose partition was busy (its lock not granted in time): tried again on the next pass. */
  busyMonths: string[];
  /** Events deleted from the default partition (months that never had a partition of their own). */
  defaultPartitionEvents: number;
  rollups: number;
}

/**
 * Removes activity older than the retention: whole monthly partitions of access_event (DROP, no row-by-row
 * delete), stragglers in the default partition, and the daily rollups, days pending a rollup fold, rollup
 * contributions and day versions before the cutoff day. Rollups are deleted with their triggers on, so every per-day version moves as it would
 * for any other writer, and the day versions of removed days go with them: an incremental evaluation afterwards
 * reads what a fresh one reads.
 */
@Injectable()
export class ActivityRetentionRepository {
  constructor(private readonly pg: PgClientRepository) {}

  /** The monthly partitions attached to access_event, as `YYYY-MM`, oldest first. */
  async partitionMonths(): Promise<string[]> {
    const rows = await this.pg.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'access_event'::regclass ORDER BY c.relname`,
    );
    return rows.flatMap(({ name }) => {
      const match = PARTITION.exec(name);
      return match ? [`${match[1]}-${match[2]}`] : [];
    });
  }

  /**
   * Drops the partitions of these months and removes everything before `cutoffDay`. Each statement is its own
   * short transaction with a lock timeout, so an ingest holding a partition delays a drop to the next pass
   * rather than waiting behind it (or making it wait).
   */
  async remove(dropMonths: readonly string[], cutoffDay: string): Promise<RetentionRemoved> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(cutoffDay)) throw new Error(`Not a day: ${cutoffDay}`);
    const droppedMonths: string[] = [];
    const busyMonths: string[] = [];
    for (const month of dropMonths) {
      if (!/^\d{4}-\d{2}$/.test(month)) throw new Error(`Not a month: ${month}`);
      try {
        await this.pg.transaction(async (client) => {
          await client.query(`SET LOCAL lock_timeout = '5s'`);
          await client.query(`DROP TABLE IF EXISTS access_event_y${month.slice(0, 4)}m${month.slice(5, 7)}`);
        });
        droppedMonths.push(month);
      } catch (error) {
        if ((error as { code?: string }).code !== '55P03') throw error;
        busyMonths.push(month);
      }
    }
    const defaultPartitionEvents = await this.deleteCount(`DELETE FROM access_event_default WHERE occurred_at < $1::date`, [cutoffDay]);
    // Days before the cutoff waiting for a rollup fold have no events left to fold.
    await this.deleteCount(`DELETE FROM access_rollup_pending WHERE day < $1::date`, [cutoffDay]);
    // A month of rollups per statement: the first pass over years of history is not one enormous delete.
    let rollups = 0;
    for (;;) {
      const [oldest] = await this.pg.query<{ day: string | null }>(`SELECT to_char(min(day), 'YYYY-MM-DD') AS day FROM access_daily_rollup WHERE day < $1::date`, [cutoffDay]);
      if (!oldest?.day) break;
      rollups += await this.deleteCount(
        `DELETE FROM access_daily_rollup WHERE day < LEAST($1::date, (date_trunc('month', $2::date) + interval '1 month')::date)`,
        [cutoffDay, oldest.day],
      );
    }
    await this.deleteCount(`DELETE FROM access_rollup_contribution WHERE day < $1::date`, [cutoffDay]);
    await this.deleteCount(`DELETE FROM activity_day_version WHERE day < $1::date`, [cutoffDay]);
    return { droppedMonths, busyMonths, defaultPartitionEvents, rollups };
  }

  private async deleteCount(sql: string, params: unknown[]): Promise<number> {
    return this.pg.transaction(async (client) => (await client.query(sql, params)).rowCount ?? 0);
  }
}
