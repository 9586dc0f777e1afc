import cronParser from 'cron-parser';

/** Data source schedules are standard five-field cron expressions, evaluated in UTC. */
export function checkCron(expression: string): string | null {
  if (expression.trim().split(/\s+/).length !== 5) return `"${expression}" is not a five-field cron expression (minute hour day month weekday)`;
  try {
    cronParser.parseExpression(expression, { tz: 'UTC' });
    return null;
  } catch (error) {
    return `"${expression}" is not a valid cron expression: ${(error as Error).message}`;
  }
}

/** The latest time at or before `now` the schedule fired: a run is due when none was queued since. */
export function latestFireTime(expression: string, now: Date): Date {
  // cron-parser's prev() is strictly before currentDate; a fire exactly at `now` counts as fired.
  const interval = cronParser.parseExpression(expression, { tz: 'UTC', currentDate: new Date(now.getTime() + 1) });
  return interval.prev().toDate();
}
