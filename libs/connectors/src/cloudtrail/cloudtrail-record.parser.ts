import { isIP } from 'node:net';
import type { AccessEventObservation } from '../core/observation.js';
import {
  type JsonObject,
  RecordRejection,
  arrayAt,
  isJsonObject,
  numberAt,
  objectAt,
  requireDate,
  requireString,
  stringAt,
} from '../core/readers/json-value.util.js';
import type { GeoIpResolver } from '../geoip/geoip.resolver.js';

export interface CloudTrailOptions {
  geo: GeoIpResolver;
}

/** A CloudTrail log file is `{"Records": [...]}`. */
export function unwrapCloudTrail(value: unknown): unknown[] | null {
  return isJsonObject(value) && Array.isArray(value['Records']) ? value['Records'] : null;
}

/**
 * One CloudTrail record → an access event: who (user name, else ARN, else principal id; the root user is
 * `root`), with which access key, from which IP and country, what (service:API), on what, how many bytes out.
 */
export function parseCloudTrailRecord(value: unknown, options: CloudTrailOptions): AccessEventObservation {
  if (!isJsonObject(value)) throw new RecordRejection('not a CloudTrail record: expected a JSON object');
  rejectNonRecord(value);
  const eventId = requireString(value, 'eventID');
  const occurredAt = requireDate(value, 'eventTime');
  const eventName = requireString(value, 'eventName');
  const identity = objectAt(value, 'userIdentity');
  const address = stringAt(value, 'sourceIPAddress');
  // AWS services calling on a user's behalf appear as a host name ("ec2.amazonaws.com"): no IP, no country.
  const sourceIp = address !== null && isIP(address) !== 0 ? address : null;
  const service = (stringAt(value, 'eventSource') ?? 'unknown').replace(/\.amazonaws\.com$/, '');
  return {
    kind: 'access-event',
    eventId,
    occurredAt,
    principal: principalOf(identity, value),
    credentialExternalId: stringAt(identity, 'accessKeyId'),
    sourceIp,
    country: sourceIp === null ? null : options.geo(sourceIp),
    action: `${service}:${eventName}`,
    resource: resourceOf(value),
    bytes: numberAt(objectAt(value, 'additionalEventData'), 'bytesTransferredOut'),
    records: null,
    // A console sign-in failure has no errorCode: CloudTrail reports it in responseElements.
    success: stringAt(value, 'errorCode') === null && stringAt(objectAt(value, 'responseElements'), 'ConsoleLogin') !== 'Failure',
  };
}

function rejectNonRecord(value: JsonObject): void {
  if (value['digestPublicKeyFingerprint'] !== undefined || value['digestStartTime'] !== undefined) {
    throw new RecordRejection('a CloudTrail digest file (log integrity validation), not a log file');
  }
  if (value['eventID'] === undefined && value['eventTime'] === undefined) {
    throw new RecordRejection('not a CloudTrail record: no eventID and no eventTime (a CloudTrail log file is {"Records": [...]})');
  }
}

function principalOf(identity: JsonObject | null, record: JsonObject): string {
  if (stringAt(identity, 'type') === 'Root') return 'root';
  const principal =
    stringAt(identity, 'userName') ??
    stringAt(identity, 'arn') ??
    stringAt(identity, 'principalId') ??
    // IAM Identity Center sign-ins name the user only in these places.
    stringAt(objectAt(record, 'additionalEventData'), 'UserName') ??
    stringAt(objectAt(identity, 'onBehalfOf'), 'userId') ??
    stringAt(identity, 'invokedBy');
  if (principal === null) throw new RecordRejection('no principal in userIdentity (userName, arn or principalId)', 'userIdentity');
  return principal;
}

/** The first ARN CloudTrail lists (data events), else the S3 object a request names. */
function resourceOf(record: JsonObject): string | null {
  const arn = arrayAt(record, 'resources').map((resource) => stringAt(resource, 'ARN')).find((candidate) => candidate !== null);
  if (arn) return arn;
  const request = objectAt(record, 'requestParameters');
  const bucket = stringAt(request, 'bucketName');
  if (bucket === null) return null;
  const key = stringAt(request, 'key');
  return `arn:aws:s3:::${bucket}${key === null ? '' : `/${key}`}`;
}
