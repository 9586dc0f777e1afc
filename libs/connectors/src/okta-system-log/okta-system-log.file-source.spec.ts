import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { INTERNAL_COUNTRY } from '@postureboard/domain';
import type { AccessEventObservation, AccountObservation, CollectedRecord } from '../core/observation.js';
import { createOktaSystemLogFileSource, oktaSystemLogFileSource } from './okta-system-log.file-source.js';

const samples = '/work/shared/samples/okta';
const context = { signal: new AbortController().signal, now: new Date('2025-06-01T00:00:00Z') };

async function collect(path: string, source = oktaSystemLogFileSource): Promise<CollectedRecord[]> {
  const out: CollectedRecord[] = [];
  for await (const record of source.collectFile(path, context)) out.push(record);
  return out;
}

const events = (records: CollectedRecord[]): AccessEventObservation[] =>
  records.flatMap((record) => (record.accepted && record.observation.kind === 'access-event' ? [record.observation] : []));
const accounts = (records: CollectedRecord[]): AccountObservation[] =>
  records.flatMap((record) => (record.accepted && record.observation.kind === 'account' ? [record.observation] : []));

describe('oktaSystemLogFileSource on every sample', () => {
  let records: CollectedRecord[];
  beforeAll(async () => {
    records = await collect(samples);
  });

  it('accepts every event of every sample file', () => {
    expect(records.filter((record) => !record.accepted)).toEqual([]);
    expect(new Set(records.map((record) => basename(record.location.source))).size).toBe(7);
  });

  it('turns user.session.start into a sign-in with ISO country, IP, app and uuid', () => {
    const signIn = events(records).find((event) => event.action === 'user.session.start');
    expect(signIn).toEqual({
      kind: 'access-event',
      eventId: 'dc9fd3c0-598c-11ef-8478-2b7584bf8d5a',
      occurredAt: new Date('2024-08-13T15:58:20.353Z'),
      principal: 'john.doe@example.com',
      credentialExternalId: null,
      sourceIp: '10.0.0.1',
      country: 'US',
      action: 'user.session.start',
      resource: 'Okta Admin Console',
      bytes: null,
      records: null,
      success: true,
    });
  });

  it('reads the JSON array page with record indexes', () => {
    const fromArray = records.filter((record) => basename(record.location.source) === 'vector_okta_user_session_start.json');
    expect(fromArray.map((record) => record.location.record)).toEqual([0]);
  });

  it('deactivates the target user of user.lifecycle.deactivate, dated by the event', () => {
    expect(accounts(records)).toEqual([
      {
        kind: 'account',
        system: 'okta',
        externalId: '00u3m90rxKjGQ0G6L1d6',
        userName: 'johndoet@doesnotexist.com',
        email: 'johndoet@doesnotexist.com',
        employeeNumber: null,
        createdAt: null,
        status: 'DEACTIVATED',
        deactivatedAt: new Date('2020-11-16T18:15:12.862Z'),
        lastLoginAt: null,
      },
    ]);
    const adminAction = events(records).find((event) => event.action === 'user.lifecycle.deactivate');
    expect(adminAction).toMatchObject({ principal: 'okta.trainer@okta.com', country: 'CA', sourceIp: '174.89.174.56', resource: 'johndoet@doesnotexist.com' });
  });

  it('records a failed lock-out as an unsuccessful access from France', () => {
    expect(events(records).find((event) => event.action === 'user.account.lock')).toMatchObject({ success: false, country: 'FR', sourceIp: '1.1.1.1' });
  });

  it('names a target group by display name when its alternateId is "unknown"', () => {
    expect(events(records).find((event) => event.action === 'group.user_membership.add')?.resource).toBe('TEST Group');
  });
});

describe('oktaSystemLogFileSource with JSON lines', () => {
  const line = (uuid: string, extra: object = {}) =>
    JSON.stringify({
      uuid,
      eventType: 'user.session.start',
      published: '2024-03-01T08:00:00.000Z',
      actor: { id: '00u1', type: 'User', alternateId: 'dev@example.com' },
      client: { ipAddress: '211.45.27.1', geographicalContext: null },
      outcome: { result: 'SUCCESS' },
      transaction: { type: 'WEB', id: 't', detail: { requestApiTokenId: '00Tabc' } },
      ...extra,
    });

  it('geolocates the IP when Okta gives no country, and lands good lines around bad ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-okta-'));
    const path = join(dir, 'export.jsonl');
    writeFileSync(path, [line('e1'), 'not json', line('e3', { published: 'yesterday' }), line('e4', { client: { ipAddress: '10.2.3.4' } })].join('\n'));
    const records = await collect(path);
    expect(records.map((record) => (record.accepted ? `${record.location.line} ok` : `${record.location.line} ${record.location.field ?? '-'} ${record.reason}`))).toEqual([
      '1 ok',
      "2 - invalid JSON at column 2 (position 1): Unexpected token 'o'",
      '3 published published is not an ISO 8601 date: "yesterday"',
      '4 ok',
    ]);
    expect(events(records).map((event) => [event.country, event.credentialExternalId])).toEqual([
      ['KR', '00Tabc'],
      [INTERNAL_COUNTRY, '00Tabc'],
    ]);
  });

  it('uses the resolver it is given, only when the event has no country', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-okta-'));
    const path = join(dir, 'export.jsonl');
    writeFileSync(path, `${line('e1')}\n${line('e2', { client: { ipAddress: '8.8.8.8', geographicalContext: { country: 'Germany' } } })}\n`);
    const asked: (string | null | undefined)[] = [];
    const source = createOktaSystemLogFileSource((ip) => {
      asked.push(ip);
      return 'ZZ';
    });
    expect(events(await collect(path, source)).map((event) => event.country)).toEqual(['ZZ', 'DE']);
    expect(asked).toEqual(['211.45.27.1']);
  });

  it('rejects a JSON document that is not a System Log event', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-okta-'));
    const path = join(dir, 'users.json');
    writeFileSync(path, JSON.stringify([{ id: '00u1', status: 'ACTIVE', profile: { login: 'x' } }]));
    expect(await collect(path)).toEqual([
      { accepted: false, location: { source: path, line: 1, record: 0 }, reason: 'not an Okta System Log event: no "eventType" and no "uuid"' },
    ]);
  });
});
