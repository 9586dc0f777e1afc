import type { AccountObservation, EntitlementObservation, Observation } from '../core/observation.js';
import { type JsonObject, RecordRejection, isJsonObject, looksLikeEmail, objectAt, requireString, stringAt } from '../core/readers/json-value.util.js';

/** The account system of GitHub logins. */
export const GITHUB_SYSTEM = 'github';

/** Organisation roles that administer it (`/orgs/{org}/memberships/{username}` `role`). */
const PRIVILEGED_ROLES = new Set(['admin', 'maintain']);

export interface GitHubMemberOptions {
  /**
   * How the records were listed: `member` (`/orgs/{org}/members`) or `outside-collaborator`
   * (`/orgs/{org}/outside_collaborators`). A plain user object does not say which it is.
   */
  relation: 'member' | 'outside-collaborator';
}

/**
 * One GitHub user as the organisation lists it → an account (system `github`, the numeric user id as its
 * immutable id, the login as user name) and, when the record says, its organisation role as an entitlement.
 * Reads a simple user (`members`, `outside_collaborators`), a membership (`{ state, role, user }`) or a
 * collaborator with `role_name`. An account still listed is ACTIVE: GitHub lists no one who has left.
 */
export function parseGitHubMember(value: unknown, options: GitHubMemberOptions): Observation[] {
  if (!isJsonObject(value)) throw new RecordRejection('not a GitHub user: expected a JSON object');
  const membership = objectAt(value, 'user') !== null && value['state'] !== undefined ? value : null;
  const user = membership ? (objectAt(value, 'user') as JsonObject) : value;
  if (user['login'] === undefined || (user['type'] !== undefined && user['type'] !== 'User' && user['type'] !== 'Bot')) {
    throw new RecordRejection('not a GitHub user: no "login" (or a "type" other than User)', 'login');
  }
  const login = requireString(user, 'login', membership ? 'user.login' : 'login');
  const id = requireString(user, 'id', membership ? 'user.id' : 'id');
  const email = stringAt(user, 'email');
  const pending = membership !== null && stringAt(membership, 'state') === 'pending';
  const account: AccountObservation = {
    kind: 'account',
    system: GITHUB_SYSTEM,
    externalId: id,
    userName: login,
    email: looksLikeEmail(email) ? email : null,
    employeeNumber: null,
    // An invitation not yet accepted grants nothing yet.
    status: pending ? 'SUSPENDED' : 'ACTIVE',
    deactivatedAt: null,
    lastLoginAt: null,
    // The member listing gives no date the membership began.
    createdAt: null,
  };
  const role = membership ? stringAt(membership, 'role') : (stringAt(value, 'role_name') ?? (options.relation === 'outside-collaborator' ? 'outside-collaborator' : null));
  if (role === null) return [account];
  const entitlement: EntitlementObservation = {
    kind: 'entitlement',
    system: GITHUB_SYSTEM,
    accountExternalId: id,
    name: `org:${role}`,
    privileged: PRIVILEGED_ROLES.has(role),
    // Source code is production data: it is what the breach took.
    production: true,
  };
  return [account, entitlement];
}
