import type { Credential } from '../model/credential.model.js';
import type { SlaStatus } from '../model/enums.js';
import { addDays, isAtOrBefore, wholeDaysBetween } from '../model/date.util.js';
import type { RotationPolicyValues } from './rotation-policy.js';

export type RotationAgeBasis = 'LAST_ROTATED' | 'CREATED' | 'FIRST_SEEN';

export interface RotationSla {
  status: SlaStatus;
  dueAt: Date;
  /** Whole days past `dueAt` when OVERDUE (counted from the due date, not the end of grace), else 0. */
  daysOverdue: number;
  ageDays: number;
  ageBasis: RotationAgeBasis;
  ageFrom: Date;
}

type RotationDates = Pick<Credential, 'lastRotatedAt' | 'createdAt' | 'firstSeenAt'>;

/**
 * Age counts from the last rotation, else creation, else first sight. A date after `asOf` was not yet
 * known then, so a past `asOf` falls back to the next basis.
 */
export const rotationAgeBasis = (credential: RotationDates, asOf: Date): { basis: RotationAgeBasis; from: Date } => {
  if (isAtOrBefore(credential.lastRotatedAt, asOf)) return { basis: 'LAST_ROTATED', from: credential.lastRotatedAt };
  if (isAtOrBefore(credential.createdAt, asOf)) return { basis: 'CREATED', from: credential.createdAt };
  return { basis: 'FIRST_SEEN', from: credential.firstSeenAt };
};

/**
 * Day-based: OVERDUE when age > maxAge + grace, DUE_SOON when age >= maxAge - warning, else WITHIN_POLICY.
 * A credential at exactly its maximum age is due, not yet overdue.
 */
export const computeRotationSla = (credential: RotationDates, policy: RotationPolicyValues, asOf: Date): RotationSla => {
  const { basis, from } = rotationAgeBasis(credential, asOf);
  const ageDays = Math.max(0, wholeDaysBetween(from, asOf));
  const dueAt = addDays(from, policy.maxAgeDays);
  let status: SlaStatus = 'WITHIN_POLICY';
  if (ageDays > policy.maxAgeDays + policy.graceDays) status = 'OVERDUE';
  else if (ageDays >= policy.maxAgeDays - policy.warningDays) status = 'DUE_SOON';
  return {
    status,
    dueAt,
    daysOverdue: status === 'OVERDUE' ? ageDays - policy.maxAgeDays : 0,
    ageDays,
    ageBasis: basis,
    ageFrom: from,
  };
};
