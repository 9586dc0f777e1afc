import type { EmploymentType } from '@postureboard/domain';
import type { AccountObservation, IdentityObservation } from '../core/observation.js';
import {
  type JsonObject,
  RecordRejection,
  arrayAt,
  booleanAt,
  isJsonObject,
  looksLikeEmail,
  objectAt,
  requireString,
  stringAt,
  toBoolean,
} from '../core/readers/json-value.util.js';
import { parseIsoDate } from '../core/util/iso-date.util.js';
import { toCountryCode } from '../geoip/country-code.util.js';

const SCHEMA = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  enterprise: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  bulkRequest: 'urn:ietf:params:scim:api:messages:2.0:BulkRequest',
  bulkResponse: 'urn:ietf:params:scim:api:messages:2.0:BulkResponse',
  searchRequest: 'urn:ietf:params:scim:api:messages:2.0:SearchRequest',
} as const;

export interface ScimUserOptions {
  /** The account system these users belong to (`scim` unless the admin names the provider). */
  system: string;
}

/** RFC 7644 §3.4.2: a ListResponse carries its users in `Resources`. */
export function unwrapScimList(value: unknown): unknown[] | null {
  if (!isJsonObject(value)) return null;
  const isList = schemasOf(value).includes(SCHEMA.listResponse) || (Array.isArray(value['Resources']) && value['userName'] === undefined);
  if (!isList) return null;
  return Array.isArray(value['Resources']) ? value['Resources'] : [];
}

/**
 * One SCIM resource → the person (identity) and their account in the provisioning system. Documents that
 * are not Users (a Group, a Schema, a PatchOp request) are rejected saying what they are.
 */
export function parseScimUser(value: unknown, options: ScimUserOptions): [IdentityObservation, AccountObservation] {
  if (!isJsonObject(value)) throw new RecordRejection('not a SCIM resource: expected a JSON object');
  rejectNonUser(value);
  const id = requireString(value, 'id');
  const userName = requireString(value, 'userName');
  const enterprise = objectAt(value, SCHEMA.enterprise);
  const active = activeOf(value);
  const email = primaryEmail(value) ?? (looksLikeEmail(userName) ? userName : null);
  const employeeNumber = stringAt(enterprise, 'employeeNumber');
  const manager = objectAt(enterprise, 'manager');
  const managerValue = stringAt(manager, 'value');
  const identity: IdentityObservation = {
    kind: 'identity',
    externalId: id,
    email,
    employeeNumber,
    displayName: displayNameOf(value, userName),
    employmentType: employmentTypeOf(stringAt(value, 'userType')),
    status: active ? 'ACTIVE' : 'TERMINATED',
    startDate: null,
    terminationDate: null,
    workCountry: workCountryOf(value),
    department: stringAt(enterprise, 'department'),
    // SCIM names the manager by resource id; only an e-mail can be matched to a person here.
    managerEmail: looksLikeEmail(managerValue) ? managerValue : null,
  };
  const account: AccountObservation = {
    kind: 'account',
    system: options.system,
    externalId: id,
    userName,
    email,
    employeeNumber,
    createdAt: metaTime(value, 'created'),
    status: active ? 'ACTIVE' : 'DEACTIVATED',
    // SCIM records no deactivation time; the resource's last modification is the best evidence of it.
    deactivatedAt: active ? null : lastModifiedOf(value),
    lastLoginAt: null,
  };
  return [identity, account];
}

function lastModifiedOf(value: JsonObject): Date | null {
  return metaTime(value, 'lastModified');
}

/** RFC 7643 §3.1 `meta.created` / `meta.lastModified`. */
function metaTime(value: JsonObject, member: 'created' | 'lastModified'): Date | null {
  const text = stringAt(objectAt(value, 'meta'), member);
  return text ? parseIsoDate(text) : null;
}

function schemasOf(value: JsonObject): string[] {
  return arrayAt(value, 'schemas').filter((schema): schema is string => typeof schema === 'string');
}

function rejectNonUser(value: JsonObject): void {
  const schemas = schemasOf(value);
  const resourceType = stringAt(objectAt(value, 'meta'), 'resourceType');
  if (schemas.includes(SCHEMA.user) || resourceType === 'User') return;
  if (schemas.includes(SCHEMA.patchOp)) throw new RecordRejection(describePatchOp(value), 'schemas');
  if (schemas.includes(SCHEMA.group) || resourceType === 'Group') {
    const members = arrayAt(value, 'members').length;
    throw new RecordRejection(
      `a SCIM Group resource (${JSON.stringify(stringAt(value, 'displayName') ?? '')}, ${members} member${members === 1 ? '' : 's'}), not a User`,
      'schemas',
    );
  }
  if (schemas.includes(SCHEMA.schema)) {
    throw new RecordRejection(`a SCIM Schema definition (${stringAt(value, 'id') ?? 'no id'}), not a User`, 'schemas');
  }
  if (schemas.includes(SCHEMA.error)) {
    throw new RecordRejection(`a SCIM error response (status ${stringAt(value, 'status') ?? '?'}: ${stringAt(value, 'detail') ?? 'no detail'}), not a User`, 'schemas');
  }
  const message = (
    [
      [SCHEMA.resourceType, 'ResourceType definition'],
      [SCHEMA.serviceProviderConfig, 'ServiceProviderConfig'],
      [SCHEMA.bulkRequest, 'BulkRequest message'],
      [SCHEMA.bulkResponse, 'BulkResponse message'],
      [SCHEMA.searchRequest, 'SearchRequest message'],
    ] as const
  ).find(([schema]) => schemas.includes(schema));
  if (message) throw new RecordRejection(`a SCIM ${message[1]}, not a User`, 'schemas');
  if (schemas.length > 0) throw new RecordRejection(`not a SCIM User: schemas ${JSON.stringify(schemas)}`, 'schemas');
  // RFC 7644 §3.4.2.5: a ListResponse with `attributes=` may return Users without `schemas`.
  if (value['userName'] === undefined) throw new RecordRejection('not a SCIM User: no "schemas" and no "userName"', 'schemas');
}

/**
 * A PatchOp is a request, not a state: it names no user (the user is in the request URL). When it is a
 * deactivation, in any of the three shapes providers send, the reason says so, so nobody mistakes it for noise.
 */
function describePatchOp(value: JsonObject): string {
  const operations = arrayAt(value, 'Operations').filter(isJsonObject);
  const deactivates = operations.some((operation) => {
    const op = stringAt(operation, 'op')?.toLowerCase();
    if (op !== 'replace' && op !== 'add') return false;
    const path = stringAt(operation, 'path');
    // RFC form {"path": "active", "value": false}; Entra sends the string "False".
    if (path?.toLowerCase() === 'active') return toBoolean(operation['value']) === false;
    // Okta form without path: {"value": {"active": false}}.
    return path === null && booleanAt(operation['value'], 'active') === false;
  });
  const summary = operations.map((operation) => `${stringAt(operation, 'op') ?? '?'} ${stringAt(operation, 'path') ?? '(no path)'}`).join(', ');
  return deactivates
    ? `a SCIM PatchOp request that deactivates a user (active=false), not a User: a PATCH names its user only in the request URL, so ingest the User resource or a /Users ListResponse instead`
    : `a SCIM PatchOp request (${summary || 'no operations'}), not a User`;
}

/** `active` is optional in RFC 7643; a User without it is treated as active. Entra sends "True"/"False". */
function activeOf(value: JsonObject): boolean {
  if (value['active'] === undefined || value['active'] === null) return true;
  const active = toBoolean(value['active']);
  if (active === null) throw new RecordRejection(`active is not a boolean: ${JSON.stringify(value['active'])}`, 'active');
  return active;
}

function primaryEmail(value: JsonObject): string | null {
  const emails = arrayAt(value, 'emails').filter(isJsonObject);
  const chosen =
    emails.find((email) => toBoolean(email['primary']) === true) ?? emails.find((email) => stringAt(email, 'type') === 'work') ?? emails[0];
  return stringAt(chosen, 'value');
}

function displayNameOf(value: JsonObject, userName: string): string {
  const name = objectAt(value, 'name');
  const given = stringAt(name, 'givenName');
  const family = stringAt(name, 'familyName');
  const joined = [given, family].filter((part) => part !== null).join(' ');
  return stringAt(value, 'displayName') ?? stringAt(name, 'formatted') ?? (joined || userName);
}

/** The work address's country (RFC 7643 says alpha-2; the RFC's own example writes "USA"). */
function workCountryOf(value: JsonObject): string | null {
  const addresses = arrayAt(value, 'addresses').filter(isJsonObject);
  const work =
    addresses.find((address) => stringAt(address, 'type') === 'work') ??
    addresses.find((address) => toBoolean(address['primary']) === true) ??
    addresses[0];
  return toCountryCode(stringAt(work, 'country'));
}

const USER_TYPES: readonly (readonly [RegExp, EmploymentType])[] = [
  [/contract|consult|temp/i, 'CONTRACTOR'],
  [/vendor|partner|supplier|external|guest/i, 'VENDOR'],
  [/service|system|bot|machine|application/i, 'SERVICE_ACCOUNT'],
];

/** `userType` is free text ("Employee", "Contractor", "Intern", ...): anything unrecognised is an employee. */
export function employmentTypeOf(userType: string | null): EmploymentType {
  if (userType === null) return 'EMPLOYEE';
  return USER_TYPES.find(([pattern]) => pattern.test(userType))?.[1] ?? 'EMPLOYEE';
}
