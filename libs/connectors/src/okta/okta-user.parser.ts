import type { AccountStatus } from '@postureboard/domain';
import type { AccountObservation, IdentityObservation } from '../core/observation.js';
import { RecordRejection, dateAt, isJsonObject, looksLikeEmail, objectAt, requireString, stringAt } from '../core/readers/json-value.util.js';
import { toCountryCode } from '../geoip/country-code.util.js';
import { employmentTypeOf } from '../scim-users/scim-user.parser.js';

/**
 * Okta user statuses (Users API). Every state but SUSPENDED and DEPROVISIONED still lets the account be
 * used or recovered, so for leaver detection it counts as active.
 */
const ACCOUNT_STATUS: Readonly<Record<string, AccountStatus>> = {
  STAGED: 'ACTIVE',
  PROVISIONED: 'ACTIVE',
  ACTIVE: 'ACTIVE',
  RECOVERY: 'ACTIVE',
  PASSWORD_EXPIRED: 'ACTIVE',
  LOCKED_OUT: 'ACTIVE',
  SUSPENDED: 'SUSPENDED',
  DEPROVISIONED: 'DEACTIVATED',
};

/** One user of `/api/v1/users` → the person and their Okta account. */
export function parseOktaUser(value: unknown): [IdentityObservation, AccountObservation] {
  if (!isJsonObject(value)) throw new RecordRejection('not an Okta user: expected a JSON object');
  const id = requireString(value, 'id');
  const oktaStatus = requireString(value, 'status');
  const status = ACCOUNT_STATUS[oktaStatus];
  if (status === undefined) throw new RecordRejection(`unknown Okta user status ${JSON.stringify(oktaStatus)}`, 'status');
  const profile = objectAt(value, 'profile');
  if (profile === null) throw new RecordRejection('missing required field profile', 'profile');
  const login = requireString(profile, 'login', 'profile.login');
  const statusChanged = dateAt(value, 'statusChanged');
  const deactivatedAt = status === 'DEACTIVATED' ? statusChanged : null;
  const email = stringAt(profile, 'email') ?? (looksLikeEmail(login) ? login : null);
  const employeeNumber = stringAt(profile, 'employeeNumber');
  const names = [stringAt(profile, 'firstName'), stringAt(profile, 'lastName')].filter((part) => part !== null).join(' ');
  const manager = stringAt(profile, 'managerEmail') ?? stringAt(profile, 'manager');
  return [
    {
      kind: 'identity',
      externalId: id,
      email,
      employeeNumber,
      displayName: stringAt(profile, 'displayName') ?? (names || login),
      employmentType: employmentTypeOf(stringAt(profile, 'userType')),
      status: status === 'DEACTIVATED' ? 'TERMINATED' : 'ACTIVE',
      startDate: null,
      // The IdP's deactivation stands in for a termination date until the HR roster gives the real one.
      terminationDate: deactivatedAt,
      workCountry: toCountryCode(stringAt(profile, 'countryCode')),
      department: stringAt(profile, 'department'),
      managerEmail: looksLikeEmail(manager) ? manager : null,
    },
    {
      kind: 'account',
      system: 'okta',
      externalId: id,
      userName: login,
      email,
      employeeNumber,
      createdAt: dateAt(value, 'created'),
      status,
      // A suspension is dated too: from then the account exists but cannot be used.
      deactivatedAt: status === 'ACTIVE' ? null : statusChanged,
      lastLoginAt: dateAt(value, 'lastLogin'),
    },
  ];
}
