import type { CollectedRecord, CredentialObservation } from '../core/observation.js';
import { type JsonObject, arrayAt, isJsonObject, objectAt, requireDate, stringAt } from '../core/readers/json-value.util.js';

/** What a grant credential says it is, in its evidence. */
export const OAUTH_GRANT = 'OAuth grant';

/**
 * The credential a user's OAuth grant to a third-party app is: one per user and client id, so a token activity
 * (`activity`, `authorize`, `revoke`) of that user and app names the same one.
 */
export function oauthGrantId(user: string, clientId: string): string {
  return `oauth-grant:${user.trim().toLowerCase()}:${clientId}`;
}

/**
 * A Reports API `token` activity's `authorize` and `revoke` events (Admin SDK, OAuth Token audit events:
 * parameters `client_id`, `app_name`, `client_type`, `scope` as a multi-value) → the user's grant to that app as
 * an API_TOKEN credential owned by the user. `authorize` grants (or grants again: the grant's age runs from the
 * latest); `revoke` ends it, as REVOKED from that moment. Other applications and events yield nothing here (a
 * grant's use, `activity`, stays an access event); an event without `client_id` names no grant.
 */
export function parseGoogleTokenGrants(value: unknown): CredentialObservation[] {
  if (!isJsonObject(value) || !isJsonObject(value['id']) || stringAt(value['id'], 'applicationName') !== 'token') return [];
  const actor = objectAt(value, 'actor');
  // The same principal the activity's access events name (parseGoogleActivity), so they name this grant.
  const user = stringAt(actor, 'email') ?? stringAt(actor, 'profileId') ?? stringAt(actor, 'key');
  if (user === null) return [];
  const at = requireDate(value['id'], 'time', 'id.time');
  return arrayAt(value, 'events')
    .filter(isJsonObject)
    .flatMap((event) => {
      const name = stringAt(event, 'name');
      const clientId = parameterOf(event, 'client_id');
      if ((name !== 'authorize' && name !== 'revoke') || clientId === null) return [];
      return [grantOf(user, clientId, event, name === 'authorize' ? 'ACTIVE' : 'REVOKED', at)];
    });
}

function grantOf(user: string, clientId: string, event: JsonObject, status: 'ACTIVE' | 'REVOKED', at: Date): CredentialObservation {
  const appName = parameterOf(event, 'app_name');
  const granted = status === 'ACTIVE' ? at : null;
  return {
    kind: 'credential',
    credentialKind: 'API_TOKEN',
    externalId: oauthGrantId(user, clientId),
    name: `${user}: ${appName ?? clientId}`,
    algorithm: null,
    // A user's grant to an app reaches their own Workspace data: nothing says it is not production.
    environment: 'UNKNOWN',
    status,
    createdAt: granted,
    lastRotatedAt: granted,
    // A grant does not expire by itself: Google keeps its refresh token until it is revoked.
    expiresAt: null,
    lastUsedAt: null,
    deactivatedAt: status === 'REVOKED' ? at : null,
    // The window read holds only some of the grant's uses: never "unused" from it.
    useObserved: false,
    owner: user,
    ageFromFirstSeen: granted === null,
    attributes: {
      credentialType: OAUTH_GRANT,
      clientId,
      appName,
      clientType: parameterOf(event, 'client_type'),
      scopes: multiValueOf(event, 'scope'),
    },
  };
}

function parameterOf(event: JsonObject, name: string): string | null {
  const parameter = arrayAt(event, 'parameters').find((p) => isJsonObject(p) && p['name'] === name);
  return stringAt(parameter, 'value');
}

function multiValueOf(event: JsonObject, name: string): string | null {
  const parameter = arrayAt(event, 'parameters').find((p) => isJsonObject(p) && p['name'] === name);
  const values = arrayAt(parameter, 'multiValue').filter((v): v is string => typeof v === 'string');
  const single = stringAt(parameter, 'value');
  return values.length > 0 ? values.join(' ') : single;
}

/** When a grant observation happened: its authorisation, or its revocation. */
const grantTime = (o: CredentialObservation): number => (o.status === 'REVOKED' ? o.deactivatedAt : o.lastRotatedAt)?.getTime() ?? 0;

const isGrant = (record: CollectedRecord): record is Extract<CollectedRecord, { accepted: true }> & { observation: CredentialObservation } =>
  record.accepted && record.observation.kind === 'credential' && record.observation.attributes['credentialType'] === OAUTH_GRANT;

/**
 * The Reports API lists activities newest first, and an export may hold them in any order, but the store keeps
 * the last observation of a credential it is given. So grants are held back and only each grant's latest state
 * (by the time of its event; a revocation wins a tie) is yielded, after everything else. One entry per user and
 * app is held: a small, bounded set.
 */
export async function* latestGrantStates(records: AsyncIterable<CollectedRecord>): AsyncGenerator<CollectedRecord> {
  const latest = new Map<string, CollectedRecord & { observation: CredentialObservation }>();
  for await (const record of records) {
    if (!isGrant(record)) {
      yield record;
      continue;
    }
    const held = latest.get(record.observation.externalId);
    const newer = held === undefined || grantTime(record.observation) > grantTime(held.observation);
    const tieRevokes = held !== undefined && grantTime(record.observation) === grantTime(held.observation) && record.observation.status === 'REVOKED';
    if (newer || tieRevokes) latest.set(record.observation.externalId, record);
  }
  yield* latest.values();
}
