import type { IdentityObservation } from '../core/observation.js';

/** One roster row of a person: one employment period, with the line it came from. */
export interface EmploymentRow {
  identity: IdentityObservation;
  line: number;
}

const DAY_MS = 86_400_000;

/**
 * Several rows of one employee id are an employment history: one row per period (hire, leave, rehire; a
 * contractor converted to an employee). The person is what the latest period says (latest start date; on a
 * tie, the later line), and an earlier period's end is kept as the termination before the latest start: the
 * domain reads "termination before start" as a rehire (departureOf), so the person is a leaver only between
 * leaving and coming back. A period that ends the day before (or after) the next begins is a transfer, not a
 * departure. Returns the merged identity and the line of the period that decided it.
 */
export function mergeEmploymentHistory(rows: readonly EmploymentRow[]): EmploymentRow {
  if (rows.length === 0) throw new Error('an employment history needs at least one row');
  const ordered = [...rows].sort((a, b) => startTime(a) - startTime(b) || a.line - b.line);
  const current = ordered[ordered.length - 1] as EmploymentRow;
  if (current.identity.terminationDate !== null || current.identity.startDate === null) return current;
  const start = current.identity.startDate.getTime();
  let previousEnd: Date | null = null;
  for (const row of ordered.slice(0, -1)) {
    const end = row.identity.terminationDate;
    // Ends at or after the latest start (overlap) or within a day of it: continuous employment.
    if (end === null || end.getTime() >= start - DAY_MS) continue;
    if (previousEnd === null || end > previousEnd) previousEnd = end;
  }
  return previousEnd === null ? current : { ...current, identity: { ...current.identity, terminationDate: previousEnd } };
}

const startTime = (row: EmploymentRow): number => row.identity.startDate?.getTime() ?? Number.NEGATIVE_INFINITY;
