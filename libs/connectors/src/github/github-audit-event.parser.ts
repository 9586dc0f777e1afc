import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { AccessEventObservation } from '../core/observation.js';
import { type JsonObject, RecordRejection, isJsonObject, numberOf, objectAt, parseIsoDate, requireString, stringAt } from '../core/readers/json-value.util.js';
import { toCountryCode } from '../geoip/country-code.util.js';
import type { GeoIpResolver } from '../geoip/geoip.resolver.js';

export interface GitHubAuditEventOptions {
  /** Applied when the event has no `actor_location.country_code` (GitHub sends it only with IP disclosure on). */
  geo: GeoIpResolver;
}

/**
 * Actions that copy a repository out: each counts as one record, so the bulk-extraction rule sees clones and
 * fetches per token and per day (the audit log carries no byte counts).
 */
const COPY_ACTIONS = new Set(['git.clone', 'git.fetch', 'repo.download_zip']);

/** Whether a value looks like a GitHub audit-log event: an `action` with a time or GitHub's document id. */
export function isGitHubAuditEvent(value: unknown): value is JsonObject {
  return (
    isJsonObject(value) &&
    typeof value['action'] === 'string' &&
    (value['@timestamp'] !== undefined || value['created_at'] !== undefined || value['_document_id'] !== undefined)
  );
}

/**
 * One organisation or enterprise audit-log event (REST `/orgs/{org}/audit-log`, or a streamed/exported JSON or
 * JSON-lines record) → an access event: the actor's login, from `actor_ip` and its country, with the token
 * that made a programmatic call (`token_id`, else `hashed_token`).
 */
export function parseGitHubAuditEvent(value: unknown, options: GitHubAuditEventOptions): AccessEventObservation {
  if (!isGitHubAuditEvent(value)) {
    throw new RecordRejection('not a GitHub audit log event: no "action" with "@timestamp", "created_at" or "_document_id"');
  }
  const action = requireString(value, 'action');
  const occurredAt = timeOf(value);
  const principal = stringAt(value, 'actor') ?? stringAt(value, 'external_identity_nameid');
  if (principal === null) throw new RecordRejection('missing required field actor', 'actor');
  const ipText = stringAt(value, 'actor_ip');
  const sourceIp = ipText !== null && isIP(ipText) !== 0 ? ipText : null;
  const tokenId = numberOf(value['token_id']);
  return {
    kind: 'access-event',
    eventId: eventIdOf(value, action, occurredAt),
    occurredAt,
    principal,
    // token_id 0 means "no token" (a web session, or an SSH key whose only trace is hashed_token).
    credentialExternalId: tokenId !== null && tokenId > 0 ? String(tokenId) : stringAt(value, 'hashed_token'),
    sourceIp,
    country: toCountryCode(stringAt(objectAt(value, 'actor_location'), 'country_code')) ?? options.geo(sourceIp),
    action,
    resource: stringAt(value, 'repo') ?? stringAt(value, 'repository') ?? stringAt(value, 'team') ?? stringAt(value, 'user') ?? stringAt(value, 'org') ?? stringAt(value, 'business'),
    bytes: null,
    records: COPY_ACTIONS.has(action) ? 1 : null,
    // The audit log records what was done, not attempts that were refused.
    success: true,
  };
}

/** `@timestamp` and the REST API's `created_at` are epoch milliseconds; some exports write ISO 8601 instead. */
function timeOf(value: JsonObject): Date {
  for (const field of ['@timestamp', 'created_at'] as const) {
    const raw = value[field];
    if (raw === undefined || raw === null || raw === '') continue;
    const millis = numberOf(raw);
    const date = millis !== null ? new Date(millis) : typeof raw === 'string' ? parseIsoDate(raw.trim()) : null;
    if (date === null || Number.isNaN(date.getTime())) {
      throw new RecordRejection(`${field} is neither epoch milliseconds nor an ISO 8601 date: ${JSON.stringify(raw).slice(0, 40)}`, field);
    }
    return date;
  }
  throw new RecordRejection('missing required field @timestamp (or created_at)', '@timestamp');
}

/**
 * `_document_id` identifies an event in GitHub's store, but exports redact it to one value for many events: with
 * the action and time it stays unique. Without it, the record's own content is its identity, so a re-ingest of
 * the same export changes nothing.
 */
function eventIdOf(value: JsonObject, action: string, occurredAt: Date): string {
  const documentId = stringAt(value, '_document_id');
  if (documentId !== null) return `${documentId}:${action}:${occurredAt.getTime()}`;
  return `sha256:${createHash('sha256').update(JSON.stringify(value)).digest('hex')}`;
}
