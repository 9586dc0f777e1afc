import { isIP } from 'node:net';
import type { AccessEventObservation } from '../core/observation.js';
import {
  type JsonObject,
  RecordRejection,
  isJsonObject,
  numberOf,
  objectOf,
  requireDateOf,
  requireStringOf,
  stringOf,
} from '../core/readers/json-value.util.js';
import type { GeoIpResolver } from '../geoip/geoip.resolver.js';

export interface CloudTrailOptions {
  geo: GeoIpResolver;
}

/** A CloudTrail log file is `{"Records": [...]}`. */
export function unwrapCloudTrail(value: unknown): unknown[] | null {
  return isJsonObject(value) && Array.isArray(value['Records']) ? value['Records'] : null;
}

// Fields are read by name (`value['eventID']`) rather than through `stringAt(value, key)`: a log holds
// millions of records, and a named read is several times cheaper than a read by a key held in a variable.

/**
 * One CloudTrail record → an access event: who (user name, else ARN, else principal id; the root user is
 * `root`), with which access key, from which IP and country, what (service:API), on what, how many bytes out.
 */
export function parseCloudTrailRecord(value: unknown, options: CloudTrailOptions): AccessEventObservation {
  if (!isJsonObject(value)) throw new RecordRejection('not a CloudTrail record: expected a JSON object');
  rejectNonRecord(value);
  const eventId = requireStringOf(value['eventID'], 'eventID');
  const occurredAt = requireDateOf(value['eventTime'], 'eventTime');
  const eventName = requireStringOf(value['eventName'], 'eventName');
  const identity = objectOf(value['userIdentity']);
  const additional = additionalEventDataOf(value['additionalEventData']);
  const address = stringOf(value['sourceIPAddress']);
  // AWS services calling on a user's behalf appear as a host name ("ec2.amazonaws.com"): no IP, no country.
  const sourceIp = address !== null && isIP(address) !== 0 ? address : null;
  const service = serviceOf(stringOf(value['eventSource']));
  const response = objectOf(value['responseElements']);
  return {
    kind: 'access-event',
    eventId,
    occurredAt,
    principal: principalOf(identity, additional),
    credentialExternalId: stringOf(identity?.['accessKeyId']),
    sourceIp,
    country: sourceIp === null ? null : options.geo(sourceIp),
    action: `${service}:${eventName}`,
    resource: resourceOf(value),
    bytes: bytesTransferredOutOf(additional),
    records: null,
    // A console sign-in failure has no errorCode: CloudTrail reports it in responseElements.
    success: stringOf(value['errorCode']) === null && stringOf(response?.['ConsoleLogin']) !== 'Failure',
  };
}

/**
 * `additionalEventData` is an object in a trail's log files, and a JSON-encoded string where CloudTrail Lake,
 * Athena or a SIEM export flattens it: both are read.
 */
function additionalEventDataOf(inner: unknown): JsonObject | null {
  if (typeof inner !== 'string') return objectOf(inner);
  try {
    return objectOf(JSON.parse(inner));
  } catch {
    return null;
  }
}

/**
 * The bytes the request sent out of AWS (S3 data events: GetObject, SelectObjectContent, ...). CloudTrail
 * writes `bytesTransferredOut` as an integer, S3 often as a float (`339117.0`), exports as a string; a key
 * spelled in another case (`BytesTransferredOut`) is the same field. Absent (management events): null, the
 * event counts as a request without a volume. `bytesTransferredIn` is data sent in, not out.
 */
function bytesTransferredOutOf(additional: JsonObject | null): number | null {
  if (additional === null) return null;
  let raw = additional['bytesTransferredOut'];
  if (raw === undefined) {
    const key = Object.keys(additional).find((name) => name.toLowerCase() === 'bytestransferredout');
    raw = key === undefined ? undefined : additional[key];
  }
  const bytes = numberOf(raw);
  return bytes !== null && bytes >= 0 ? Math.round(bytes) : null;
}

const AWS_DOMAIN = '.amazonaws.com';

/** `s3.amazonaws.com` → `s3`: the service part of an event source. */
function serviceOf(eventSource: string | null): string {
  if (eventSource === null) return 'unknown';
  return eventSource.endsWith(AWS_DOMAIN) ? eventSource.slice(0, -AWS_DOMAIN.length) : eventSource;
}

function rejectNonRecord(value: JsonObject): void {
  if (value['digestPublicKeyFingerprint'] !== undefined || value['digestStartTime'] !== undefined) {
    throw new RecordRejection('a CloudTrail digest file (log integrity validation), not a log file');
  }
  if (value['eventID'] === undefined && value['eventTime'] === undefined) {
    throw new RecordRejection('not a CloudTrail record: no eventID and no eventTime (a CloudTrail log file is {"Records": [...]})');
  }
}

function principalOf(identity: JsonObject | null, additional: JsonObject | null): string {
  if (stringOf(identity?.['type']) === 'Root') return 'root';
  const principal =
    stringOf(identity?.['userName']) ??
    stringOf(identity?.['arn']) ??
    stringOf(identity?.['principalId']) ??
    // IAM Identity Center sign-ins name the user only in these places.
    stringOf(additional?.['UserName']) ??
    stringOf(objectOf(identity?.['onBehalfOf'])?.['userId']) ??
    stringOf(identity?.['invokedBy']);
  if (principal === null) throw new RecordRejection('no principal in userIdentity (userName, arn or principalId)', 'userIdentity');
  return principal;
}

/** The first ARN CloudTrail lists (data events), else the S3 object a request names. */
function resourceOf(record: JsonObject): string | null {
  const resources = record['resources'];
  if (Array.isArray(resources)) {
    for (const resource of resources) {
      const arn = isJsonObject(resource) ? stringOf(resource['ARN']) : null;
      if (arn !== null) return arn;
    }
  }
  const request = objectOf(record['requestParameters']);
  const bucket = stringOf(request?.['bucketName']);
  if (bucket === null) return null;
  const key = stringOf(request?.['key']);
  return `arn:aws:s3:::${bucket}${key === null ? '' : `/${key}`}`;
}
