/**
 * Systems that are an organisation's identity provider: a deactivation there means the person left, even
 * before HR says so (the domain's Account.identityProvider).
 */
export const IDENTITY_PROVIDER_SYSTEMS: readonly string[] = ['okta', 'scim', 'entra', 'azure-ad', 'google-workspace'];

/** A `date` column as the UTC midnight that starts it, whatever the session's time zone. */
export const utcMidnight = (column: string): string => `(${column}::timestamp AT TIME ZONE 'UTC')`;

/**
 * SQL twin of the HR half of the domain's departureOf: termination date reached by `asOf` and no rehire
 * since, or TERMINATED with no date. `i` is the identity alias, `asOf` a timestamptz expression.
 */
export const hrDepartedSql = (i: string, asOf: string): string => `(
  CASE WHEN ${i}.termination_date IS NOT NULL THEN
         ${utcMidnight(`${i}.termination_date`)} <= ${asOf}
         AND NOT (${i}.start_date IS NOT NULL AND ${i}.start_date > ${i}.termination_date AND ${utcMidnight(`${i}.start_date`)} <= ${asOf})
       ELSE ${i}.status = 'TERMINATED' END)`;
