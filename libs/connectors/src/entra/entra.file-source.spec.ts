import fc from 'fast-check';
import type { FileSource } from '../core/connector.js';
import type { AccessEventObservation, CollectedRecord, CredentialObservation } from '../core/observation.js';
import { collectFile, observationsOf, rejectionsOf, writeTempFile } from '../testing/collect.test-util.js';
import { parseEntraAppCredentials } from './entra-app-credential.parser.js';
import { createEntraSignInsFileSource, entraAppCredentialsFileSource, entraSignInsFileSource, entraUsersFileSource } from './entra.file-source.js';

const context = { signal: new AbortController().signal, now: new Date('2025-06-01T00:00:00Z') };

const collect = (source: Pick<FileSource, 'collectFile'>, path: string): Promise<CollectedRecord[]> => collectFile(source, path, context);

describe('entraSignInsFileSource on the real sample', () => {
  it('accepts both sign-ins, with the country Entra located, the app and the user', async () => {
    const records = await collect(entraSignInsFileSource, '/work/shared/samples/entra-signin');
    expect(rejectionsOf(records)).toEqual([]);
    expect(observationsOf(records)).toEqual([
      {
        kind: 'access-event',
        eventId: '506b3eaf-1006-44ab-b557-cc116c6d6f00',
        occurredAt: new Date('2022-06-23T10:55:57Z'),
        principal: 'attacker@securathesis.onmicrosoft.com',
        credentialExternalId: null,
        // The IP is redacted in the export ("<Redacted VPN IP>"): no address, but Entra's own location stands.
        sourceIp: null,
        country: 'US',
        action: 'signIn',
        resource: 'Azure Portal',
        bytes: null,
        records: null,
        success: true,
      },
      expect.objectContaining({ eventId: '49aaa268-4cb0-42dd-ba17-e99f92e36f00', country: 'NL', success: true }),
    ]);
  });
});

describe('entraSignInsFileSource on Graph pages and JSON lines', () => {
  const signIn = (id: string, extra: object = {}) => ({
    id,
    createdDateTime: '2025-05-02T01:02:03Z',
    userPrincipalName: 'Min.Jun@example.com',
    userId: 'u-1',
    appId: 'app-1',
    appDisplayName: 'Payments API',
    ipAddress: '211.45.27.1',
    status: { errorCode: 0, failureReason: null },
    location: { city: null, state: null, countryOrRegion: '' },
    tokenIssuerType: 'AzureAD',
    ...extra,
  });

  it('reads a page from value[], fails errorCode ≠ 0, geolocates an empty location, names a federated issuer', async () => {
    const path = writeTempFile(
      'page.json',
      JSON.stringify({
        '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns',
        value: [signIn('a'), signIn('b', { status: { errorCode: 50126, failureReason: 'Invalid username or password' } }), signIn('c', { tokenIssuerType: 'ADFederationServices' })],
        '@odata.nextLink': 'https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=x',
      }),
    );
    const asked: (string | null | undefined)[] = [];
    const source = createEntraSignInsFileSource((ip) => {
      asked.push(ip);
      return 'KR';
    });
    const events = observationsOf(await collect(source, path)) as AccessEventObservation[];
    expect(events.map((event) => [event.eventId, event.success, event.country, event.action])).toEqual([
      ['a', true, 'KR', 'signIn'],
      ['b', false, 'KR', 'signIn'],
      ['c', true, 'KR', 'signIn:ADFederationServices'],
    ]);
    expect(asked).toEqual(['211.45.27.1', '211.45.27.1', '211.45.27.1']);
  });

  it('ties a service principal sign-in to the secret it used, and rejects bad lines by line number', async () => {
    const path = writeTempFile(
      'signins.jsonl',
      [
        JSON.stringify(signIn('sp', { userPrincipalName: undefined, userId: undefined, servicePrincipalName: 'etl-app', servicePrincipalCredentialKeyId: 'k-1' })),
        '{"id": "x"',
        JSON.stringify(signIn('no-status', { status: null })),
        JSON.stringify(signIn('bad-date', { createdDateTime: 'yesterday' })),
        JSON.stringify({ id: 'u-1', displayName: 'a user, not a sign-in' }),
      ].join('\n'),
    );
    const records = await collect(entraSignInsFileSource, path);
    expect(observationsOf(records)).toEqual([expect.objectContaining({ eventId: 'sp', principal: 'etl-app', credentialExternalId: 'k-1' })]);
    expect(rejectionsOf(records)).toEqual([
      expect.stringMatching(/^2\/- - invalid JSON/),
      '3/- status.errorCode missing required field status.errorCode',
      '4/- createdDateTime createdDateTime is not an ISO 8601 date: "yesterday"',
      '5/- - not a Microsoft Graph signIn: no "createdDateTime" with "userPrincipalName" or "appId"',
    ]);
  });
});

describe('entraUsersFileSource', () => {
  const user = (id: string, extra: object = {}) => ({
    id,
    userPrincipalName: `${id}@example.onmicrosoft.com`,
    mail: `${id}@example.com`,
    displayName: id,
    accountEnabled: true,
    employeeId: null,
    employeeHireDate: '2019-03-01T00:00:00Z',
    employeeLeaveDateTime: null,
    employeeType: 'Employee',
    onPremisesSyncEnabled: true,
    usageLocation: 'KR',
    department: 'Platform',
    ...extra,
  });

  it('makes a person and an Entra account of each user; a passed leave date or a disabled account is a leaver', async () => {
    const path = writeTempFile(
      'users.json',
      JSON.stringify({
        value: [
          user('ana', { employeeId: 'E1', signInActivity: { lastSignInDateTime: '2025-05-30T08:00:00Z' } }),
          user('min', { employeeLeaveDateTime: '2025-04-30T00:00:00Z', accountEnabled: true }),
          user('joe', { accountEnabled: false, employeeType: 'Contractor', mail: null }),
          user('new', {
            employeeLeaveDateTime: '2025-09-30T00:00:00Z',
            signInActivity: { lastSignInDateTime: '2025-05-01T00:00:00Z', lastNonInteractiveSignInDateTime: '2025-05-20T00:00:00Z' },
          }),
          user('old', { signInActivity: { lastSignInDateTime: '2025-05-31T00:00:00Z', lastSuccessfulSignInDateTime: '2025-04-01T00:00:00Z' } }),
        ],
      }),
    );
    const records = await collect(entraUsersFileSource, path);
    expect(rejectionsOf(records)).toEqual([]);
    const seen = observationsOf(records).map((o) =>
      o.kind === 'identity' ? `identity ${o.externalId} ${o.email} ${o.employeeNumber} ${o.status} ${o.employmentType} ${o.terminationDate?.toISOString() ?? '-'} ${o.workCountry}` : o.kind === 'account' ? `account ${o.system} ${o.externalId} ${o.userName} ${o.status} ${o.lastLoginAt?.toISOString() ?? '-'}` : o.kind,
    );
    expect(seen).toEqual([
      'identity ana ana@example.com E1 ACTIVE EMPLOYEE - KR',
      // Graph's last sign-in dates are attempts, successful or refused: not use.
      'account entra ana ana@example.onmicrosoft.com ACTIVE -',
      'identity min min@example.com null TERMINATED EMPLOYEE 2025-04-30T00:00:00.000Z KR',
      'account entra min min@example.onmicrosoft.com ACTIVE -',
      // No mail: the e-mail-shaped UPN is the address matched across sources.
      'identity joe joe@example.onmicrosoft.com null TERMINATED CONTRACTOR - KR',
      'account entra joe joe@example.onmicrosoft.com DEACTIVATED -',
      // A scheduled departure is a date, not yet a leaver.
      'identity new new@example.com null ACTIVE EMPLOYEE 2025-09-30T00:00:00.000Z KR',
      // Only the last successful sign-in is a sign-in: attempts alone give none.
      'account entra new new@example.onmicrosoft.com ACTIVE -',
      'identity old old@example.com null ACTIVE EMPLOYEE - KR',
      'account entra old old@example.onmicrosoft.com ACTIVE 2025-04-01T00:00:00.000Z',
    ]);
  });

  it('says which accounts are synced from on-premises AD (onPremisesSyncEnabled true; false once no longer synced, null if never)', async () => {
    const path = writeTempFile(
      'users.jsonl',
      [user('synced'), user('was', { onPremisesSyncEnabled: false }), user('cloud', { onPremisesSyncEnabled: null }), user('unselected', { onPremisesSyncEnabled: undefined })].map((u) => JSON.stringify(u)).join('\n'),
    );
    const accounts = observationsOf(await collect(entraUsersFileSource, path)).flatMap((o) => (o.kind === 'account' ? [[o.externalId, o.onPremisesSync]] : []));
    expect(accounts).toEqual([
      ['synced', true],
      ['was', false],
      ['cloud', false],
      ['unselected', false],
    ]);
  });

  it('rejects a user without accountEnabled (not selected) and what is not a user', async () => {
    const path = writeTempFile('users.jsonl', `${JSON.stringify(user('a', { accountEnabled: undefined }))}\n${JSON.stringify({ id: 'g', displayName: 'a group' })}\n`);
    expect(rejectionsOf(await collect(entraUsersFileSource, path))).toEqual([
      '1/- accountEnabled missing required field accountEnabled (add it to $select)',
      '2/- - not a Microsoft Graph user: no "userPrincipalName"',
    ]);
  });
});

describe('entraAppCredentialsFileSource', () => {
  const app = {
    id: 'obj-1',
    appId: 'app-1',
    displayName: 'billing-prod-etl',
    createdDateTime: '2021-01-01T00:00:00Z',
    passwordCredentials: [
      { customKeyIdentifier: null, displayName: 'ci secret', endDateTime: '2299-12-31T00:00:00Z', hint: 'abc', keyId: 'pw-1', secretText: null, startDateTime: '2021-02-01T00:00:00Z' },
    ],
    keyCredentials: [
      { customKeyIdentifier: 'AB', displayName: 'CN=etl', endDateTime: '2024-02-01T00:00:00Z', key: null, keyId: 'cert-1', startDateTime: '2023-02-01T00:00:00Z', type: 'AsymmetricX509Cert', usage: 'Verify' },
    ],
    owners: [
      { '@odata.type': '#microsoft.graph.servicePrincipal', id: 'sp-owner', displayName: 'automation' },
      { '@odata.type': '#microsoft.graph.user', id: 'u-1', mail: 'Min.Jun@example.com', userPrincipalName: 'min@example.onmicrosoft.com' },
    ],
  };

  it('yields a SECRET and a CERTIFICATE per key, aged from startDateTime, owned by the first person owner', async () => {
    const path = writeTempFile('apps.json', JSON.stringify({ value: [app, { id: 'obj-2', displayName: 'no secrets', passwordCredentials: [], keyCredentials: [] }] }));
    const records = await collect(entraAppCredentialsFileSource, path);
    expect(rejectionsOf(records)).toEqual([]);
    const [secret, certificate] = observationsOf(records) as CredentialObservation[];
    expect(secret).toEqual({
      kind: 'credential',
      credentialKind: 'SECRET',
      externalId: 'pw-1',
      name: 'billing-prod-etl: ci secret',
      algorithm: null,
      environment: 'PRODUCTION',
      status: 'ACTIVE',
      createdAt: new Date('2021-02-01T00:00:00Z'),
      lastRotatedAt: new Date('2021-02-01T00:00:00Z'),
      expiresAt: new Date('2299-12-31T00:00:00Z'),
      lastUsedAt: null,
      deactivatedAt: null,
      useObserved: false,
      owner: 'Min.Jun@example.com',
      ageFromFirstSeen: false,
      attributes: { objectType: 'application', objectId: 'obj-1', appId: 'app-1', usage: null, owners: 2 },
    });
    expect(JSON.stringify(secret)).not.toContain('abc');
    // Its end date lies in the past: the interval says so; the status is not read from the clock.
    expect(certificate).toMatchObject({ credentialKind: 'CERTIFICATE', externalId: 'cert-1', status: 'ACTIVE', algorithm: 'AsymmetricX509Cert' });
    expect((certificate as CredentialObservation).expiresAt!.getTime()).toBeLessThan(Date.now());
  });

  it('rejects a credential without keyId naming the field, and a bad date', async () => {
    const path = writeTempFile(
      'apps.jsonl',
      [
        JSON.stringify({ ...app, passwordCredentials: [{ displayName: 'x' }], keyCredentials: [] }),
        JSON.stringify({ ...app, passwordCredentials: [{ keyId: 'k', endDateTime: 'never' }], keyCredentials: [] }),
      ].join('\n'),
    );
    expect(rejectionsOf(await collect(entraAppCredentialsFileSource, path))).toEqual([
      '1/- passwordCredentials[0].keyId missing required field passwordCredentials[0].keyId',
      '2/- passwordCredentials[0].endDateTime passwordCredentials[0].endDateTime is not an ISO 8601 date: "never"',
    ]);
  });

  it('states the validity interval, never a status read from the clock: ACTIVE with startDateTime and endDateTime (any dates)', () => {
    const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) });
    fc.assert(
      fc.property(instant, instant, (start, end) => {
        const [credential] = parseEntraAppCredentials({
          id: 'o',
          passwordCredentials: [{ keyId: 'k', startDateTime: new Date(start).toISOString(), endDateTime: new Date(end).toISOString() }],
        });
        // Whether it was valid on a day is derived from the interval (evaluation and replay of any day agree).
        expect(credential).toMatchObject({ status: 'ACTIVE', createdAt: new Date(start), expiresAt: new Date(end), deactivatedAt: null });
      }),
    );
  });
});
