/**
 * Bytes a bulk extraction moved from the day it started, within its daily series: what the cross-border page,
 * the board report and its totals all count for one extraction. Days are instants or ISO day strings.
 */
export function bytesMovedSince(startedOn: Date | string, series: readonly { day: Date | string; bytes: number }[]): number {
  const start = timeOf(startedOn);
  return series.reduce((sum, point) => sum + (timeOf(point.day) >= start ? point.bytes : 0), 0);
}

const timeOf = (value: Date | string): number => (value instanceof Date ? value.getTime() : Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value));
