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
 * tie, the later line). When that period is still open, the history is folded into the domain's one
 * start/termination pair: the start of the continuous employment that leads to it (periods that overlap or
 * follow within a day are transfers, not departures), and the end of the period before that as the
 * termination, which the domain reads as a rehire (departureOf): a leaver only between leaving and coming
 * back. Earlier gaps cannot be represented and are dropped. Returns the merged identity and the line of the
 * latest period.
 */
export function mergeEmploymentHistory(rows: readonly EmploymentRow[]): EmploymentRow {
  if (rows.length === 0) throw new Error('an employment history needs at least one row');
  const ordered = [...rows].sort((a, b) => startTime(a) - startTime(b) || a.line - b.line);
  const current = ordered[ordered.length - 1] as EmploymentRow;
  if (current.identity.terminationDate !== null || current.identity.startDate === null) return current;
  // Extend the current employment back over every period that reaches (within a day) into it.
  let blockStart = current.identity.startDate.getTime();
  for (let extended = true; extended; ) {
    extended = false;
    for (const row of ordered) {
      const start = startTime(row);
      const end = row.identity.terminationDate?.getTime() ?? Number.POSITIVE_INFINITY;
      if (start < blockStart && end >= blockStart - DAY_MS) {
        blockStart = start;
        extended = true;
      }
    }
  }
  let previousEnd: Date | null = null;
  for (const row of ordered) {
    const end = row.identity.terminationDate;
    if (end !== null && end.getTime() < blockStart - DAY_MS && (previousEnd === null || end > previousEnd)) previousEnd = end;
  }
  const startDate = Number.isFinite(blockStart) ? new Date(blockStart) : null;
  if (previousEnd === null && startDate?.getTime() === current.identity.startDate.getTime()) return current;
  return { ...current, identity: { ...current.identity, startDate, terminationDate: previousEnd } };
}

const startTime = (row: EmploymentRow): number => row.identity.startDate?.getTime() ?? Number.NEGATIVE_INFINITY;
