/**
 * Values for `unnest($n::type[])` parameters. Dates travel as ISO text so the session time zone can never
 * shift them (pg would otherwise render a Date in the process's local zone).
 */
export const isoTimestamp = (value: Date | null): string | null => (value ? value.toISOString() : null);

/** A calendar date (UTC) as `YYYY-MM-DD`. */
export const isoDate = (value: Date | null): string | null => (value ? value.toISOString().slice(0, 10) : null);

/** Keeps the last row for each key: a multi-row `ON CONFLICT DO UPDATE` may touch a row only once. */
export function lastPerKey<Row>(rows: readonly Row[], key: (row: Row) => string): Row[] {
  const byKey = new Map<string, Row>();
  for (const row of rows) {
    const k = key(row);
    byKey.delete(k);
    byKey.set(k, row);
  }
  return [...byKey.values()];
}
