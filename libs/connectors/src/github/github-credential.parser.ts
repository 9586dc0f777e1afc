import type { CredentialObservation } from '../core/observation.js';
import {
  type JsonObject,
  RecordRejection,
  arrayAt,
  dateAt,
  isJsonObject,
  objectAt,
  parseIsoDate,
  requireString,
  stringAt,
} from '../core/readers/json-value.util.js';
import { environmentFromNames } from '../core/util/environment-from-name.util.js';

type CredentialShape = 'credential-authorization' | 'fine-grained-token' | 'fine-grained-token-request' | 'deploy-key';

/** Which GitHub credential listing a record comes from, by the fields only that listing has; null for none. */
export function gitHubCredentialShapeOf(value: unknown): CredentialShape | null {
  if (!isJsonObject(value)) return null;
  if (value['credential_type'] !== undefined && value['credential_authorized_at'] !== undefined) return 'credential-authorization';
  if (value['token_id'] !== undefined && value['access_granted_at'] !== undefined) return 'fine-grained-token';
  if (value['token_id'] !== undefined && value['created_at'] !== undefined && (value['permissions_added'] !== undefined || value['permissions_result'] !== undefined)) {
    return 'fine-grained-token-request';
  }
  if (typeof value['key'] === 'string' && value['read_only'] !== undefined) return 'deploy-key';
  return null;
}

/**
 * One record of GitHub's credential listings → a credential with its owner's login:
 * - `/orgs/{org}/credential-authorizations` (SAML SSO): classic PATs, OAuth tokens and SSH keys a member authorised;
 * - `/orgs/{org}/personal-access-tokens`: fine-grained PATs granted access to the organisation;
 * - `/orgs/{org}/personal-access-token-requests`: fine-grained PATs whose owner asked for access (pending review):
 *   the token exists and is the owner's whatever the answer, so it is inventory too;
 * - `/repos/{owner}/{repo}/keys`: deploy keys.
 * Token ids are kept bare so the audit log's `token_id` names the same credential; key ids are prefixed, being
 * another numbering. No token text (not even `token_last_eight`) and no public key is kept.
 */
export function parseGitHubCredential(value: unknown): CredentialObservation {
  switch (gitHubCredentialShapeOf(value)) {
    case 'credential-authorization':
      return credentialAuthorization(value as JsonObject);
    case 'fine-grained-token':
      return fineGrainedToken(value as JsonObject, 'granted');
    case 'fine-grained-token-request':
      return fineGrainedToken(value as JsonObject, 'requested');
    case 'deploy-key':
      return deployKey(value as JsonObject);
    case null:
      throw new RecordRejection(
        'not a GitHub credential: expected a credential authorization (credential_type), a fine-grained token grant (token_id, access_granted_at) or request (token_id, created_at, permissions_added) or a deploy key (key, read_only)',
      );
  }
}

function credentialAuthorization(value: JsonObject): CredentialObservation {
  const login = requireString(value, 'login');
  const type = requireString(value, 'credential_type');
  const isSshKey = /ssh/i.test(type);
  const authorizationId = requireString(value, 'credential_id');
  const underlyingId = stringAt(value, 'authorized_credential_id');
  const title = stringAt(value, 'authorized_credential_title') ?? stringAt(value, 'authorized_credential_note');
  const expiry = expiryOf(value, 'authorized_credential_expires_at');
  // GitHub gives no creation date; the SSO authorisation came after it, so the age is at least this.
  const authorizedAt = dateAt(value, 'credential_authorized_at');
  return {
    kind: 'credential',
    credentialKind: isSshKey ? 'SSH_KEY' : 'API_TOKEN',
    externalId: isSshKey ? `ssh-key:${underlyingId ?? authorizationId}` : (underlyingId ?? `credential-authorization:${authorizationId}`),
    name: title ? `${login}: ${title}` : `${login}: ${type}`,
    algorithm: null,
    environment: environmentFromNames(title),
    // Validity ends at the expiry: "active at a date" is derived from it, not from today.
    status: 'ACTIVE',
    createdAt: authorizedAt,
    lastRotatedAt: authorizedAt,
    expiresAt: expiry.expiresAt,
    lastUsedAt: dateAt(value, 'credential_accessed_at'),
    deactivatedAt: null,
    useObserved: true,
    owner: login,
    ageFromFirstSeen: authorizedAt === null,
    attributes: {
      credentialType: type,
      credentialAuthorizationId: authorizationId,
      scopes: arrayAt(value, 'scopes').filter((scope): scope is string => typeof scope === 'string').join(' ') || null,
      fingerprint: stringAt(value, 'fingerprint'),
      ...expiry.attributes,
    },
  };
}

/**
 * A fine-grained PAT as its organisation grant or its owner's access request shows it: the same token (`token_id`,
 * which the audit log names too), so a token seen in both is one credential. Neither listing says when the token
 * was made: the grant (or the request) came after, so the age is at least that.
 */
function fineGrainedToken(value: JsonObject, orgAccess: 'granted' | 'requested'): CredentialObservation {
  const tokenId = requireString(value, 'token_id');
  const login = stringAt(objectAt(value, 'owner'), 'login');
  if (login === null) throw new RecordRejection('missing required field owner.login', 'owner.login');
  const name = stringAt(value, 'token_name');
  const since = orgAccess === 'granted' ? dateAt(value, 'access_granted_at') : dateAt(value, 'created_at');
  const expiresAt = dateAt(value, 'token_expires_at');
  return {
    kind: 'credential',
    credentialKind: 'API_TOKEN',
    externalId: tokenId,
    name: `${login}: ${name ?? 'fine-grained personal access token'}`,
    algorithm: null,
    environment: environmentFromNames(name),
    // An expired token without its expiry date is out of use on every day we can tell; with one, the interval says when.
    status: value['token_expired'] === true && expiresAt === null ? 'INACTIVE' : 'ACTIVE',
    createdAt: since,
    lastRotatedAt: since,
    expiresAt,
    lastUsedAt: dateAt(value, 'token_last_used_at'),
    deactivatedAt: null,
    useObserved: true,
    owner: login,
    ageFromFirstSeen: since === null,
    attributes: {
      credentialType: 'fine-grained personal access token',
      repositorySelection: stringAt(value, 'repository_selection'),
      // Whether the organisation let the token in, or its owner asked and awaits review.
      orgAccess,
      [orgAccess === 'granted' ? 'grantId' : 'requestId']: stringAt(value, 'id'),
    },
  };
}

function deployKey(value: JsonObject): CredentialObservation {
  const id = requireString(value, 'id');
  const title = stringAt(value, 'title');
  const repository = repositoryOf(stringAt(value, 'url'));
  const createdAt = dateAt(value, 'created_at');
  return {
    kind: 'credential',
    credentialKind: 'SSH_KEY',
    externalId: `deploy-key:${id}`,
    name: [repository, title ?? `deploy key ${id}`].filter(Boolean).join(': '),
    algorithm: algorithmOf(stringAt(value, 'key')),
    environment: environmentFromNames(title, repository),
    status: value['enabled'] === false ? 'INACTIVE' : 'ACTIVE',
    createdAt,
    lastRotatedAt: createdAt,
    expiresAt: null,
    lastUsedAt: dateAt(value, 'last_used'),
    deactivatedAt: null,
    useObserved: true,
    // Newer API versions say who added the key; a deploy key has no other owner.
    owner: stringAt(value, 'added_by'),
    ageFromFirstSeen: createdAt === null,
    attributes: { credentialType: 'deploy key', readOnly: value['read_only'] === true, repository },
  };
}

/**
 * `null` (or absent) means the token never expires. A value that is no date — GitHub's published example has
 * `"generated_authorized_credential_expires_at"` — must not cost the credential itself: it is kept with no
 * expiry and the unreadable text as evidence.
 */
function expiryOf(value: JsonObject, field: string): { expiresAt: Date | null; attributes: Record<string, string | boolean> } {
  const raw = value[field];
  if (raw === undefined || raw === null || raw === '') return { expiresAt: null, attributes: { neverExpires: true } };
  const date = typeof raw === 'string' ? parseIsoDate(raw.trim()) : null;
  if (date !== null) return { expiresAt: date, attributes: { neverExpires: false } };
  return { expiresAt: null, attributes: { unreadableExpiry: JSON.stringify(raw).slice(0, 60) } };
}

/** `https://api.github.com/repos/{owner}/{repo}/keys/{id}` → `owner/repo`. */
function repositoryOf(url: string | null): string | null {
  const match = url === null ? null : /\/repos\/([^/]+\/[^/]+)\/keys\//.exec(url);
  return match?.[1] ?? null;
}

/** The key type of an OpenSSH public key line (`ssh-ed25519 AAAA…`): the key itself is not kept. */
function algorithmOf(key: string | null): string | null {
  const type = key?.split(/\s+/)[0] ?? '';
  return /^(ssh-|ecdsa-|sk-)/.test(type) ? type : null;
}

/** Used by the audit-log source to accept a credential listing found beside the events (as in an export folder). */
export const isGitHubCredential = (value: unknown): boolean => gitHubCredentialShapeOf(value) !== null;
