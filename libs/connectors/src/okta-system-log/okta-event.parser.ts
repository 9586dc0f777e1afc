import { isIP } from 'node:net';
import type { AccountStatus } from '@postureboard/domain';
import type { AccessEventObservation, AccountObservation, Observation } from '../core/observation.js';
import {
  type JsonObject,
  RecordRejection,
  arrayAt,
  isJsonObject,
  looksLikeEmail,
  objectAt,
  requireDate,
  requireString,
  stringAt,
} from '../core/readers/json-value.util.js';
import { toCountryCode } from '../geoip/country-code.util.js';
import type { GeoIpResolver } from '../geoip/geoip.resolver.js';

export interface OktaEventOptions {
  /** Applied when the event's own geographical context names no (known) country. */
  geo: GeoIpResolver;
}

/** Lifecycle events that change an Okta account's state; the user concerned is in `target[]`. */
const LIFECYCLE: Readonly<Record<string, AccountStatus>> = {
  'user.lifecycle.deactivate': 'DEACTIVATED',
  'user.lifecycle.suspend': 'SUSPENDED',
  'user.lifecycle.unsuspend': 'ACTIVE',
  'user.lifecycle.activate': 'ACTIVE',
  'user.lifecycle.reactivate': 'ACTIVE',
};

const SUCCESSFUL_OUTCOMES = new Set(['SUCCESS', 'ALLOW']);

/**
 * One System Log event (as `/api/v1/logs` returns it) → an access event for its actor (a sign-in such as
 * `user.session.start`, or an admin action, from an IP and country), plus the target user's account state
 * for a successful lifecycle event such as `user.lifecycle.deactivate`.
 */
export function parseOktaEvent(value: unknown, options: OktaEventOptions): Observation[] {
  if (!isJsonObject(value) || (value['eventType'] === undefined && value['uuid'] === undefined)) {
    throw new RecordRejection('not an Okta System Log event: no "eventType" and no "uuid"');
  }
  const eventId = requireString(value, 'uuid');
  const eventType = requireString(value, 'eventType');
  const occurredAt = requireDate(value, 'published');
  const actor = objectAt(value, 'actor');
  const principal = stringAt(actor, 'alternateId') ?? stringAt(actor, 'id');
  if (principal === null) throw new RecordRejection('missing required field actor.alternateId', 'actor.alternateId');
  const client = objectAt(value, 'client');
  const ipText = stringAt(client, 'ipAddress');
  const sourceIp = ipText !== null && isIP(ipText) !== 0 ? ipText : null;
  const result = stringAt(objectAt(value, 'outcome'), 'result');
  const success = result === null || SUCCESSFUL_OUTCOMES.has(result.toUpperCase());
  const targets = arrayAt(value, 'target').filter(isJsonObject);
  const event: AccessEventObservation = {
    kind: 'access-event',
    eventId,
    occurredAt,
    principal,
    credentialExternalId: stringAt(objectAt(objectAt(value, 'transaction'), 'detail'), 'requestApiTokenId'),
    sourceIp,
    // Okta writes the country as an English name ("United States"): the dashboard speaks ISO codes.
    country: toCountryCode(stringAt(objectAt(client, 'geographicalContext'), 'country')) ?? options.geo(sourceIp),
    action: eventType,
    resource: resourceOf(targets),
    // The System Log records no data volume for any event type: Okta activity counts as requests only.
    bytes: null,
    records: null,
    success,
  };
  const status = LIFECYCLE[eventType];
  if (status === undefined || !success) return [event];
  return [...targets.filter((target) => stringAt(target, 'type') === 'User').map((target) => lifecycleAccount(target, status, occurredAt)), event];
}

function lifecycleAccount(target: JsonObject, status: AccountStatus, occurredAt: Date): AccountObservation {
  const id = stringAt(target, 'id');
  if (id === null) throw new RecordRejection('missing required field target[].id of the User', 'target.id');
  const login = stringAt(target, 'alternateId') ?? id;
  return {
    kind: 'account',
    system: 'okta',
    externalId: id,
    userName: login,
    email: looksLikeEmail(login) ? login : null,
    employeeNumber: null,
    // A lifecycle event does not say when the user was created.
    createdAt: null,
    status,
    deactivatedAt: status === 'ACTIVE' ? null : occurredAt,
    lastLoginAt: null,
  };
}

/** The application reached when the event names one; otherwise the first target. */
function resourceOf(targets: JsonObject[]): string | null {
  const target = targets.find((candidate) => stringAt(candidate, 'type') === 'AppInstance') ?? targets[0];
  if (!target) return null;
  const alternateId = stringAt(target, 'alternateId');
  return alternateId !== null && alternateId !== 'unknown' ? alternateId : stringAt(target, 'displayName');
}
