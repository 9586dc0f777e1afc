import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseCloudTrailRecord } from '../cloudtrail/cloudtrail-record.parser.js';
import type { AccessEventObservation } from '../core/observation.js';
import type { GeoIpResolver } from '../geoip/geoip.resolver.js';
import { parseOcsfEvent } from '../ocsf/ocsf-event.parser.js';
import { parseAccessRollupRow } from './access-rollup-row.parser.js';
import { athenaLikeEngine, rollupSql, runQuery, type RollupQueryRow } from './athena-sql.test-util.js';

/**
 * The shipped SQL (docs/sql), run unchanged in DuckDB over Parquet written from spec-conformant records: the
 * aggregates must be exactly those of the records, and the same as our own connectors make of the same records
 * event by event (parsed one at a time, then summed per day × principal × credential × country).
 */

const geo: GeoIpResolver = (ip) => ({ '203.0.113.7': 'KP', '198.51.100.4': 'CN', '192.0.2.10': 'US' })[ip ?? ''] ?? null;
const ms = (iso: string): number => Date.parse(iso);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rollup-sql-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** JSON records → Parquet with the table's column types (Hive partitions as folders), via DuckDB's own reader. */
async function writeTable(name: string, rows: readonly object[], columns: Record<string, string>, partitionBy: string[]): Promise<string> {
  const json = join(dir, `${name}.jsonl`);
  writeFileSync(json, rows.map((row) => JSON.stringify(row)).join('\n'));
  const target = join(dir, name);
  const spec = Object.entries(columns)
    .map(([column, type]) => `"${column}": '${type}'`)
    .join(', ');
  const { connection, close } = await athenaLikeEngine([]);
  try {
    const partition = partitionBy.length > 0 ? `, PARTITION_BY (${partitionBy.join(', ')})` : '';
    await connection.run(`COPY (SELECT * FROM read_json('${json}', format = 'newline_delimited', columns = {${spec}})) TO '${target}' (FORMAT parquet${partition})`);
  } finally {
    close();
  }
  return partitionBy.length > 0 ? `${target}/**/*.parquet` : target;
}

type Key = string;
interface Sum {
  events: number;
  bytes: number;
}
const keyOf = (day: string, principal: string, credential: string | null, country: string | null): Key => JSON.stringify([day, principal, credential, country]);

/** What the connector makes of the query's rows, summed per key as the ingest sums a run's rows. */
function ingestedFromQuery(rows: readonly RollupQueryRow[]): Map<Key, Sum> {
  const sums = new Map<Key, Sum>();
  for (const row of rows) {
    const parsed = parseAccessRollupRow({ ...row }, geo);
    if (!parsed.ok) throw new Error(`the query produced a row the connector rejects: ${parsed.reason}`);
    const { day, principal, credentialExternalId, country, events, bytes } = parsed.rollup;
    const key = keyOf(day, principal, credentialExternalId, country);
    const sum = sums.get(key) ?? { events: 0, bytes: 0 };
    sums.set(key, { events: sum.events + events, bytes: sum.bytes + bytes });
  }
  return sums;
}

/** The same events through the event connector, one by one, summed per key as access_daily_rollup does. */
function ingestedAsEvents(events: readonly AccessEventObservation[], from: string, to: string): Map<Key, Sum> {
  const sums = new Map<Key, Sum>();
  for (const event of events) {
    // A refused attempt is stored as an event but never rolled up (not use of access).
    if (!event.success) continue;
    const day = event.occurredAt.toISOString().slice(0, 10);
    if (day < from || day >= to) continue;
    const key = keyOf(day, event.principal, event.credentialExternalId, event.country);
    const sum = sums.get(key) ?? { events: 0, bytes: 0 };
    sums.set(key, { events: sum.events + 1, bytes: sum.bytes + (event.bytes ?? 0) });
  }
  return sums;
}

function parsedOrNull<T>(parse: () => T): T | null {
  try {
    return parse();
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------- Security Lake

/** The columns of a Security Lake table of sign-ins and API calls (CloudTrail's) that the access query reads, with OCSF 1.x types. */
const OCSF_API_COLUMNS: Record<string, string> = {
  time: 'BIGINT',
  class_uid: 'INTEGER',
  class_name: 'VARCHAR',
  activity_id: 'INTEGER',
  status_id: 'INTEGER',
  metadata: 'STRUCT(uid VARCHAR, version VARCHAR, product STRUCT(name VARCHAR, vendor_name VARCHAR))',
  actor: 'STRUCT("user" STRUCT(uid VARCHAR, name VARCHAR, email_addr VARCHAR, credential_uid VARCHAR, type VARCHAR))',
  user: 'STRUCT(uid VARCHAR, name VARCHAR, email_addr VARCHAR, type VARCHAR)',
  src_endpoint: 'STRUCT(ip VARCHAR, location STRUCT(country VARCHAR, city VARCHAR))',
  api: 'STRUCT(operation VARCHAR, service STRUCT(name VARCHAR))',
  http_response: 'STRUCT(code INTEGER, length BIGINT, body_length BIGINT)',
  region: 'VARCHAR',
  accountid: 'VARCHAR',
  eventday: 'VARCHAR',
};

/** The same with what connections add (OCSF 1.3+ owner, 1.7+ network_scope_id): what the network query reads too. */
const OCSF_COLUMNS: Record<string, string> = {
  ...OCSF_API_COLUMNS,
  src_endpoint: 'STRUCT(ip VARCHAR, network_scope_id INTEGER, location STRUCT(country VARCHAR, city VARCHAR), owner STRUCT(uid VARCHAR, name VARCHAR, email_addr VARCHAR))',
  dst_endpoint: 'STRUCT(ip VARCHAR, network_scope_id INTEGER, hostname VARCHAR)',
  connection_info: 'STRUCT(direction_id INTEGER, protocol_num INTEGER)',
  is_src_dst_assignment_known: 'BOOLEAN',
  traffic: 'STRUCT(bytes BIGINT, bytes_in BIGINT, bytes_out BIGINT, packets BIGINT)',
  http_request: 'STRUCT(length BIGINT, body_length BIGINT, url STRUCT(url_string VARCHAR))',
};

const compareRows = (a: RollupQueryRow, b: RollupQueryRow): number => {
  const key = (row: RollupQueryRow) => JSON.stringify([row.day, row.principal, row.credential ?? '', row.country ?? '', row.source_ip ?? '']);
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
};

/** Partitions 10-31 to 11-03 for the days 11-01 and 11-02. */
const WINDOW = ['20261031', '20261103', '2026-11-01', '2026-11-03'];

/** Writes `events` as a Security Lake table (Parquet, partitioned as Security Lake does) and runs `query` over it as `ocsf_events`. */
async function overSecurityLake<T>(name: string, events: readonly object[], columns: Record<string, string>, query: (connection: Parameters<typeof runQuery>[0]) => Promise<T>): Promise<T> {
  const parquet = await writeTable(name, events, columns, ['region', 'accountid', 'eventday']);
  const { connection, close } = await athenaLikeEngine([{ name: 'ocsf_events', parquet }]);
  try {
    return await query(connection);
  } finally {
    close();
  }
}

/** Both shipped Security Lake queries over the same table: what an organisation ingesting both sends. */
async function securityLakeRows(connection: Parameters<typeof runQuery>[0], params: readonly string[]): Promise<RollupQueryRow[]> {
  const access = await runQuery(connection, rollupSql('security-lake-access-rollups.sql'), params);
  const network = await runQuery(connection, rollupSql('security-lake-network-rollups.sql'), params);
  return [...access, ...network].sort(compareRows);
}

let uid = 0;
/** An OCSF event as Security Lake stores it, partitioned by the day it arrived (`eventday`). */
type OcsfClass = 2004 | 3002 | 4001 | 4002 | 6001 | 6003;
function ocsf(classUid: OcsfClass, time: string, fields: object, eventday = time.slice(0, 10).replaceAll('-', '')): Record<string, unknown> {
  const names = { 2004: 'Detection Finding', 3002: 'Authentication', 4001: 'Network Activity', 4002: 'HTTP Activity', 6001: 'Web Resources Activity', 6003: 'API Activity' };
  uid += 1;
  return {
    time: ms(time),
    class_uid: classUid,
    class_name: names[classUid],
    activity_id: 1,
    status_id: 1,
    metadata: { uid: `evt-${uid}`, version: '1.1.0', product: { name: 'CloudTrail', vendor_name: 'AWS' } },
    region: 'us-east-1',
    accountid: '111122223333',
    eventday,
    ...fields,
  };
}

const alice = { uid: 'AIDAALICE', name: 'alice', email_addr: 'alice@example.com', credential_uid: 'ASIAALICE' };
const fromUs = { ip: '192.0.2.10', location: { country: 'US' } };

const SECURITY_LAKE_EVENTS = [
  // API Activity: the response's length, else its body_length; a negative length is no length; none: a request only.
  ocsf(6003, '2026-11-01T10:00:00Z', { actor: { user: alice }, src_endpoint: fromUs, api: { operation: 'GetObject' }, http_response: { code: 200, length: 1000 } }),
  ocsf(6003, '2026-11-01T11:00:00Z', { actor: { user: alice }, src_endpoint: fromUs, http_response: { code: 200, body_length: 500 } }),
  ocsf(6003, '2026-11-01T12:00:00Z', { actor: { user: alice }, src_endpoint: fromUs, http_response: { code: 200, length: -1, body_length: 300 } }),
  ocsf(6003, '2026-11-01T13:00:00Z', { actor: { user: alice }, src_endpoint: fromUs, api: { operation: 'ListBuckets' } }),
  // Authentication: the signed-in `user` (no e-mail), the same person as actor.user (with one); a country by name.
  ocsf(3002, '2026-11-01T08:00:00Z', {
    user: { uid: 'AIDAALICE', name: 'alice' },
    actor: { user: { uid: 'AIDAALICE', email_addr: 'alice@example.com' } },
    src_endpoint: { ip: '192.0.2.10', location: { country: 'United States' } },
  }),
  // A sign-in with no `user`: actor.user signs in.
  ocsf(3002, '2026-11-02T09:00:00Z', { actor: { user: { name: 'carol', email_addr: 'carol@example.com' } }, src_endpoint: { ip: '192.0.2.99', location: { country: 'FR' } } }),
  // No location: the address goes out for the connector's GeoIP.
  ocsf(6003, '2026-11-02T10:00:00Z', { actor: { user: { name: 'bob', email_addr: 'bob@example.com' } }, src_endpoint: { ip: '203.0.113.7' }, http_response: { length: 10 } }),
  ocsf(6003, '2026-11-02T10:05:00Z', { actor: { user: { name: 'bob', email_addr: 'bob@example.com' } }, src_endpoint: { ip: '203.0.113.7' }, http_response: { length: 20 } }),
  // A role session named only by uid.
  ocsf(6003, '2026-11-02T11:00:00Z', { actor: { user: { uid: 'AROAEXAMPLE:session', type: 'AssumedRole' } }, src_endpoint: { ip: '192.0.2.50', location: { country: 'DE' } } }),
  // The last millisecond of 11-02, arrived in the next day's partition: it belongs to 11-02.
  ocsf(6003, '2026-11-02T23:59:59.999Z', { actor: { user: alice }, src_endpoint: fromUs, http_response: { length: 7 } }, '20261103'),
  // Outside the window (11-01 and 11-02): the first millisecond of 11-03, the last second of 10-31.
  ocsf(6003, '2026-11-03T00:00:00Z', { actor: { user: alice }, src_endpoint: fromUs, http_response: { length: 1e9 } }),
  ocsf(6003, '2026-10-31T23:59:59Z', { actor: { user: alice }, src_endpoint: fromUs, http_response: { length: 1e9 } }),
  // Refused: a failed sign-in and a denied call (status_id 2 Failure); an Unknown status happened.
  ocsf(3002, '2026-11-01T08:30:00Z', { status_id: 2, status: 'Failure', user: { name: 'alice', email_addr: 'alice@example.com' }, src_endpoint: fromUs }),
  ocsf(6003, '2026-11-01T10:30:00Z', { status_id: 2, status: 'Failure', actor: { user: alice }, src_endpoint: fromUs, http_response: { code: 403, length: 5000 } }),
  ocsf(6003, '2026-11-02T10:10:00Z', { status_id: 0, status: 'Unknown', actor: { user: { name: 'bob', email_addr: 'bob@example.com' } }, src_endpoint: { ip: '203.0.113.7' }, http_response: { length: 12 } }),
  // Not an access class, and an API call with no one behind it.
  ocsf(2004, '2026-11-01T10:00:00Z', { actor: { user: alice }, src_endpoint: fromUs }),
  ocsf(6003, '2026-11-01T10:00:00Z', { src_endpoint: fromUs, http_response: { length: 99 } }),
];

const dave = { uid: 'dave', email_addr: 'dave@example.com' };
/** Network, HTTP and Web Resources Activity: bytes by direction (inside → outside counts), as ocsf-volume.util reads them. */
const NETWORK_EVENTS = [
  // Inbound (direction_id 1): the server is ours; what it sent the client is bytes_in (destination → source).
  ocsf(4001, '2026-11-01T01:00:00Z', { actor: { user: dave }, src_endpoint: { ip: '203.0.113.7' }, dst_endpoint: { ip: '10.0.0.5' }, connection_info: { direction_id: 1 }, traffic: { bytes_in: 4000, bytes_out: 100 } }),
  // Outbound (2): the client is ours; what it sent out is bytes_out.
  ocsf(4001, '2026-11-01T02:00:00Z', { actor: { user: dave }, src_endpoint: { ip: '10.0.0.5' }, dst_endpoint: { ip: '203.0.113.7' }, connection_info: { direction_id: 2 }, traffic: { bytes_in: 9, bytes_out: 700 } }),
  // Lateral (3): nothing left. Unknown (0) between two outside addresses: a request only. A total `bytes` is never read.
  ocsf(4001, '2026-11-01T03:00:00Z', { actor: { user: dave }, src_endpoint: { ip: '10.0.0.5' }, dst_endpoint: { ip: '10.0.0.6' }, connection_info: { direction_id: 3 }, traffic: { bytes_in: 5, bytes_out: 5 } }),
  ocsf(4001, '2026-11-01T04:00:00Z', { actor: { user: dave }, src_endpoint: { ip: '203.0.113.7' }, dst_endpoint: { ip: '198.51.100.4' }, connection_info: { direction_id: 0 }, traffic: { bytes: 8888 } }),
  // No direction: the addresses say it (private client, public server: outbound), or network_scope_id does.
  ocsf(4001, '2026-11-01T05:00:00Z', { actor: { user: dave }, src_endpoint: { ip: '192.168.1.2' }, dst_endpoint: { ip: '198.51.100.4' }, traffic: { bytes_out: 50 } }),
  ocsf(4001, '2026-11-01T06:00:00Z', { actor: { user: dave }, src_endpoint: { ip: '203.0.113.7', network_scope_id: 1 }, dst_endpoint: { ip: '198.51.100.4', network_scope_id: 2 }, traffic: { bytes_out: 60 } }),
  // The assignment not known: direction_id is not trusted, and one end alone decides nothing.
  ocsf(4001, '2026-11-01T07:00:00Z', { actor: { user: dave }, is_src_dst_assignment_known: false, src_endpoint: { ip: '203.0.113.7' }, connection_info: { direction_id: 1 }, traffic: { bytes_in: 1e6 } }),
  // A connection with no user: its initiating endpoint's owner.
  ocsf(4001, '2026-11-01T08:00:00Z', { src_endpoint: { ip: '10.0.0.9', owner: { name: 'build-agent-7' } }, dst_endpoint: { ip: '198.51.100.4' }, traffic: { bytes_out: 123 } }),
  // HTTP Activity: traffic first; without it the response (inbound) or the request (outbound).
  ocsf(4002, '2026-11-02T01:00:00Z', { actor: { user: dave }, src_endpoint: { ip: '198.51.100.4' }, dst_endpoint: { ip: '10.0.0.5' }, traffic: { bytes_in: 11 }, http_response: { length: 999 } }),
  ocsf(4002, '2026-11-02T02:00:00Z', { actor: { user: dave }, src_endpoint: { ip: '198.51.100.4' }, dst_endpoint: { ip: '10.0.0.5' }, http_response: { length: -1, body_length: 22 } }),
  ocsf(4002, '2026-11-02T03:00:00Z', { actor: { user: dave }, src_endpoint: { ip: '10.0.0.5' }, dst_endpoint: { ip: '198.51.100.4' }, http_request: { length: 33 }, http_response: { length: 1e6 } }),
  // Web Resources Activity: the response, as API Activity.
  ocsf(6001, '2026-11-02T04:00:00Z', { actor: { user: dave }, src_endpoint: { ip: '198.51.100.4', location: { country: 'CN' } }, http_response: { length: 44 } }),
];

describe('the Security Lake rollup queries on Network, HTTP and Web Resources Activity', () => {
  let rows: RollupQueryRow[];
  beforeAll(async () => {
    rows = await overSecurityLake('security_lake_network', NETWORK_EVENTS, OCSF_COLUMNS, (connection) => securityLakeRows(connection, WINDOW));
  });

  it('counts what left by direction: inbound bytes_in, outbound bytes_out, lateral nothing, unknown a request only', () => {
    expect(rows).toEqual([
      { day: '2026-11-01', principal: 'build-agent-7', credential: null, country: null, source_ip: '10.0.0.9', events: 1, bytes: 123 },
      { day: '2026-11-01', principal: 'dave@example.com', credential: null, country: null, source_ip: '10.0.0.5', events: 2, bytes: 700 },
      { day: '2026-11-01', principal: 'dave@example.com', credential: null, country: null, source_ip: '192.168.1.2', events: 1, bytes: 50 },
      { day: '2026-11-01', principal: 'dave@example.com', credential: null, country: null, source_ip: '203.0.113.7', events: 4, bytes: 4000 + 60 },
      { day: '2026-11-02', principal: 'dave@example.com', credential: null, country: null, source_ip: '10.0.0.5', events: 1, bytes: 33 },
      { day: '2026-11-02', principal: 'dave@example.com', credential: null, country: null, source_ip: '198.51.100.4', events: 2, bytes: 11 + 22 },
      // Web Resources Activity, from the access query.
      { day: '2026-11-02', principal: 'dave@example.com', credential: null, country: 'CN', source_ip: null, events: 1, bytes: 44 },
    ]);
  });

  it('lands exactly what --source ocsf stores for the same events', () => {
    const events = NETWORK_EVENTS.map((event) => parsedOrNull(() => parseOcsfEvent(event, { geo }))).filter((event): event is AccessEventObservation => event !== null);
    expect(events).toHaveLength(NETWORK_EVENTS.length);
    expect(ingestedFromQuery(rows)).toEqual(ingestedAsEvents(events, '2026-11-01', '2026-11-03'));
  });
});

describe('the Security Lake (OCSF) rollup query', () => {
  let rows: RollupQueryRow[];
  beforeAll(async () => {
    // A table of sign-ins and API calls only (CloudTrail's): the access query needs no connection columns.
    rows = await overSecurityLake('security_lake', SECURITY_LAKE_EVENTS, OCSF_API_COLUMNS, (connection) =>
      runQuery(connection, rollupSql('security-lake-access-rollups.sql'), WINDOW),
    );
  });

  it('sums each UTC day × principal × credential × country × address of API Activity and Authentication', () => {
    expect(rows).toEqual([
      { day: '2026-11-01', principal: 'alice@example.com', credential: 'ASIAALICE', country: 'US', source_ip: null, events: 4, bytes: 1000 + 500 + 300 },
      { day: '2026-11-01', principal: 'alice@example.com', credential: null, country: 'United States', source_ip: null, events: 1, bytes: 0 },
      { day: '2026-11-02', principal: 'AROAEXAMPLE:session', credential: null, country: 'DE', source_ip: null, events: 1, bytes: 0 },
      { day: '2026-11-02', principal: 'alice@example.com', credential: 'ASIAALICE', country: 'US', source_ip: null, events: 1, bytes: 7 },
      { day: '2026-11-02', principal: 'bob@example.com', credential: null, country: null, source_ip: '203.0.113.7', events: 3, bytes: 42 },
      { day: '2026-11-02', principal: 'carol@example.com', credential: null, country: 'FR', source_ip: null, events: 1, bytes: 0 },
    ]);
  });

  it('lands exactly what --source ocsf stores for the same events', () => {
    const events = SECURITY_LAKE_EVENTS.map((event) => parsedOrNull(() => parseOcsfEvent(event, { geo })))
      .filter((event): event is AccessEventObservation => event !== null);
    expect(ingestedFromQuery(rows)).toEqual(ingestedAsEvents(events, '2026-11-01', '2026-11-03'));
  });
});

describe('the Security Lake queries against the OCSF connector, on any events of any class', () => {
  const pick = <T>(...values: T[]) => fc.constantFrom(...values);
  const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
  // Small pools, so that keys repeat and sums are exercised; blanks, names, host names and negative lengths included.
  const text = (...values: string[]) => optional(pick(...values, '', '  '));
  const event = fc
    .record({
      classUid: pick<OcsfClass>(3002, 6003, 4001, 4002, 6001, 2004),
      time: fc.oneof(
        fc.integer({ min: ms('2026-10-31T22:00:00Z'), max: ms('2026-11-03T02:00:00Z') }),
        pick(ms('2026-11-01T00:00:00Z'), ms('2026-11-02T23:59:59.999Z'), ms('2026-11-03T00:00:00Z'), ms('2026-10-31T23:59:59.999Z')),
      ),
      late: fc.boolean(),
      user: optional(fc.record({ uid: text('u1', 'u2'), name: text('ann', 'ben'), email_addr: text('ann@example.com') }, { requiredKeys: [] })),
      actorUser: optional(
        fc.record({ uid: text('u1', 'u3'), name: text('ann', 'cat'), email_addr: text('ann@example.com', 'cat@example.com'), credential_uid: text('K1', 'K2') }, { requiredKeys: [] }),
      ),
      ip: text('192.0.2.10', '203.0.113.7', '198.51.100.4', '10.0.0.1', '192.168.7.7', '2001:db8::1', 'fd00::1', 'ec2.amazonaws.com'),
      // No location, a location without a country, or one with a code, a name, an alpha-3 code or a blank.
      country: optional(fc.option(pick('US', 'kr', 'United States', 'FR', '', 'KOR'), { nil: null })),
      response: optional(fc.record({ length: optional(fc.integer({ min: -2, max: 5_000_000 })), body_length: optional(fc.integer({ min: -2, max: 5_000_000 })) }, { requiredKeys: [] })),
      // Network fields: a connection's owner, the other end, the direction, each end's scope, the traffic, the request.
      owner: optional(fc.record({ uid: text('h1'), name: text('agent-1', 'agent-2'), email_addr: text('ops@example.com') }, { requiredKeys: [] })),
      srcScope: optional(pick(0, 1, 2, 99)),
      dstIp: optional(pick('10.0.0.5', '172.20.0.1', '100.64.1.1', '198.51.100.4', 'fd12::1', 'fe80::1', '::ffff:192.168.0.1', '2001:db8::2', 'db.internal', '')),
      dstScope: optional(pick(0, 1, 2)),
      directionId: optional(pick(0, 1, 2, 3, 4, 99)),
      assignmentKnown: optional(fc.boolean()),
      traffic: optional(fc.record({ bytes: optional(fc.integer({ min: 0, max: 9_000 })), bytes_in: optional(fc.integer({ min: -2, max: 5_000_000 })), bytes_out: optional(fc.integer({ min: -2, max: 5_000_000 })) }, { requiredKeys: [] })),
      request: optional(fc.record({ length: optional(fc.integer({ min: -2, max: 5_000_000 })), body_length: optional(fc.integer({ min: -2, max: 5_000_000 })) }, { requiredKeys: [] })),
      // 1 Success, 2 Failure (refused), 0 Unknown, 99 Other: Security Lake always normalises status_id.
      status: fc.record({ status_id: pick(0, 1, 2, 99), status: text('Success', 'Failure', 'Unknown') }, { requiredKeys: ['status_id'] }),
    })
    .map((e) => {
      const day = new Date(e.time).toISOString().slice(0, 10);
      const eventday = e.late ? new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10) : day;
      return ocsf(
        e.classUid,
        new Date(e.time).toISOString(),
        {
          ...e.status,
          ...(e.user ? { user: e.user } : {}),
          ...(e.actorUser ? { actor: { user: e.actorUser } } : {}),
          src_endpoint: {
            ip: e.ip,
            ...(e.country === undefined ? {} : { location: e.country === null ? {} : { country: e.country } }),
            // Only a connection's owner is read by the queries (the access query's header says why).
            ...(e.owner && (e.classUid === 4001 || e.classUid === 4002) ? { owner: e.owner } : {}),
            ...(e.srcScope === undefined ? {} : { network_scope_id: e.srcScope }),
          },
          ...(e.dstIp === undefined && e.dstScope === undefined ? {} : { dst_endpoint: { ip: e.dstIp, network_scope_id: e.dstScope } }),
          ...(e.directionId === undefined ? {} : { connection_info: { direction_id: e.directionId } }),
          ...(e.assignmentKnown === undefined ? {} : { is_src_dst_assignment_known: e.assignmentKnown }),
          ...(e.traffic ? { traffic: e.traffic } : {}),
          ...(e.request ? { http_request: e.request } : {}),
          ...(e.response ? { http_response: e.response } : {}),
        },
        eventday.replaceAll('-', ''),
      );
    });

  it('lands what --source ocsf stores, for every day of the window', async () => {
    const { connection, close } = await athenaLikeEngine([]);
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 40 }), async (events) => {
          run += 1;
          const parquet = await writeTable(`property-${run}`, events, OCSF_COLUMNS, ['region', 'accountid', 'eventday']);
          await connection.run(`CREATE OR REPLACE VIEW ocsf_events AS SELECT * FROM read_parquet('${parquet}', hive_partitioning = true, hive_types_autocast = false)`);
          const rows = await securityLakeRows(connection, WINDOW);
          const parsed = events.map((e) => parsedOrNull(() => parseOcsfEvent(JSON.parse(JSON.stringify(e)), { geo }))).filter((e): e is AccessEventObservation => e !== null);
          expect(ingestedFromQuery(rows)).toEqual(ingestedAsEvents(parsed, '2026-11-01', '2026-11-03'));
        }),
        { numRuns: 30 },
      );
    } finally {
      close();
    }
  });
});

// ---------------------------------------------------------------------------------------------- CloudTrail

/** The columns of Athena's `cloudtrail_logs` table that the query reads (names lower case, as Athena's DDL has them). */
const CLOUDTRAIL_COLUMNS: Record<string, string> = {
  eventversion: 'VARCHAR',
  useridentity:
    'STRUCT(type VARCHAR, principalid VARCHAR, arn VARCHAR, accountid VARCHAR, invokedby VARCHAR, accesskeyid VARCHAR, username VARCHAR, onbehalfof STRUCT(userid VARCHAR, identitystorearn VARCHAR))',
  eventtime: 'VARCHAR',
  eventsource: 'VARCHAR',
  eventname: 'VARCHAR',
  awsregion: 'VARCHAR',
  sourceipaddress: 'VARCHAR',
  useragent: 'VARCHAR',
  errorcode: 'VARCHAR',
  responseelements: 'VARCHAR',
  additionaleventdata: 'VARCHAR',
  requestid: 'VARCHAR',
  eventid: 'VARCHAR',
  readonly: 'VARCHAR',
  eventtype: 'VARCHAR',
  recipientaccountid: 'VARCHAR',
  eventcategory: 'VARCHAR',
};

let trailId = 0;
/** A CloudTrail record as the trail's log file has it (camelCase, additionalEventData an object). */
function trail(eventTime: string, userIdentity: Record<string, unknown>, sourceIPAddress: string, additionalEventData?: Record<string, unknown>): Record<string, unknown> {
  trailId += 1;
  return {
    eventVersion: '1.09',
    userIdentity,
    eventTime,
    eventSource: additionalEventData ? 's3.amazonaws.com' : 'iam.amazonaws.com',
    eventName: additionalEventData ? 'GetObject' : 'ListUsers',
    awsRegion: 'us-east-1',
    sourceIPAddress,
    userAgent: '[aws-cli/2.15.0]',
    ...(additionalEventData ? { additionalEventData } : {}),
    requestID: `req-${trailId}`,
    eventID: `evt-${trailId}`,
    readOnly: true,
    eventType: 'AwsApiCall',
    recipientAccountId: '111122223333',
    eventCategory: additionalEventData ? 'Data' : 'Management',
  };
}

/** The same record as a row of Athena's table: lower-case names, JSON-typed fields kept as JSON text. */
function athenaRow(record: Record<string, unknown>): Record<string, unknown> {
  const identity = record['userIdentity'] as Record<string, unknown>;
  const onBehalfOf = identity['onBehalfOf'] as Record<string, unknown> | undefined;
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'userIdentity' || key === 'additionalEventData' || key === 'responseElements') continue;
    row[key.toLowerCase()] = typeof value === 'boolean' ? String(value) : value;
  }
  row['useridentity'] = {
    ...Object.fromEntries(Object.entries(identity).filter(([key]) => key !== 'onBehalfOf').map(([key, value]) => [key.toLowerCase(), value])),
    ...(onBehalfOf ? { onbehalfof: { userid: onBehalfOf['userId'], identitystorearn: onBehalfOf['identityStoreArn'] } } : {}),
  };
  if (record['additionalEventData'] !== undefined) row['additionaleventdata'] = JSON.stringify(record['additionalEventData']);
  if (record['responseElements'] !== undefined) row['responseelements'] = JSON.stringify(record['responseElements']);
  return row;
}

const dev = { type: 'IAMUser', principalId: 'AIDADEV', arn: 'arn:aws:iam::111122223333:user/dev', accountId: '111122223333', accessKeyId: 'AKIADEV', userName: 'dev' };
const role = { type: 'AssumedRole', principalId: 'AROAETL:job', arn: 'arn:aws:sts::111122223333:assumed-role/etl/job', accountId: '111122223333', accessKeyId: 'ASIAETL' };

const CLOUDTRAIL_RECORDS = [
  // S3 data events: bytesTransferredOut as S3 writes it (a float), as a string, in another key case; In is not out.
  trail('2026-11-01T10:00:00Z', dev, '198.51.100.4', { bytesTransferredIn: 0.0, bytesTransferredOut: 339117.0 }),
  trail('2026-11-01T10:01:00Z', dev, '198.51.100.4', { bytesTransferredOut: '4000000000' }),
  trail('2026-11-01T10:02:00Z', dev, '198.51.100.4', { BytesTransferredOut: 100 }),
  trail('2026-11-01T10:03:00Z', dev, '198.51.100.4', { bytesTransferredIn: 5_000_000 }),
  // A management event from another address (its own row: another country after GeoIP).
  trail('2026-11-01T11:00:00Z', dev, '192.0.2.10'),
  // An assumed role (no userName: its ARN), called by an AWS service (a host name, not an address: no country).
  trail('2026-11-02T00:00:00Z', { ...role, invokedBy: 'glue.amazonaws.com' }, 'glue.amazonaws.com', { bytesTransferredOut: 10 }),
  // The root user, and an IAM Identity Center user named only in additionalEventData.
  trail('2026-11-02T05:00:00Z', { type: 'Root', principalId: '111122223333', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333' }, '203.0.113.7'),
  trail('2026-11-02T06:00:00Z', { type: 'Unknown', accountId: '111122223333', onBehalfOf: { userId: 'c4f8-identity-store-id', identityStoreArn: 'arn:aws:identitystore::111122223333:identitystore/d-1' } }, '192.0.2.10', { UserName: 'jdoe' }),
  // Refused: a denied GetObject (an errorCode), a console sign-in answered Failure (no errorCode); a successful one counts.
  { ...trail('2026-11-01T10:04:00Z', dev, '198.51.100.4', { bytesTransferredOut: 7 }), errorCode: 'AccessDenied', errorMessage: 'Access Denied' },
  { ...trail('2026-11-01T12:00:00Z', dev, '192.0.2.10'), eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin', eventType: 'AwsConsoleSignIn', responseElements: { ConsoleLogin: 'Failure' }, errorMessage: 'Failed authentication' },
  { ...trail('2026-11-01T12:01:00Z', dev, '192.0.2.10'), eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin', eventType: 'AwsConsoleSignIn', responseElements: { ConsoleLogin: 'Success' } },
  // Outside the window.
  trail('2026-11-03T00:00:00Z', dev, '198.51.100.4', { bytesTransferredOut: 1e12 }),
];

describe('the CloudTrail rollup query', () => {
  let rows: RollupQueryRow[];
  beforeAll(async () => {
    const parquet = await writeTable('cloudtrail_logs', CLOUDTRAIL_RECORDS.map(athenaRow), CLOUDTRAIL_COLUMNS, []);
    const { connection, close } = await athenaLikeEngine([{ name: 'cloudtrail_logs', parquet }]);
    try {
      rows = await runQuery(connection, rollupSql('cloudtrail-access-rollups.sql'), ['2026-11-01', '2026-11-03']);
    } finally {
      close();
    }
  });

  it('sums each UTC day × principal × access key × address, with the bytes S3 sent out', () => {
    expect(rows).toEqual([
      { day: '2026-11-01', principal: 'dev', credential: 'AKIADEV', country: null, source_ip: '192.0.2.10', events: 2, bytes: 0 },
      { day: '2026-11-01', principal: 'dev', credential: 'AKIADEV', country: null, source_ip: '198.51.100.4', events: 4, bytes: 339117 + 4_000_000_000 + 100 },
      { day: '2026-11-02', principal: 'arn:aws:sts::111122223333:assumed-role/etl/job', credential: 'ASIAETL', country: null, source_ip: null, events: 1, bytes: 10 },
      { day: '2026-11-02', principal: 'jdoe', credential: null, country: null, source_ip: '192.0.2.10', events: 1, bytes: 0 },
      { day: '2026-11-02', principal: 'root', credential: null, country: null, source_ip: '203.0.113.7', events: 1, bytes: 0 },
    ]);
  });

  it('lands exactly what --source cloudtrail stores for the same records', () => {
    const events = CLOUDTRAIL_RECORDS.map((record) => parseCloudTrailRecord(record, { geo }));
    expect(ingestedFromQuery(rows)).toEqual(ingestedAsEvents(events, '2026-11-01', '2026-11-03'));
  });
});

describe('the CloudTrail query against the CloudTrail connector, on any records', () => {
  const pick = <T>(...values: T[]) => fc.constantFrom(...values);
  const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
  const text = (...values: string[]) => optional(pick(...values, '', ' '));
  const identity = fc.record(
    {
      type: pick('IAMUser', 'AssumedRole', 'Root', 'AWSService', 'Unknown'),
      principalId: text('AIDADEV', 'AROAETL:job'),
      arn: text('arn:aws:iam::111122223333:user/dev', 'arn:aws:sts::111122223333:assumed-role/etl/job'),
      accessKeyId: text('AKIADEV', 'ASIAETL'),
      userName: text('dev'),
      invokedBy: text('glue.amazonaws.com'),
      onBehalfOf: optional(fc.record({ userId: text('c4f8-user'), identityStoreArn: pick('arn:aws:identitystore::111122223333:identitystore/d-1') })),
    },
    { requiredKeys: ['type'] },
  );
  // bytesTransferredOut as S3 writes it (integer or float), as an export writes it (a string), in the other key case.
  const additional = optional(
    fc.record(
      {
        bytesTransferredOut: optional(fc.oneof(fc.integer({ min: -1, max: 5_000_000_000 }), fc.double({ min: 0, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 1e9 }).map(String))),
        BytesTransferredOut: optional(fc.integer({ min: 0, max: 1000 })),
        bytesTransferredIn: optional(fc.integer({ min: 0, max: 1000 })),
        UserName: text('jdoe'),
      },
      { requiredKeys: [] },
    ),
  );
  const record = fc
    .record({
      time: fc.oneof(fc.integer({ min: ms('2026-10-31T22:00:00Z'), max: ms('2026-11-03T02:00:00Z') }), pick(ms('2026-11-01T00:00:00Z'), ms('2026-11-03T00:00:00Z'))),
      identity,
      address: pick('198.51.100.4', '192.0.2.10', '203.0.113.7', 'glue.amazonaws.com', 'AWS Internal', '2001:db8::1'),
      additional,
      // A refused call carries an errorCode (blank: none).
      errorCode: text('AccessDenied', 'Client.UnauthorizedOperation'),
    })
    // One spelling of the key per record: the connector takes whichever is there, the query the exact one first.
    .filter((r) => !(r.additional?.bytesTransferredOut !== undefined && r.additional.BytesTransferredOut !== undefined))
    .map((r) => ({ ...trail(new Date(r.time).toISOString().replace('.000Z', 'Z'), r.identity, r.address, r.additional), ...(r.errorCode === undefined ? {} : { errorCode: r.errorCode }) }));

  it('lands what --source cloudtrail stores, for every day of the window', async () => {
    const { connection, close } = await athenaLikeEngine([]);
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 40 }), async (records) => {
          run += 1;
          const parquet = await writeTable(`trail-property-${run}`, records.map(athenaRow), CLOUDTRAIL_COLUMNS, []);
          await connection.run(`CREATE OR REPLACE VIEW cloudtrail_logs AS SELECT * FROM read_parquet('${parquet}')`);
          const rows = await runQuery(connection, rollupSql('cloudtrail-access-rollups.sql'), ['2026-11-01', '2026-11-03']);
          // Through JSON text, as the connector reads a log file (no `undefined` members).
          const parsed = records.map((r) => parsedOrNull(() => parseCloudTrailRecord(JSON.parse(JSON.stringify(r)), { geo }))).filter((e): e is AccessEventObservation => e !== null);
          expect(ingestedFromQuery(rows)).toEqual(ingestedAsEvents(parsed, '2026-11-01', '2026-11-03'));
        }),
        { numRuns: 30 },
      );
    } finally {
      close();
    }
  });
});
