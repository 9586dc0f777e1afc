/** UTC day arithmetic. Domain code never reads the clock: every "now" is an `asOf` parameter. */
export const DAY_MS = 86_400_000;

/** Days since 1970-01-01 (UTC) of the day containing `date`. */
export const dayNumberOf = (date: Date): number => Math.floor(date.getTime() / DAY_MS);

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a `YYYY-MM-DD` string; throws on anything else so a bad rollup cannot pass silently. */
export const dayNumberOfIsoDay = (day: string): number => {
  const match = ISO_DAY.exec(day);
  if (!match) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
};

export const isoDayOf = (dayNumber: number): string => new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);

export const isoDayOfDate = (date: Date): string => date.toISOString().slice(0, 10);

export const startOfDay = (dayNumber: number): Date => new Date(dayNumber * DAY_MS);

/** The last millisecond of a UTC day: "everything known by the end of that day". */
export const endOfDay = (dayNumber: number): Date => new Date((dayNumber + 1) * DAY_MS - 1);

export const addDays = (date: Date, days: number): Date => new Date(date.getTime() + days * DAY_MS);

/** Whole days from `from` to `to` (floored; negative when `to` is earlier). */
export const wholeDaysBetween = (from: Date, to: Date): number => Math.floor((to.getTime() - from.getTime()) / DAY_MS);

export const isAtOrBefore = (date: Date | null, asOf: Date): date is Date => date !== null && date.getTime() <= asOf.getTime();
