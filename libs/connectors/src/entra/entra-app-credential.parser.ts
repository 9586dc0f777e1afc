import type { CredentialKind } from '@postureboard/domain';
import type { CredentialObservation } from '../core/observation.js';
import { type JsonObject, RecordRejection, arrayAt, dateAt, isJsonObject, looksLikeEmail, requireString, stringAt } from '../core/readers/json-value.util.js';
import { environmentFromNames } from '../core/util/environment-from-name.util.js';

/** Whether a Graph object is an application or a service principal at all (either may hold credentials). */
export function isEntraAppObject(value: unknown): value is JsonObject {
  return isJsonObject(value) && (Array.isArray(value['passwordCredentials']) || Array.isArray(value['keyCredentials']));
}

/** Whether a Graph application or service principal holds no credential: nothing to track, not a bad record. */
export const hasNoCredentials = (value: unknown): boolean =>
  isEntraAppObject(value) && arrayAt(value, 'passwordCredentials').length === 0 && arrayAt(value, 'keyCredentials').length === 0;

/**
 * One Microsoft Graph `application` or `servicePrincipal` (v1.0, ideally with `$expand=owners`) → a credential
 * per `passwordCredentials[]` (client secrets: SECRET) and `keyCredentials[]` (certificates: CERTIFICATE; a
 * `Symmetric` key: SECRET). The `keyId` is the credential's id: a service principal's sign-in names it as
 * `servicePrincipalCredentialKeyId`. Age runs from `startDateTime`; Graph never returns the secret itself.
 */
export function parseEntraAppCredentials(value: unknown): CredentialObservation[] {
  if (!isEntraAppObject(value)) {
    throw new RecordRejection('not a Microsoft Graph application or servicePrincipal: no "passwordCredentials" or "keyCredentials"');
  }
  const objectId = requireString(value, 'id');
  const appId = stringAt(value, 'appId');
  const appName = stringAt(value, 'displayName') ?? appId ?? objectId;
  const objectType = objectTypeOf(value);
  const owners = arrayAt(value, 'owners').filter(isJsonObject);
  const owner = ownerOf(owners);
  const common = { appName, objectId, appId, objectType, owner, ownerCount: owners.length };
  return [
    ...arrayAt(value, 'passwordCredentials').map((credential, index) =>
      credentialOf(credential, `passwordCredentials[${index}]`, 'SECRET', common),
    ),
    ...arrayAt(value, 'keyCredentials').map((credential, index) => {
      const type = isJsonObject(credential) ? stringAt(credential, 'type') : null;
      return credentialOf(credential, `keyCredentials[${index}]`, type === 'Symmetric' ? 'SECRET' : 'CERTIFICATE', common);
    }),
  ];
}

interface AppFacts {
  appName: string;
  objectId: string;
  appId: string | null;
  objectType: 'application' | 'servicePrincipal';
  owner: string | null;
  ownerCount: number;
}

function credentialOf(credential: unknown, path: string, kind: CredentialKind, app: AppFacts): CredentialObservation {
  if (!isJsonObject(credential)) throw new RecordRejection(`${path} is not an object`, path);
  const keyId = requireString(credential, 'keyId', `${path}.keyId`);
  const startsAt = dateAt(credential, 'startDateTime', `${path}.startDateTime`);
  const endsAt = dateAt(credential, 'endDateTime', `${path}.endDateTime`);
  const label = stringAt(credential, 'displayName');
  return {
    kind: 'credential',
    credentialKind: kind,
    externalId: keyId,
    name: label ? `${app.appName}: ${label}` : app.appName,
    algorithm: kind === 'CERTIFICATE' ? stringAt(credential, 'type') : null,
    environment: environmentFromNames(app.appName, label),
    // Validity is the interval (startDateTime, endDateTime): "active at a date" is derived from it, not from today.
    status: 'ACTIVE',
    createdAt: startsAt,
    // A secret is never rotated in place: a new one gets a new keyId. Its age is its age.
    lastRotatedAt: startsAt,
    expiresAt: endsAt,
    lastUsedAt: null,
    deactivatedAt: null,
    // The sign-in log names the keyId a service principal signed in with, but no inventory field reports use.
    useObserved: false,
    owner: app.owner,
    ageFromFirstSeen: startsAt === null,
    attributes: {
      objectType: app.objectType,
      objectId: app.objectId,
      appId: app.appId,
      usage: stringAt(credential, 'usage'),
      owners: app.ownerCount,
    },
  };
}

function objectTypeOf(value: JsonObject): 'application' | 'servicePrincipal' {
  const odataType = stringAt(value, '@odata.type') ?? '';
  if (odataType.endsWith('servicePrincipal') || value['servicePrincipalType'] !== undefined || value['appOwnerOrganizationId'] !== undefined) {
    return 'servicePrincipal';
  }
  return 'application';
}

/**
 * The first owner that is a person (`$expand=owners` lists users and service principals): their e-mail or UPN,
 * matched to an identity on ingest. A credential whose app has no person as owner is reported ownerless.
 */
function ownerOf(owners: JsonObject[]): string | null {
  for (const owner of owners) {
    const type = stringAt(owner, '@odata.type');
    if (type !== null && !type.endsWith('.user')) continue;
    const mail = stringAt(owner, 'mail');
    const upn = stringAt(owner, 'userPrincipalName');
    const name = looksLikeEmail(mail) ? mail : upn;
    if (name !== null) return name;
  }
  return null;
}
