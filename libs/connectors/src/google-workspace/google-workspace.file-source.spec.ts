import type { FileSource } from '../core/connector.js';
import type { AccessEventObservation, CollectedRecord } from '../core/observation.js';
import { collectFile, observationsOf, rejectionsOf, writeTempFile } from '../testing/collect.test-util.js';
import { createGoogleActivityFileSource, googleUsersFileSource } from './google-workspace.file-source.js';

const context = { signal: new AbortController().signal, now: new Date('2025-06-01T00:00:00Z') };

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
    const events = observationsOf(records) as AccessEventObservation[];
    expect(events.map((e) => [e.eventId, e.action, e.success, e.country, e.credentialExternalId, e.resource, e.records])).toEqual([
      ['login:2025-05-31T22:10:00.000Z:-8911:0', 'login.login_failure', false, 'CN', null, 'google_password', null],
      ['token:2025-05-31T22:10:00.000Z:-8911:0', 'token.authorize', true, 'KR', 'oauth-client:1234.apps.googleusercontent.com', 'rclone', null],
      ['drive:2025-05-31T22:10:00.000Z:-8911:0', 'drive.download', true, 'KR', null, 'payroll.xlsx', 1],
      ['drive:2025-05-31T22:10:00.000Z:-8911:1', 'drive.view', true, 'KR', null, 'payroll.xlsx', null],
    ]);
    expect(events[0]).toMatchObject({ principal: 'min@example.com', sourceIp: '203.0.113.7', occurredAt: new Date('2025-05-31T22:10:00.000Z') });
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
