import fc from 'fast-check';
import type { FileSource } from '../core/connector.js';
import type { AccessEventObservation, CollectedRecord, CredentialObservation } from '../core/observation.js';
import { collectAll, collectFile, observationsOf, rejectionsOf, writeTempFile, writeTempFolder } from '../testing/collect.test-util.js';
import { latestGrantStates, parseGoogleTokenGrants } from './google-token-grant.parser.js';
import { createGoogleActivityFileSource, googleUsersFileSource } from './google-workspace.file-source.js';

const context = { signal: new AbortController().signal, now: new Date('2025-06-01T00:00:00Z') };

async function* fromArray<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

const collect = (source: Pick<FileSource, 'collectFile'>, path: string): Promise<CollectedRecord[]> => collectFile(source, path, context);

describe('googleUsersFileSource', () => {
  const user = (id: string, extra: object = {}) => ({
    kind: 'admin#directory#user',
    id,
    primaryEmail: `${id}@example.com`,
    name: { givenName: id, familyName: 'Kim', fullName: `${id} Kim` },
    isAdmin: false,
    suspended: false,
    archived: false,
    creationTime: '2019-01-01T00:00:00.000Z',
    lastLoginTime: '2025-05-30T09:00:00.000Z',
    orgUnitPath: '/Engineering',
    externalIds: [{ value: `E-${id}`, type: 'organization' }],
    organizations: [{ department: 'Platform', primary: true }],
    relations: [{ value: 'lead@example.com', type: 'manager' }],
    addresses: [{ type: 'work', countryCode: 'KR' }],
    ...extra,
  });

  it('reads a users.list page: employee id, manager, country, and who was suspended or archived', async () => {
    const path = writeTempFile(
      'users.json',
      JSON.stringify({
        kind: 'admin#directory#users',
        users: [
          user('ana'),
          user('min', { suspended: true, suspensionReason: 'ADMIN', lastLoginTime: '1970-01-01T00:00:00.000Z' }),
          user('joe', { archived: true }),
          user('kid', { suspended: true, suspensionReason: 'UNDER13' }),
        ],
        nextPageToken: 'next',
      }),
    );
    const records = await collect(googleUsersFileSource, path);
    expect(rejectionsOf(records)).toEqual([]);
    expect(
      observationsOf(records).map((o) =>
        o.kind === 'identity'
          ? `identity ${o.email} ${o.employeeNumber} ${o.status} ${o.workCountry} ${o.department} ${o.managerEmail}`
          : o.kind === 'account'
            ? `account ${o.system} ${o.userName} ${o.status} ${o.lastLoginAt?.toISOString() ?? 'never'}`
            : o.kind,
      ),
    ).toEqual([
      'identity ana@example.com E-ana ACTIVE KR Platform lead@example.com',
      'account google-workspace ana@example.com ACTIVE 2025-05-30T09:00:00.000Z',
      'identity min@example.com E-min TERMINATED KR Platform lead@example.com',
      'account google-workspace min@example.com DEACTIVATED never',
      'identity joe@example.com E-joe TERMINATED KR Platform lead@example.com',
      'account google-workspace joe@example.com DEACTIVATED 2025-05-30T09:00:00.000Z',
      'identity kid@example.com E-kid ACTIVE KR Platform lead@example.com',
      'account google-workspace kid@example.com SUSPENDED 2025-05-30T09:00:00.000Z',
    ]);
  });

  it('rejects what is not a user, by line', async () => {
    const path = writeTempFile('users.jsonl', `${JSON.stringify(user('a'))}\n${JSON.stringify({ kind: 'admin#directory#group', email: 'g@example.com' })}\n`);
    expect(rejectionsOf(await collect(googleUsersFileSource, path))).toEqual(['2/- - not a Google Workspace user: no "primaryEmail"']);
  });
});

describe('googleActivityFileSource', () => {
  const activity = (application: string, events: object[], extra: object = {}) => ({
    kind: 'admin#reports#activity',
    id: { time: '2025-05-31T22:10:00.000Z', uniqueQualifier: '-8911', applicationName: application, customerId: 'C01' },
    actor: { email: 'min@example.com', profileId: '1001' },
    ipAddress: '203.0.113.7',
    events,
    ...extra,
  });

  it('turns login, token and drive activities into events: failures, the OAuth client, one record per download', async () => {
    const path = writeTempFile(
      'activities.json',
      JSON.stringify({
        kind: 'admin#reports#activities',
        items: [
          activity('login', [{ type: 'login', name: 'login_failure', parameters: [{ name: 'login_type', value: 'google_password' }] }], { networkInfo: { regionCode: 'CN' } }),
          activity('token', [{ type: 'auth', name: 'authorize', parameters: [{ name: 'client_id', value: '1234.apps.googleusercontent.com' }, { name: 'app_name', value: 'rclone' }, { name: 'scope', multiValue: ['https://www.googleapis.com/auth/drive'] }] }]),
          activity('drive', [
            { type: 'access', name: 'download', parameters: [{ name: 'doc_id', value: 'd1' }, { name: 'doc_title', value: 'payroll.xlsx' }] },
            { type: 'access', name: 'view', parameters: [{ name: 'doc_id', value: 'd1' }, { name: 'doc_title', value: 'payroll.xlsx' }] },
          ]),
        ],
      }),
    );
    const source = createGoogleActivityFileSource(() => 'KR');
    const records = await collect(source, path);
    expect(rejectionsOf(records)).toEqual([]);
    const events = observationsOf(records).filter((o): o is AccessEventObservation => o.kind === 'access-event');
    expect(events.map((e) => [e.eventId, e.action, e.success, e.country, e.credentialExternalId, e.resource, e.records])).toEqual([
      ['login:2025-05-31T22:10:00.000Z:-8911:0', 'login.login_failure', false, 'CN', null, 'google_password', null],
      ['token:2025-05-31T22:10:00.000Z:-8911:0', 'token.authorize', true, 'KR', 'oauth-grant:min@example.com:1234.apps.googleusercontent.com', 'rclone', null],
      ['drive:2025-05-31T22:10:00.000Z:-8911:0', 'drive.download', true, 'KR', null, 'payroll.xlsx', 1],
      ['drive:2025-05-31T22:10:00.000Z:-8911:1', 'drive.view', true, 'KR', null, 'payroll.xlsx', null],
    ]);
    expect(events[0]).toMatchObject({ principal: 'min@example.com', sourceIp: '203.0.113.7', occurredAt: new Date('2025-05-31T22:10:00.000Z') });
  });

  it("makes each user's OAuth grant a credential they own: authorize grants, revoke ends it, whatever order the files hold them in", async () => {
    const token = (time: string, email: string, name: string, clientId: string) =>
      activity('token', [{ type: 'auth', name, parameters: [{ name: 'client_id', value: clientId }, { name: 'app_name', value: `app ${clientId}` }, { name: 'client_type', value: 'WEB' }, { name: 'scope', multiValue: ['openid', 'https://www.googleapis.com/auth/drive.readonly'] }] }], {
        id: { time, uniqueQualifier: time.slice(8, 10), applicationName: 'token' },
        actor: { email },
      });
    // Exported newest first: the leaver's grant to c1 is still there; ana revoked c2 after granting it.
    const dir = writeTempFolder({
      'a-june.json': JSON.stringify({ kind: 'admin#reports#activities', items: [token('2025-06-01T00:00:00.000Z', 'ana@example.com', 'revoke', 'c2')] }),
      'b-may.jsonl': [token('2025-05-02T00:00:00.000Z', 'Leaver@Example.com', 'authorize', 'c1'), token('2025-05-01T00:00:00.000Z', 'ana@example.com', 'authorize', 'c2')].map((a) => JSON.stringify(a)).join('\n'),
    });
    const records = await collect(createGoogleActivityFileSource(() => null), dir);
    expect(rejectionsOf(records)).toEqual([]);
    const grants = observationsOf(records).filter((o): o is CredentialObservation => o.kind === 'credential');
    expect(grants).toEqual([
      {
        kind: 'credential',
        credentialKind: 'API_TOKEN',
        externalId: 'oauth-grant:ana@example.com:c2',
        name: 'ana@example.com: app c2',
        algorithm: null,
        environment: 'UNKNOWN',
        status: 'REVOKED',
        createdAt: null,
        lastRotatedAt: null,
        expiresAt: null,
        lastUsedAt: null,
        deactivatedAt: new Date('2025-06-01T00:00:00.000Z'),
        useObserved: false,
        owner: 'ana@example.com',
        ageFromFirstSeen: true,
        attributes: { credentialType: 'OAuth grant', clientId: 'c2', appName: 'app c2', clientType: 'WEB', scopes: 'openid https://www.googleapis.com/auth/drive.readonly' },
      },
      expect.objectContaining({ externalId: 'oauth-grant:leaver@example.com:c1', status: 'ACTIVE', owner: 'Leaver@Example.com', createdAt: new Date('2025-05-02T00:00:00.000Z'), deactivatedAt: null }),
    ]);
    // Each token event still is an access event, naming the grant it acted on.
    const events = observationsOf(records).filter((o): o is AccessEventObservation => o.kind === 'access-event');
    expect(events.map((e) => `${e.action} ${e.credentialExternalId}`)).toEqual([
      'token.revoke oauth-grant:ana@example.com:c2',
      'token.authorize oauth-grant:leaver@example.com:c1',
      'token.authorize oauth-grant:ana@example.com:c2',
    ]);
  });

  it('keeps, for any order of authorize and revoke events, the state of the latest one (a revoke winning a tie)', async () => {
    const event = fc.record({ day: fc.integer({ min: 1, max: 9 }), revoke: fc.boolean(), client: fc.constantFrom('c1', 'c2') });
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 12 }), async (events) => {
        const observations = events.flatMap((e) =>
          parseGoogleTokenGrants(
            activity('token', [{ name: e.revoke ? 'revoke' : 'authorize', parameters: [{ name: 'client_id', value: e.client }] }], { id: { time: `2025-05-0${e.day}T00:00:00.000Z`, applicationName: 'token' } }),
          ),
        );
        const held = await collectAll(latestGrantStates(fromArray(observations.map((observation) => ({ accepted: true as const, observation, location: { source: 'x' } })))));
        for (const client of ['c1', 'c2']) {
          const mine = events.filter((e) => e.client === client);
          const kept = held.find((r) => r.accepted && r.observation.kind === 'credential' && r.observation.externalId.endsWith(`:${client}`));
          if (mine.length === 0) {
            expect(kept).toBeUndefined();
            continue;
          }
          const lastDay = Math.max(...mine.map((e) => e.day));
          const expected = mine.some((e) => e.day === lastDay && e.revoke) ? 'REVOKED' : 'ACTIVE';
          expect(kept?.accepted && kept.observation.kind === 'credential' && kept.observation.status).toBe(expected);
        }
        expect(held).toHaveLength(new Set(events.map((e) => e.client)).size);
      }),
    );
  });

  it('rejects an activity without time or actor, naming the field', async () => {
    const path = writeTempFile(
      'activities.jsonl',
      [JSON.stringify(activity('login', [{ name: 'login_success' }], { id: { applicationName: 'login' } })), JSON.stringify(activity('login', [{ name: 'login_success' }], { actor: {} }))].join('\n'),
    );
    expect(rejectionsOf(await collect(createGoogleActivityFileSource(() => null), path))).toEqual([
      '1/- id.time missing required field id.time',
      '2/- actor.email missing required field actor.email',
    ]);
  });
});
