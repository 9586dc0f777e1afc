import { parseIsoDate } from '../core/util/iso-date.util.js';
import { CREDENTIAL_REPORT_NO_VALUE, type CredentialReportColumn } from './credential-report.columns.js';

/** A value of one column that is not what AWS writes there. */
export class CredentialReportFieldError extends Error {
  constructor(
    readonly field: CredentialReportColumn,
    reason: string,
  ) {
    super(reason);
  }
}

export type CredentialReportValues = Readonly<Record<string, string>>;

/** A timestamp column: an ISO 8601 date-time (`Z` or `+00:00`), or null for `N/A`/`no_information`/`not_supported`. */
export function reportTime(values: CredentialReportValues, field: CredentialReportColumn): Date | null {
  const raw = (values[field] ?? '').trim();
  if (raw === '' || CREDENTIAL_REPORT_NO_VALUE.has(raw.toLowerCase())) return null;
  const date = parseIsoDate(raw);
  if (!date) throw new CredentialReportFieldError(field, `${field} is not an ISO 8601 timestamp: "${raw}"`);
  return date;
}

/** A flag column: `true`/`false`, or null where AWS writes `not_supported` (the root user's password). */
export function reportFlag(values: CredentialReportValues, field: CredentialReportColumn): boolean | null {
  const raw = (values[field] ?? '').trim().toLowerCase();
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (CREDENTIAL_REPORT_NO_VALUE.has(raw)) return null;
  throw new CredentialReportFieldError(field, `${field} must be true or false, found "${values[field] ?? ''}"`);
}

/** A free-text column such as a region or service name, null for `N/A`. */
export function reportText(values: CredentialReportValues, field: CredentialReportColumn): string | null {
  const raw = (values[field] ?? '').trim();
  return raw === '' || CREDENTIAL_REPORT_NO_VALUE.has(raw.toLowerCase()) ? null : raw;
}
