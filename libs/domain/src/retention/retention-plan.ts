import { DAY_MS } from '../model/date.util.js';

/** Days of activity an evaluation reads back from its as-of day (bulk-extraction baselines, a year of trend). */
export const ACTIVITY_WINDOW_DAYS = 400;

/** What a retention run removes: everything before `cutoffDay` (UTC, `YYYY-MM-DD`), whole months of raw events. */
export interface RetentionPlan {
  /** The first day kept: rollups and events of earlier days go. */
  cutoffDay: string;
  /** Monthly event partitions (`YYYY-MM`) that end on or before the cutoff: dropped whole. */
  dropMonths: string[];
}

const monthEnd = (month: string): number => Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1);

/**
 * Keeps `retentionDays` whole days up to and including `now`'s UTC day. A month's partition is dropped only once
 * all of it is older than the cutoff, so raw events are kept up to a month longer than the setting; rollups are
 * cut at the day. Refuses a retention shorter than the evaluation window (it would change current postures).
 */
export function retentionPlan(now: Date, retentionDays: number, partitionMonths: readonly string[]): RetentionPlan {
  if (!Number.isInteger(retentionDays) || retentionDays < ACTIVITY_WINDOW_DAYS) {
    throw new RangeError(`retention must be a whole number of days, at least ${ACTIVITY_WINDOW_DAYS} (the evaluation window), not ${retentionDays}`);
  }
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const cutoff = today - (retentionDays - 1) * DAY_MS;
  return {
    cutoffDay: new Date(cutoff).toISOString().slice(0, 10),
    dropMonths: partitionMonths.filter((month) => monthEnd(month) <= cutoff).sort(),
  };
}
