import { isIP } from 'node:net';
import type { AccessEventObservation, Observation } from '../core/observation.js';
import { type JsonObject, RecordRejection, arrayAt, isJsonObject, objectAt, requireDate, requireString, stringAt } from '../core/readers/json-value.util.js';
import { toCountryCode } from '../geoip/country-code.util.js';
import type { GeoIpResolver } from '../geoip/geoip.resolver.js';
import { oauthGrantId, parseGoogleTokenGrants } from './google-token-grant.parser.js';

export interface GoogleActivityOptions {
  /** Applied when the activity has no `networkInfo.regionCode`. */
  geo: GeoIpResolver;
}

/** Login events that are refusals, not accesses. */
const FAILED_EVENTS = new Set(['login_failure', 'login_verification_failure']);

/** Drive events that copy a file out: each counts one record, so the bulk-extraction rule sees downloads by count. */
const COPY_EVENTS = new Set(['download', 'print', 'copy', 'sync_item_content']);

/** `{ "kind": "admin#reports#activities", "items": [...] }`: one page of `activities.list`. */
export function unwrapGoogleActivities(value: unknown): unknown[] | null {
  return isJsonObject(value) && Array.isArray(value['items']) ? value['items'] : null;
}

/**
 * One Admin SDK Reports `activity` (any application; `login`, `token` and `drive` are the ones that matter here) →
 * an access event per event it holds: the actor from `ipAddress` and its country, the user's grant to the OAuth
 * client for a `token` activity, and one record per Drive download.
 */
export function parseGoogleActivity(value: unknown, options: GoogleActivityOptions): AccessEventObservation[] {
  if (!isJsonObject(value) || !isJsonObject(value['id']) || !Array.isArray(value['events'])) {
    throw new RecordRejection('not a Google Workspace activity: no "id" with "events"');
  }
  const id = value['id'];
  const occurredAt = requireDate(id, 'time', 'id.time');
  const application = requireString(id, 'applicationName', 'id.applicationName');
  const qualifier = stringAt(id, 'uniqueQualifier') ?? '0';
  const actor = objectAt(value, 'actor');
  const principal = stringAt(actor, 'email') ?? stringAt(actor, 'profileId') ?? stringAt(actor, 'key');
  if (principal === null) throw new RecordRejection('missing required field actor.email', 'actor.email');
  const ipText = stringAt(value, 'ipAddress');
  const sourceIp = ipText !== null && isIP(ipText) !== 0 ? ipText : null;
  const country = toCountryCode(stringAt(objectAt(value, 'networkInfo'), 'regionCode')) ?? options.geo(sourceIp);
  return value['events'].filter(isJsonObject).map((event, index): AccessEventObservation => {
    const name = requireString(event, 'name', `events[${index}].name`);
    const parameters = parametersOf(event);
    return {
      kind: 'access-event',
      // One activity can hold several events: the index keeps them apart, and the same export re-read yields the same ids.
      eventId: `${application}:${occurredAt.toISOString()}:${qualifier}:${index}`,
      occurredAt,
      principal,
      credentialExternalId: application === 'token' ? oauthGrantOf(principal, parameters) : null,
      sourceIp,
      country,
      action: `${application}.${name}`,
      resource: parameters.get('app_name') ?? parameters.get('doc_title') ?? parameters.get('doc_id') ?? parameters.get('login_type') ?? null,
      bytes: null,
      records: application === 'drive' && COPY_EVENTS.has(name) ? 1 : null,
      success: !FAILED_EVENTS.has(name),
    };
  });
}

/** The user's grant to the OAuth client of a token activity: the credential it acts with (see google-token-grant.parser). */
function oauthGrantOf(principal: string, parameters: Map<string, string>): string | null {
  const client = parameters.get('client_id');
  return client === undefined ? null : oauthGrantId(principal, client);
}

function parametersOf(event: JsonObject): Map<string, string> {
  const out = new Map<string, string>();
  for (const parameter of arrayAt(event, 'parameters').filter(isJsonObject)) {
    const name = stringAt(parameter, 'name');
    const text = stringAt(parameter, 'value') ?? stringAt(parameter, 'intValue');
    if (name !== null && text !== null) out.set(name, text);
  }
  return out;
}

/** Everything one activity says: its access events and, for a `token` activity, the grants it makes or revokes. */
export function activityObservations(value: unknown, geo: GeoIpResolver): Observation[] {
  return [...parseGoogleActivity(value, { geo }), ...parseGoogleTokenGrants(value)];
}
