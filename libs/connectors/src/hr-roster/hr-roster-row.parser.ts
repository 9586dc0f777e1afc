import type { EmploymentType, IdentityStatus } from '@postureboard/domain';
import type { IdentityObservation } from '../core/observation.js';
import { parseIsoDate } from '../core/util/iso-date.util.js';
import { normaliseEmail } from '../core/util/email.util.js';
import type { HrRosterColumn } from './hr-roster.columns.js';
import { checkCountryCode } from '../core/util/iso-country-codes.js';

const EMPLOYMENT_TYPES: Readonly<Record<string, EmploymentType>> = { employee: 'EMPLOYEE', contractor: 'CONTRACTOR', vendor: 'VENDOR' };
const STATUSES: Readonly<Record<string, IdentityStatus>> = { active: 'ACTIVE', leave: 'LEAVE', terminated: 'TERMINATED' };

export type HrRosterRowResult =
  | { ok: true; identity: IdentityObservation }
  | { ok: false; field: HrRosterColumn; reason: string };

/**
 * One roster row → an identity. Every bad value is named in one rejection (the first bad column as
 * its field), so a row is fixed in one pass rather than one error per import.
 */
export function parseHrRosterRow(values: Readonly<Record<string, string>>): HrRosterRowResult {
  const problems: { field: HrRosterColumn; reason: string }[] = [];
  const text = (field: HrRosterColumn): string => (values[field] ?? '').trim();
  const required = (field: HrRosterColumn): string => {
    const value = text(field);
    if (value === '') problems.push({ field, reason: `${field} is empty` });
    return value;
  };
  const choice = <T>(field: HrRosterColumn, options: Readonly<Record<string, T>>): T | null => {
    const value = required(field);
    if (value === '') return null;
    const chosen = options[value.toLowerCase()];
    if (chosen === undefined) problems.push({ field, reason: `${field} must be ${Object.keys(options).join(', ')}; found "${value}"` });
    return chosen ?? null;
  };
  const date = (field: HrRosterColumn): Date | null => {
    const value = text(field);
    if (value === '') return null;
    const parsed = parseIsoDate(value);
    if (!parsed) problems.push({ field, reason: `${field} is not an ISO 8601 date: "${value}"` });
    return parsed;
  };
  const email = (field: HrRosterColumn): string | null => {
    const value = text(field);
    if (value === '') return null;
    const normalised = normaliseEmail(value);
    if (!normalised) problems.push({ field, reason: `${field} is not an e-mail address: "${value}"` });
    return normalised;
  };

  const employeeId = required('employee_id');
  const displayName = required('full_name');
  const identityEmail = email('email');
  const employmentType = choice('employment_type', EMPLOYMENT_TYPES);
  const status = choice('status', STATUSES);
  const startDate = date('start_date');
  const terminationDate = date('termination_date');
  // A termination date before the start date is a rehire (left on the one, back on the other): kept as it is,
  // the domain's departureOf reads it so. Only a rehire still marked terminated contradicts itself.
  if (startDate && terminationDate && terminationDate < startDate && status === 'TERMINATED') {
    problems.push({
      field: 'termination_date',
      reason: `termination_date ${text('termination_date')} is before start_date ${text('start_date')} (a rehire) but status is terminated: give the date of the latest termination`,
    });
  }
  let workCountry: string | null = null;
  if (text('work_country') !== '') {
    const country = checkCountryCode(text('work_country'));
    if (country.ok) workCountry = country.code;
    else problems.push({ field: 'work_country', reason: `work_country ${country.reason}` });
  }
  const managerEmail = email('manager_email');

  if (problems.length > 0 || !employmentType || !status) {
    return { ok: false, field: problems[0].field, reason: problems.map((problem) => problem.reason).join('; ') };
  }
  return {
    ok: true,
    identity: {
      kind: 'identity',
      externalId: employeeId,
      email: identityEmail,
      employeeNumber: employeeId,
      displayName,
      employmentType,
      status,
      startDate,
      terminationDate,
      workCountry,
      department: text('department') || null,
      managerEmail,
    },
  };
}
