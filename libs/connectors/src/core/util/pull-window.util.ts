import type { CollectContext } from '../connector.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Events are indexed by the source a little after they happen: each pull re-reads this much before the last one. */
export const PULL_OVERLAP_MS = HOUR_MS;

/**
 * Where an incremental pull of a log starts: an hour before the last successful pull (so late-indexed events and a
 * missed schedule are both covered), or `lookbackDays` back on a first pull; never before what the source still
 * keeps (`retentionDays`). Re-reading the overlap is harmless: events are stored once by their id.
 */
export function pullWindowStart(context: Pick<CollectContext, 'now' | 'lastSuccessfulRunAt'>, lookbackDays: number, retentionDays: number): Date {
  const now = context.now.getTime();
  const oldest = now - retentionDays * DAY_MS;
  const last = context.lastSuccessfulRunAt?.getTime();
  const start = last === undefined || Number.isNaN(last) ? now - lookbackDays * DAY_MS : Math.min(last, now) - PULL_OVERLAP_MS;
  return new Date(Math.max(oldest, start));
}
