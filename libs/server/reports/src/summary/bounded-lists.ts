import type { ReportBulkExtraction, ReportCrossBorder, ReportLeaver, ReportTeamSla } from '../model/board-report-data.js';

/**
 * How many rows each list shows. A board paper names the worst cases and sums up the rest: an
 * organisation of 800 teams and 10,000 leavers otherwise prints a 900-page annex nobody reads.
 */
export const REPORT_ROW_LIMITS = {
  teams: 25,
  leavers: 20,
  countries: 20,
  offshoreIdentities: 20,
  /** Each has a chart. */
  bulkExtractions: 5,
} as const;

/** The rows shown, worst first, and what the rows left out add up to (null when none is left out). */
export interface Bounded<T, Rest> {
  shown: T[];
  more: (Rest & { count: number }) | null;
}

type Country = ReportCrossBorder['byCountry'][number];
type OffshoreIdentity = ReportCrossBorder['offshoreIdentities'][number];

export interface TeamsLeftOut {
  withinPolicy: number;
  dueSoon: number;
  overdue: number;
  /** Of the teams left out, those with at least one key overdue. */
  teamsWithOverdue: number;
}

export interface LeaversLeftOut {
  /** Of the leavers left out, those who used their access after leaving. */
  usedAfterTermination: number;
  bytesAfterTermination: number;
}

export interface CountriesLeftOut {
  unapproved: number;
  events: number;
  bytes: number;
}

export interface OffshoreLeftOut {
  withoutApproval: number;
}

export interface BulkExtractionsLeftOut {
  totalBytes: number;
}

const sum = <T>(rows: readonly T[], value: (row: T) => number): number => rows.reduce((total, row) => total + value(row), 0);

/** Stable: rows that compare equal keep the order they came in. */
function bound<T, Rest>(rows: readonly T[], limit: number, worseFirst: (a: T, b: T) => number, leftOut: (rest: T[]) => Rest): Bounded<T, Rest> {
  const ordered = [...rows].sort(worseFirst);
  const rest = ordered.slice(limit);
  return { shown: ordered.slice(0, limit), more: rest.length > 0 ? { count: rest.length, ...leftOut(rest) } : null };
}

/** Most keys overdue first, then the longest overdue, then the most due soon, then the oldest key. */
export function worstTeams(rows: readonly ReportTeamSla[], limit: number = REPORT_ROW_LIMITS.teams): Bounded<ReportTeamSla, TeamsLeftOut> {
  return bound(
    rows,
    limit,
    (a, b) => b.overdue - a.overdue || b.maxDaysOverdue - a.maxDaysOverdue || b.dueSoon - a.dueSoon || (b.oldestKeyAgeDays ?? 0) - (a.oldestKeyAgeDays ?? 0),
    (rest) => ({
      withinPolicy: sum(rest, (t) => t.withinPolicy),
      dueSoon: sum(rest, (t) => t.dueSoon),
      overdue: sum(rest, (t) => t.overdue),
      teamsWithOverdue: rest.filter((t) => t.overdue > 0).length,
    }),
  );
}

/** Those who used their access after leaving first (the most data moved first), then the longest gone. */
export function worstLeavers(rows: readonly ReportLeaver[], limit: number = REPORT_ROW_LIMITS.leavers): Bounded<ReportLeaver, LeaversLeftOut> {
  return bound(
    rows,
    limit,
    (a, b) =>
      Number(b.usesAfterTermination > 0) - Number(a.usesAfterTermination > 0) ||
      b.bytesAfterTermination - a.bytesAfterTermination ||
      b.usesAfterTermination - a.usesAfterTermination ||
      b.daysSinceTermination - a.daysSinceTermination,
    (rest) => ({
      usedAfterTermination: rest.filter((l) => l.usesAfterTermination > 0).length,
      bytesAfterTermination: sum(rest, (l) => l.bytesAfterTermination),
    }),
  );
}

/** Countries outside the approved list first, then by volume of data. */
export function worstCountries(rows: readonly Country[], limit: number = REPORT_ROW_LIMITS.countries): Bounded<Country, CountriesLeftOut> {
  return bound(
    rows,
    limit,
    (a, b) => Number(a.approved) - Number(b.approved) || b.bytes - a.bytes || b.events - a.events,
    (rest) => ({ unapproved: rest.filter((c) => !c.approved).length, events: sum(rest, (c) => c.events), bytes: sum(rest, (c) => c.bytes) }),
  );
}

/**
 * Without an approval first, then the approval that ends soonest (an open-ended one last), then the most
 * production access held.
 */
export function worstOffshoreIdentities(rows: readonly OffshoreIdentity[], limit: number = REPORT_ROW_LIMITS.offshoreIdentities): Bounded<OffshoreIdentity, OffshoreLeftOut> {
  const expiry = (o: OffshoreIdentity) => (o.approvalExpiresAt ? Date.parse(o.approvalExpiresAt) : Number.POSITIVE_INFINITY);
  return bound(
    rows,
    limit,
    (a, b) =>
      Number(a.approval !== null) - Number(b.approval !== null) ||
      (expiry(a) === expiry(b) ? 0 : expiry(a) < expiry(b) ? -1 : 1) ||
      b.productionEntitlements.length - a.productionEntitlements.length,
    (rest) => ({ withoutApproval: rest.filter((o) => o.approval === null).length }),
  );
}

/**
 * The most data moved first, then the highest peak. `rows` may be only some of the extractions (the source
 * lists a bounded number): what is left out is every other one of `totals`, listed or not.
 */
export function largestExtractions(
  rows: readonly ReportBulkExtraction[],
  totals: ReportCrossBorder['bulkExtractionTotals'],
  limit: number = REPORT_ROW_LIMITS.bulkExtractions,
): Bounded<ReportBulkExtraction, BulkExtractionsLeftOut> {
  const { shown } = bound(rows, limit, (a, b) => b.totalBytes - a.totalBytes || b.peakBytes - a.peakBytes, () => ({}));
  const count = Math.max(totals.count, rows.length) - shown.length;
  const totalBytes = Math.max(totals.totalBytes, sum(rows, (b) => b.totalBytes)) - sum(shown, (b) => b.totalBytes);
  return { shown, more: count > 0 ? { count, totalBytes } : null };
}

