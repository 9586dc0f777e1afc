import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { AccessEventObservation } from '../core/observation.js';
import { type JsonObject, RecordRejection, isJsonObject, numberOf, objectOf, parseIsoDate, stringOf } from '../core/readers/json-value.util.js';
import { toCountryCode } from '../geoip/country-code.util.js';
import type { GeoIpResolver } from '../geoip/geoip.resolver.js';
import { ocsfBytesOut } from './ocsf-volume.util.js';

export interface OcsfOptions {
  geo: GeoIpResolver;
}

/** The OCSF classes that are accesses: a sign-in, an API call, a web resource read or written, a connection, an HTTP request. */
export const OCSF_ACCESS_CLASSES: Readonly<Record<number, string>> = {
  3002: 'Authentication',
  4001: 'Network Activity',
  4002: 'HTTP Activity',
  6001: 'Web Resources Activity',
  6003: 'API Activity',
  6005: 'Datastore Activity',
  6006: 'File Hosting Activity',
};

const SUPPORTED = Object.entries(OCSF_ACCESS_CLASSES)
  .map(([uid, name]) => `${uid} ${name}`)
  .join(', ');

/** Epoch values below this are seconds, not the milliseconds OCSF specifies (some mappings, e.g. Okta's, write seconds). */
const SECONDS_LIMIT = 100_000_000_000;

// Fields are read by name (`value['class_uid']`) rather than through `stringAt(value, key)`: a log holds
// millions of events, and a named read is several times cheaper than a read by a key held in a variable.

/**
 * One OCSF event of an access class (OCSF_ACCESS_CLASSES) → an access event: when (`time`), who (the
 * authenticated `user` for a sign-in, else `actor.user`), from where (`src_endpoint`), what (`api.operation`,
 * else the type name), how many bytes left the organisation (ocsfBytesOut, by class), and `metadata.uid` as
 * the event id.
 */
export function parseOcsfEvent(value: unknown, options: OcsfOptions): AccessEventObservation {
  if (!isJsonObject(value)) throw new RecordRejection('not an OCSF event: expected a JSON object');
  const classUid = numberOf(value['class_uid']);
  if (classUid === null) throw new RecordRejection(notOcsfReason(value), 'class_uid');
  const className = OCSF_ACCESS_CLASSES[classUid];
  if (className === undefined) {
    const name = stringOf(value['class_name']);
    throw new RecordRejection(
      `OCSF class ${classUid}${name ? ` (${name})` : ''} is not an access event; supported: ${SUPPORTED}`,
      'class_uid',
    );
  }
  const actorUser = objectOf(objectOf(value['actor'])?.['user']);
  const endpoint = objectOf(value['src_endpoint']);
  // A connection's user may be only the initiating endpoint's `owner` (network endpoints, 1.3+).
  const subject =
    classUid === 3002 ? (objectOf(value['user']) ?? actorUser) : (actorUser ?? objectOf(value['user']) ?? objectOf(endpoint?.['owner']));
  const principal = stringOf(subject?.['email_addr']) ?? sameUserEmail(subject, actorUser) ?? stringOf(subject?.['name']) ?? stringOf(subject?.['uid']);
  if (principal === null) throw new RecordRejection('no principal: neither user, actor.user nor src_endpoint.owner has email_addr, name or uid', 'actor.user');
  const ipText = stringOf(endpoint?.['ip']);
  const sourceIp = ipText !== null && isIP(ipText) !== 0 ? ipText : null;
  return {
    kind: 'access-event',
    eventId: stringOf(objectOf(value['metadata'])?.['uid']) ?? contentId(value),
    occurredAt: timeOf(value),
    principal,
    credentialExternalId: stringOf(actorUser?.['credential_uid']),
    sourceIp,
    // OCSF specifies alpha-2 here, but mappings write names ("United States"): both are read.
    country: toCountryCode(stringOf(objectOf(endpoint?.['location'])?.['country'])) ?? options.geo(sourceIp),
    action: stringOf(objectOf(value['api'])?.['operation']) ?? stringOf(value['type_name']) ?? `${className}: ${stringOf(value['activity_name']) ?? 'Unknown'}`,
    resource: resourceOf(value),
    bytes: ocsfBytesOut(value, classUid),
    records: null,
    success: successOf(value),
  };
}

/** A sign-in's `user` often lacks the e-mail its `actor.user` carries for the same person: e-mails match HR. */
function sameUserEmail(subject: JsonObject | null, actorUser: JsonObject | null): string | null {
  if (subject === null || actorUser === null || subject === actorUser) return null;
  const uid = stringOf(subject['uid']);
  const name = stringOf(subject['name']);
  const sameUid = uid !== null && uid === stringOf(actorUser['uid']);
  const sameName = name !== null && name === stringOf(actorUser['name']);
  return sameUid || sameName ? stringOf(actorUser['email_addr']) : null;
}

/** Says what a non-OCSF document looks like instead, so a file given to the wrong source is recognised. */
function notOcsfReason(value: JsonObject): string {
  if (value['eventID'] !== undefined && value['eventSource'] !== undefined) {
    return 'not an OCSF event (no class_uid): this is a raw AWS CloudTrail record; ingest it with --source cloudtrail';
  }
  if (value['eventType'] !== undefined && value['uuid'] !== undefined) {
    return 'not an OCSF event (no class_uid): this is a raw Okta System Log event; ingest it with --source okta-system-log';
  }
  if (value['action'] !== undefined && (value['@timestamp'] !== undefined || value['_document_id'] !== undefined)) {
    return 'not an OCSF event (no class_uid): this is a raw GitHub audit log event; ingest it with --source github-audit-log';
  }
  if (value['createdDateTime'] !== undefined && value['userPrincipalName'] !== undefined) {
    return 'not an OCSF event (no class_uid): this is a raw Microsoft Entra sign-in; ingest it with --source entra-signins';
  }
  return 'not an OCSF event: no class_uid';
}

/** `time` is required by OCSF (epoch milliseconds); `time_dt` only backs it up when `time` is missing. */
function timeOf(value: JsonObject): Date {
  const time = numberOf(value['time']);
  if (time !== null) {
    const date = new Date(time < SECONDS_LIMIT ? time * 1000 : time);
    if (!Number.isNaN(date.getTime())) return date;
  }
  const text = stringOf(value['time_dt']);
  const date = text === null ? null : parseIsoDate(text);
  if (date === null) {
    const shown = JSON.stringify(value['time'] ?? value['time_dt'] ?? null).slice(0, 40);
    throw new RecordRejection(`time is not an epoch time in milliseconds (nor time_dt an ISO 8601 date): ${shown}`, 'time');
  }
  return date;
}

/** OCSF status_id: 1 Success, 2 Failure; an event without a status happened and counts as a success. */
function successOf(value: JsonObject): boolean {
  const statusId = numberOf(value['status_id']);
  if (statusId !== null) return statusId !== 2;
  const status = stringOf(value['status']);
  return status === null || status.toLowerCase() !== 'failure';
}

const firstObject = (list: unknown): JsonObject | null => (Array.isArray(list) ? (list.find(isJsonObject) ?? null) : null);

/** `resources` (API Activity), `web_resources` (Web Resources), the file, table or database, the URL (HTTP Activity), the service. */
function resourceOf(value: JsonObject): string | null {
  const resource = firstObject(value['resources']) ?? firstObject(value['web_resources']) ?? objectOf(value['file']) ?? objectOf(value['table']) ?? objectOf(value['database']);
  const destination = objectOf(value['dst_endpoint']);
  return (
    stringOf(resource?.['uid']) ??
    stringOf(resource?.['path']) ??
    stringOf(resource?.['name']) ??
    stringOf(resource?.['url_string']) ??
    stringOf(objectOf(objectOf(value['http_request'])?.['url'])?.['url_string']) ??
    stringOf(destination?.['svc_name']) ??
    stringOf(destination?.['hostname']) ??
    stringOf(objectOf(objectOf(value['api'])?.['service'])?.['name'])
  );
}

/** An event without metadata.uid still needs a stable id, so that re-ingesting it changes nothing. */
function contentId(value: JsonObject): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(value)).digest('hex')}`;
}
