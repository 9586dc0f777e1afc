/** The 22 columns of the AWS IAM credential report, in the order AWS writes them. */
export const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;

export type CredentialReportColumn = (typeof CREDENTIAL_REPORT_COLUMNS)[number];

/** The report's name for the account root user. */
export const ROOT_ACCOUNT_USER = '<root_account>';

/**
 * Values AWS writes instead of a date or flag: `N/A` (nothing to report, e.g. no such key),
 * `no_information` (not tracked, e.g. a password last used before tracking began in 2014),
 * `not_supported` (does not apply, e.g. password rotation for the root user).
 */
export const CREDENTIAL_REPORT_NO_VALUE = new Set(['n/a', 'no_information', 'not_supported']);
