import type { CountryDayTotal, CountryTotal } from '@postureboard/server-database';

/**
 * Each country's totals over the days given, most events first (then by country code): the window's totals
 * summed from its per-day rows, so the rollups of a window are read once for both (a second aggregate over
 * the same rows cost as much again at large scale).
 */
export function countryTotalsOf(days: readonly CountryDayTotal[]): CountryTotal[] {
  const totals = new Map<string, CountryTotal>();
  for (const { country, events, bytes } of days) {
    const total = totals.get(country);
    if (total) {
      total.events += events;
      total.bytes += bytes;
    } else totals.set(country, { country, events, bytes });
  }
  return [...totals.values()].sort((a, b) => b.events - a.events || (a.country < b.country ? -1 : a.country > b.country ? 1 : 0));
}
