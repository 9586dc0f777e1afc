import { InvalidArgumentError } from 'commander';

/** `--as-of 2026-11-20` means the end of that UTC day (the whole day counts); a full ISO timestamp is taken as is. */
export function parseAsOf(value: string): Date {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const parsed = new Date(dateOnly ? `${value}T23:59:59.999Z` : value);
  if (Number.isNaN(parsed.getTime())) throw new InvalidArgumentError(`"${value}" is not a date (expected YYYY-MM-DD or ISO 8601)`);
  return parsed;
}

/** Start of a UTC day, for window starts (`--from`). */
export function parseDay(value: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a day (expected YYYY-MM-DD)`);
  const parsed = new Date(`${value}T00:00:00.000Z`);
  if (Number.isNaN(parsed.getTime())) throw new InvalidArgumentError(`"${value}" is not a valid day`);
  return parsed;
}
