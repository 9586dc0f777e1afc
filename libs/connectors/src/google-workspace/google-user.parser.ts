import type { AccountStatus } from '@postureboard/domain';
import type { AccountObservation, IdentityObservation } from '../core/observation.js';
import { type JsonObject, RecordRejection, arrayAt, booleanAt, dateAt, isJsonObject, looksLikeEmail, objectAt, requireString, stringAt } from '../core/readers/json-value.util.js';
import { toCountryCode } from '../geoip/country-code.util.js';

/** The account system of Google Workspace users: an identity provider, so a deactivation means the person left. */
export const GOOGLE_WORKSPACE_SYSTEM = 'google-workspace';

/** Google writes the epoch for "never signed in". */
const NEVER = 0;

/** `{ "kind": "admin#directory#users", "users": [...] }`: one page of `users.list`. */
export function unwrapGoogleUsers(value: unknown): unknown[] | null {
  return isJsonObject(value) && Array.isArray(value['users']) ? value['users'] : null;
}

/**
 * One Admin SDK Directory `user` → the person and their Google Workspace account. An archived user, or one an
 * administrator suspended (the usual off-boarding step), is DEACTIVATED; a suspension Google imposed (abuse,
 * age) is SUSPENDED. The employee number is the `externalIds` entry of type `organization`.
 */
export function parseGoogleUser(value: unknown): [IdentityObservation, AccountObservation] {
  if (!isJsonObject(value) || value['primaryEmail'] === undefined) throw new RecordRejection('not a Google Workspace user: no "primaryEmail"');
  const id = requireString(value, 'id');
  const primaryEmail = requireString(value, 'primaryEmail');
  const status = statusOf(value);
  const employeeNumber = externalId(value, 'organization');
  const organization = primaryOf(arrayAt(value, 'organizations'));
  const manager = arrayAt(value, 'relations').filter(isJsonObject).find((relation) => stringAt(relation, 'type') === 'manager');
  const managerEmail = stringAt(manager, 'value');
  const lastLogin = dateAt(value, 'lastLoginTime');
  const identity: IdentityObservation = {
    kind: 'identity',
    externalId: id,
    email: looksLikeEmail(primaryEmail) ? primaryEmail : null,
    employeeNumber,
    displayName: stringAt(objectAt(value, 'name'), 'fullName') ?? primaryEmail,
    employmentType: /contract/i.test(stringAt(organization, 'description') ?? stringAt(organization, 'title') ?? '') ? 'CONTRACTOR' : 'EMPLOYEE',
    status: status === 'DEACTIVATED' ? 'TERMINATED' : 'ACTIVE',
    startDate: null,
    terminationDate: null,
    workCountry: workCountryOf(value),
    department: stringAt(organization, 'department'),
    managerEmail: looksLikeEmail(managerEmail) ? managerEmail : null,
  };
  const account: AccountObservation = {
    kind: 'account',
    system: GOOGLE_WORKSPACE_SYSTEM,
    externalId: id,
    userName: primaryEmail,
    email: identity.email,
    employeeNumber,
    status,
    // The Directory API keeps no suspension date: the first run that sees it dates it.
    deactivatedAt: null,
    lastLoginAt: lastLogin !== null && lastLogin.getTime() > NEVER ? lastLogin : null,
    // Directory API `creationTime`.
    createdAt: dateAt(value, 'creationTime'),
  };
  return [identity, account];
}

function statusOf(user: JsonObject): AccountStatus {
  if (booleanAt(user, 'archived') === true) return 'DEACTIVATED';
  if (booleanAt(user, 'suspended') !== true) return 'ACTIVE';
  const reason = stringAt(user, 'suspensionReason');
  return reason === null || reason === 'ADMIN' ? 'DEACTIVATED' : 'SUSPENDED';
}

function externalId(user: JsonObject, type: string): string | null {
  const entry = arrayAt(user, 'externalIds').filter(isJsonObject).find((candidate) => stringAt(candidate, 'type') === type);
  return stringAt(entry, 'value');
}

function primaryOf(entries: unknown[]): JsonObject | null {
  const objects = entries.filter(isJsonObject);
  return objects.find((entry) => entry['primary'] === true) ?? objects[0] ?? null;
}

function workCountryOf(user: JsonObject): string | null {
  const addresses = arrayAt(user, 'addresses').filter(isJsonObject);
  const work = addresses.find((address) => stringAt(address, 'type') === 'work') ?? primaryOf(addresses);
  return toCountryCode(stringAt(work, 'countryCode')) ?? toCountryCode(stringAt(work, 'country'));
}
