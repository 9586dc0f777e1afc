import { isIP } from 'node:net';
import { type JsonObject, numberOf, objectOf, stringOf } from '../core/readers/json-value.util.js';

/**
 * How many bytes of an OCSF event LEFT the organisation, by the class's own schema (OCSF 1.0 to 1.x). Null when
 * the class or the event carries no volume the schema defines for that direction: the event then counts as a
 * request, never as 0 bytes measured. The map is documented in docs/findings.md ("Data volume by source").
 *
 * - 6003 API Activity: the actor called the organisation's service; what it took away is the response,
 *   `http_response.length` (the whole response, 1.4+), else `http_response.body_length` (1.5+). The request
 *   (`http_request.length`, 1.1+) is data sent in, not out. API Activity has no `traffic` object in any 1.x
 *   schema, so a `traffic` there is not read.
 * - 6001 Web Resources Activity: the same response fields (the class gained http_request/http_response in 1.1);
 *   6005 Datastore Activity likewise (http_response from 1.4 on).
 * - 6006 File Hosting Activity: the response length, else for a Download (activity_id 2) `file.size`; an
 *   Upload, Share or any other activity has no outgoing volume.
 * - 4001 Network Activity and 4002 HTTP Activity: `traffic.bytes_out` is source → destination and
 *   `traffic.bytes_in` destination → source, where the source is the connection's initiator (the client). What
 *   left is what the inside end sent to the outside end: see `directionOf`. HTTP Activity falls back to
 *   `http_response.length` (server → client) or `http_request.length` (client → server).
 * - 3002 Authentication: no volume.
 */
export function ocsfBytesOut(value: JsonObject, classUid: number): number | null {
  switch (classUid) {
    case 6003:
    case 6001:
    case 6005:
      return responseLength(value);
    case 6006:
      // A Download (activity_id 2) took the file: its size when the response's length is not given.
      return responseLength(value) ?? (numberOf(value['activity_id']) === 2 ? nonNegative(numberOf(objectOf(value['file'])?.['size'])) : null);
    case 4001:
    case 4002:
      return networkBytesOut(value, classUid === 4002);
    default:
      return null;
  }
}

const lengthOf = (message: JsonObject | null): number | null => nonNegative(numberOf(message?.['length'])) ?? nonNegative(numberOf(message?.['body_length']));

const nonNegative = (value: number | null): number | null => (value !== null && value >= 0 ? value : null);

function responseLength(value: JsonObject): number | null {
  return lengthOf(objectOf(value['http_response']));
}

/** Which end of a connection is inside the organisation, per OCSF `connection_info.direction_id`. */
export type OcsfDirection = 'inbound' | 'outbound' | 'inside' | 'unknown';

/**
 * `connection_info.direction_id`: 1 Inbound (the client is outside, the server inside), 2 Outbound (the client
 * inside, the server outside), 3 Lateral and 4 Local (both inside: nothing left). 0 Unknown and 99 Other, or no
 * direction: judged from the addresses (private, loopback, link-local and CGNAT addresses are inside; any other
 * IP is outside). When `is_src_dst_assignment_known` is false the source is not asserted to be the client, so
 * only the addresses decide.
 */
export function directionOf(value: JsonObject): OcsfDirection {
  const assignmentKnown = value['is_src_dst_assignment_known'] !== false;
  const directionId = numberOf(objectOf(value['connection_info'])?.['direction_id']);
  if (assignmentKnown) {
    if (directionId === 1) return 'inbound';
    if (directionId === 2) return 'outbound';
    if (directionId === 3 || directionId === 4) return 'inside';
  }
  const src = placeOf(objectOf(value['src_endpoint']));
  const dst = placeOf(objectOf(value['dst_endpoint']));
  if (src === 'inside' && dst === 'inside') return 'inside';
  if (src === 'inside' && dst === 'outside') return 'outbound';
  if (src === 'outside' && dst === 'inside') return 'inbound';
  // One end known: the other is assumed to be the opposite side (a log names the organisation's own end only
  // when it is the one that was seen), but only while src/dst mean client/server.
  if (!assignmentKnown) return 'unknown';
  if (src === 'outside' && dst === null) return 'inbound';
  if (src === 'inside' && dst === null) return 'outbound';
  if (src === null && dst === 'inside') return 'inbound';
  if (src === null && dst === 'outside') return 'outbound';
  return 'unknown';
}

function networkBytesOut(value: JsonObject, http: boolean): number | null {
  const direction = directionOf(value);
  if (direction === 'inside') return 0;
  if (direction === 'unknown') return null;
  const traffic = objectOf(value['traffic']);
  // Inbound: the server (destination) is ours, and what it sent the client is destination → source.
  if (direction === 'inbound') return nonNegative(numberOf(traffic?.['bytes_in'])) ?? (http ? responseLength(value) : null);
  return nonNegative(numberOf(traffic?.['bytes_out'])) ?? (http ? lengthOf(objectOf(value['http_request'])) : null);
}

/** `network_scope_id` (1.7+: 1 Internal, 2 External) when the source says it; else judged from the address. */
function placeOf(endpoint: JsonObject | null): 'inside' | 'outside' | null {
  const scope = numberOf(endpoint?.['network_scope_id']);
  if (scope === 1) return 'inside';
  if (scope === 2) return 'outside';
  const ip = stringOf(endpoint?.['ip']);
  if (ip === null || isIP(ip) === 0) return null;
  return isPrivateAddress(ip) ? 'inside' : 'outside';
}

/**
 * Addresses that only exist inside a network: RFC 1918, CGNAT (RFC 6598), loopback, link-local, IPv6 ULA and
 * link-local. Documentation ranges (192.0.2.0/24, ...) are NOT inside: examples use them as public addresses.
 */
export function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 4) {
    const [a, b] = ip.split('.').map(Number) as [number, number];
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254);
  }
  const lower = ip.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return isPrivateAddress(mapped[1] as string);
  return lower === '::1' || /^f[cd][0-9a-f]{0,2}:/.test(lower) || /^fe[89ab][0-9a-f]?:/.test(lower);
}
