import type { EmploymentType } from '@postureboard/domain';
import type { AccountObservation, IdentityObservation } from '../core/observation.js';
import {
  type JsonObject,
  RecordRejection,
  booleanAt,
  dateAt,
  isJsonObject,
  looksLikeEmail,
  objectAt,
  requireString,
  stringAt,
} from '../core/readers/json-value.util.js';
import { toCountryCode } from '../geoip/country-code.util.js';

/** The account system of Entra users: an identity provider, so a disabled account means the person left. */
export const ENTRA_SYSTEM = 'entra';

export interface EntraUserOptions {
  /** The run's `asOf`: a leave date on or before it makes the person TERMINATED. */
  now: Date;
}

/**
 * One Microsoft Graph `user` (`/users?$select=…`, v1.0) → the person and their Entra account. The person is
 * matched across sources by e-mail (`mail`, else an e-mail-shaped `userPrincipalName`), by `employeeId` and by
 * the Entra object id; `employeeLeaveDateTime` is the leave date HR wrote into Entra (lifecycle workflows).
 * `signInActivity` is only returned with AuditLog.Read.All; without it the last sign-in is unknown.
 */
export function parseEntraUser(value: unknown, options: EntraUserOptions): [IdentityObservation, AccountObservation] {
  if (!isJsonObject(value) || value['userPrincipalName'] === undefined) {
    throw new RecordRejection('not a Microsoft Graph user: no "userPrincipalName"');
  }
  const id = requireString(value, 'id');
  const userPrincipalName = requireString(value, 'userPrincipalName');
  const mail = stringAt(value, 'mail');
  const email = looksLikeEmail(mail) ? mail : looksLikeEmail(userPrincipalName) ? userPrincipalName : null;
  const employeeNumber = stringAt(value, 'employeeId');
  const enabled = booleanAt(value, 'accountEnabled');
  if (enabled === null) throw new RecordRejection('missing required field accountEnabled (add it to $select)', 'accountEnabled');
  const leaveAt = dateAt(value, 'employeeLeaveDateTime');
  const left = leaveAt !== null && leaveAt.getTime() <= options.now.getTime();
  const manager = objectAt(value, 'manager');
  const managerEmail = stringAt(manager, 'mail') ?? stringAt(manager, 'userPrincipalName');
  const identity: IdentityObservation = {
    kind: 'identity',
    externalId: id,
    email,
    employeeNumber,
    displayName: stringAt(value, 'displayName') ?? userPrincipalName,
    employmentType: employmentTypeOf(stringAt(value, 'employeeType'), stringAt(value, 'userType')),
    status: left || !enabled ? 'TERMINATED' : 'ACTIVE',
    startDate: dateAt(value, 'employeeHireDate'),
    terminationDate: leaveAt,
    // usageLocation is an ISO code Entra validates; `country` is free text.
    workCountry: toCountryCode(stringAt(value, 'usageLocation')) ?? toCountryCode(stringAt(value, 'country')),
    department: stringAt(value, 'department'),
    managerEmail: looksLikeEmail(managerEmail) ? managerEmail : null,
  };
  const account: AccountObservation = {
    kind: 'account',
    system: ENTRA_SYSTEM,
    externalId: id,
    userName: userPrincipalName,
    email,
    employeeNumber,
    status: enabled ? 'ACTIVE' : 'DEACTIVATED',
    // Graph keeps no "disabled at"; the leave date is the best evidence when there is one, else the first run that sees it.
    deactivatedAt: enabled ? null : leaveAt,
    lastLoginAt: lastSignInOf(objectAt(value, 'signInActivity')),
    // user.createdDateTime: the account cannot have been access before it existed.
    createdAt: dateAt(value, 'createdDateTime'),
    // Graph: true while synced from on-premises AD, false once no longer synced, null if never synced.
    onPremisesSync: booleanAt(value, 'onPremisesSyncEnabled') === true,
  };
  return [identity, account];
}

/**
 * The last successful sign-in, interactive or not (a refresh token used by an app counts: a leaver's session can
 * live on that way). `lastSignInDateTime` and `lastNonInteractiveSignInDateTime` are the last *attempts*, successful
 * or not (Microsoft Graph, signInActivity): a refused attempt is not use of access, so a tenant whose records lack
 * `lastSuccessfulSignInDateTime` gives no last sign-in rather than an attempt standing in for one.
 */
function lastSignInOf(activity: JsonObject | null): Date | null {
  return dateAt(activity, 'lastSuccessfulSignInDateTime', 'signInActivity.lastSuccessfulSignInDateTime');
}

/** `employeeType` is free text in Entra ("Employee", "Contractor", "Consultant", "Vendor"); guests are external. */
function employmentTypeOf(employeeType: string | null, userType: string | null): EmploymentType {
  const type = (employeeType ?? '').toLowerCase();
  if (type.includes('contract') || type.includes('consult') || type.includes('intern')) return 'CONTRACTOR';
  if (type.includes('vendor') || type.includes('supplier')) return 'VENDOR';
  if (type.includes('service')) return 'SERVICE_ACCOUNT';
  if (type === '' && userType?.toLowerCase() === 'guest') return 'VENDOR';
  return 'EMPLOYEE';
}
