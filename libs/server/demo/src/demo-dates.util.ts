/** Date helpers shared by the demo's file writers: every date is relative to the seed's `now`. */
export const DAY = 24 * 3600 * 1000;

/** ISO 8601 to the second, as most sources write it (`2026-11-21T09:00:00Z`). */
export const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** `days` whole days before `now`, at `hour` UTC (a time of day, for sources that record one). */
export const dayAt = (now: Date, days: number, hour: number, minute = 0): Date => {
  const d = new Date(now.getTime() - days * DAY);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour, minute));
};
