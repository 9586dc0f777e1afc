import type { DateLike } from './report-data-source.js';

export const DAY_MS = 86_400_000;

export const toDate = (value: DateLike): Date => (value instanceof Date ? value : new Date(value));

export const toIso = (value: DateLike): string => toDate(value).toISOString();

export const toIsoOrNull = (value: DateLike | null | undefined): string | null => (value === null || value === undefined ? null : toIso(value));

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: DateLike, to: DateLike): number => Math.floor((toDate(to).getTime() - toDate(from).getTime()) / DAY_MS);
