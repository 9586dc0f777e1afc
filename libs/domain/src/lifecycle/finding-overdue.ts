import type { FindingStatus } from '../model/enums.js';
import { wholeDaysBetween } from '../model/date.util.js';

export interface FindingOverdue {
  overdue: boolean;
  /** Whole days past the due date (0 when not overdue). */
  daysOverdue: number;
}

/** Statuses whose SLA clock runs: someone still has to act. An accepted risk or a false positive is a decision taken. */
const SLA_RUNNING: readonly FindingStatus[] = ['OPEN', 'ACKNOWLEDGED'];

/**
 * Whether a finding is past its SLA due date on `asOf`, computed when read (never stored: it changes with the
 * clock, not with the data). Due exactly at `asOf` is not yet overdue.
 */
export const findingOverdue = (finding: { status: FindingStatus; dueAt: Date | null }, asOf: Date): FindingOverdue => {
  if (!finding.dueAt || !SLA_RUNNING.includes(finding.status) || asOf.getTime() <= finding.dueAt.getTime()) return { overdue: false, daysOverdue: 0 };
  return { overdue: true, daysOverdue: wholeDaysBetween(finding.dueAt, asOf) };
};
