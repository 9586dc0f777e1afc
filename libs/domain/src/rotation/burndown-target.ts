import { DAY_MS } from '../model/date.util.js';

/**
 * A team's burn-down target: no overdue credential by a day. The ideal line runs straight from the
 * overdue count of the window's first week down to zero at that day (00:00 UTC), and stays at zero after
 * it, so a team reads at a glance whether it burns its overdue keys fast enough to meet its target.
 */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day as `YYYY-MM-DD`; null when the text is not one (2026-02-30 is not). */
export function parseTargetDay(text: string): Date | null {
  const match = ISO_DAY.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const at = new Date(Date.UTC(year, month - 1, day));
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day ? at : null;
}

export const formatTargetDay = (day: Date): string => day.toISOString().slice(0, 10);

/**
 * The target of a team that has set none: zero overdue by the last day of the calendar quarter (UTC)
 * holding `asOf` — the horizon security objectives are usually set and reviewed on.
 */
export function defaultTargetDay(asOf: Date): Date {
  const firstMonthOfNextQuarter = Math.floor(asOf.getUTCMonth() / 3) * 3 + 3;
  return new Date(Date.UTC(asOf.getUTCFullYear(), firstMonthOfNextQuarter, 1) - DAY_MS);
}

/**
 * Where the ideal line stands at each week start (ascending): `startOverdue` at the first week, falling
 * linearly to 0 at `targetDay`, 0 from then on. A target on or before the first week means the team
 * should already be at zero throughout the window.
 */
export function idealBurndown(weekStarts: readonly Date[], startOverdue: number, targetDay: Date): number[] {
  if (weekStarts.length === 0) return [];
  const start = weekStarts[0]!.getTime();
  const span = targetDay.getTime() - start;
  return weekStarts.map((week) => {
    if (span <= 0) return 0;
    const left = (targetDay.getTime() - week.getTime()) / span;
    return left <= 0 ? 0 : startOverdue * Math.min(1, left);
  });
}

/**
 * How many whole keys a team is behind its target line this week: 0 when its overdue count is at or under
 * the line ("on track"), else the keys it would have to rotate to be back on it (the line is fractional).
 */
export const keysBehindTarget = (overdue: number, target: number): number => Math.max(0, Math.ceil(overdue - target - 1e-9));
