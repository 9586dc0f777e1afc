import { createVerify, generateKeyPairSync } from 'node:crypto';
import { type TestServer, sendJson, startTestServer } from '../core/readers/json-http.test-util.js';
import { collectAll, formBody } from '../testing/collect.test-util.js';
import { googleActivityConnector, googleUsersConnector } from './google-workspace.connector.js';

const context = { signal: new AbortController().signal, now: new Date('2025-06-01T12:00:00Z') };
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const user = (id: string, extra: object = {}) => ({ kind: 'admin#directory#user', id, primaryEmail: `${id}@example.com`, name: { fullName: id }, suspended: false, ...extra });

const tokenActivity = (time: string, name: string, clientId: string, appName: string) => ({
  id: { time, uniqueQualifier: time.slice(11, 13), applicationName: 'token' },
  actor: { email: 'min@example.com' },
  ipAddress: '203.0.113.9',
  events: [{ type: 'auth', name, parameters: [{ name: 'client_id', value: clientId }, { name: 'app_name', value: appName }, { name: 'scope', multiValue: ['https://www.googleapis.com/auth/drive'] }] }],
});

/** Google's token endpoint (JWT bearer grant) and the Admin SDK's users and activities, paged by nextPageToken. */
async function fakeGoogle(): Promise<TestServer & { claims: Record<string, unknown>[] }> {
  const claims: Record<string, unknown>[] = [];
  let throttled = false;
  const server = await startTestServer(async (request, response, url) => {
    if (url.pathname === '/token') {
      const body = await formBody(request);
      const [header, payload, signature] = (body.get('assertion') ?? '').split('.');
      const valid = body.get('grant_type') === 'urn:ietf:params:oauth:grant-type:jwt-bearer' && createVerify('RSA-SHA256').update(`${header}.${payload}`).verify(publicKey, signature ?? '', 'base64url');
      if (!valid) return sendJson(response, 400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
      claims.push(JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>);
      return sendJson(response, 200, { access_token: 'ya29.token', expires_in: 3599, token_type: 'Bearer' });
    }
    if (request.headers.authorization !== 'Bearer ya29.token') return sendJson(response, 401, { error: { code: 401, message: 'Request had invalid authentication credentials.' } });
    if (url.pathname === '/admin/directory/v1/users') {
      if (url.searchParams.get('pageToken') === 'p2') return sendJson(response, 200, { kind: 'admin#directory#users', users: [user('min', { suspended: true, suspensionReason: 'ADMIN' })] });
      return sendJson(response, 200, { kind: 'admin#directory#users', users: [user('ana')], nextPageToken: 'p2' });
    }
    const activities = /^\/admin\/reports\/v1\/activity\/users\/all\/applications\/(\w+)$/.exec(url.pathname);
    if (activities) {
      if (activities[1] === 'login' && !throttled) {
        throttled = true;
        return sendJson(response, 429, { error: { code: 429, message: 'Quota exceeded' } }, { 'retry-after': '1' });
      }
      if (activities[1] === 'drive') return sendJson(response, 200, { kind: 'admin#reports#activities' });
      if (activities[1] === 'token') {
        // A page that never comes (the pull's timeout must end the wait).
        if (url.searchParams.get('maxResults') === '7') return;
        // Newest first, as the Reports API lists them: rclone was granted on 1 May and revoked on 1 June.
        if (url.searchParams.get('pageToken') === 't2') return sendJson(response, 200, { kind: 'admin#reports#activities', items: [tokenActivity('2025-05-01T00:00:00.000Z', 'authorize', 'rclone-id', 'rclone')] });
        return sendJson(response, 200, {
          kind: 'admin#reports#activities',
          items: [tokenActivity('2025-06-01T02:00:00.000Z', 'revoke', 'rclone-id', 'rclone'), tokenActivity('2025-06-01T01:00:00.000Z', 'authorize', 'c1', 'Zapier')],
          nextPageToken: 't2',
        });
      }
      return sendJson(response, 200, {
        kind: 'admin#reports#activities',
        items: [{ id: { time: '2025-06-01T01:00:00.000Z', uniqueQualifier: '1', applicationName: activities[1] }, actor: { email: 'min@example.com' }, ipAddress: '203.0.113.9', events: [{ name: activities[1] === 'login' ? 'login_success' : 'authorize', parameters: [{ name: 'client_id', value: 'c1' }] }] }],
      });
    }
    return sendJson(response, 404, { error: { code: 404, message: 'Not Found' } });
  });
  return Object.assign(server, { claims });
}

describe('Google Workspace pull connectors against a local Google', () => {
  let server: Awaited<ReturnType<typeof fakeGoogle>>;
  const config = (extra: object = {}) => ({ clientEmail: 'reader@proj.iam.gserviceaccount.com', privateKey: PEM, adminEmail: 'admin@example.com', tokenUrl: `${server.url}/token`, apiUrl: server.url, ...extra });
  beforeEach(async () => {
    server = await fakeGoogle();
  });
  afterEach(() => server.close());

  it('acts as the administrator with the read-only directory scope and pages users by nextPageToken', async () => {
    const records = await collectAll(googleUsersConnector.collect(googleUsersConnector.configSchema.parse(config()), context));
    expect(records.map((r) => (r.accepted && r.observation.kind === 'account' ? `${r.observation.userName} ${r.observation.status}` : r.accepted ? '-' : r.reason)).filter((x) => x !== '-')).toEqual([
      'ana@example.com ACTIVE',
      'min@example.com DEACTIVATED',
    ]);
    expect(server.claims).toEqual([
      expect.objectContaining({ iss: 'reader@proj.iam.gserviceaccount.com', sub: 'admin@example.com', scope: 'https://www.googleapis.com/auth/admin.directory.user.readonly', aud: `${server.url}/token` }),
    ]);
  });

  it('reads each application since the lookback, waits out a 429, and takes an empty listing as no activity', async () => {
    const records = await collectAll(googleActivityConnector.collect(googleActivityConnector.configSchema.parse(config({ lookbackDays: 1 })), context));
    expect(records.map((r) => (r.accepted && r.observation.kind === 'access-event' ? `${r.observation.action} ${r.observation.credentialExternalId}` : r.accepted ? r.observation.kind : 'rejected'))).toEqual([
      'login.login_success null',
      'token.revoke oauth-grant:min@example.com:rclone-id',
      'token.authorize oauth-grant:min@example.com:c1',
      'token.authorize oauth-grant:min@example.com:rclone-id',
      // The grants, each in its latest state, after the events.
      'credential',
      'credential',
    ]);
    const login = server.requests.filter((r) => r.url.includes('/applications/login'));
    expect(login).toHaveLength(2);
    expect(new URL(login[0]!.url, server.url).searchParams.get('startTime')).toBe('2025-05-31T12:00:00.000Z');
  });

  it('pages token activities and keeps each OAuth grant in its latest state: a revoke read before the older authorize still ends the grant', async () => {
    const records = await collectAll(googleActivityConnector.collect(googleActivityConnector.configSchema.parse(config({ applications: ['token'] })), context));
    const grants = records.flatMap((r) => (r.accepted && r.observation.kind === 'credential' ? [r.observation] : []));
    expect(grants.map((g) => [g.externalId, g.credentialKind, g.status, g.owner, g.createdAt?.toISOString() ?? null, g.deactivatedAt?.toISOString() ?? null])).toEqual([
      ['oauth-grant:min@example.com:rclone-id', 'API_TOKEN', 'REVOKED', 'min@example.com', null, '2025-06-01T02:00:00.000Z'],
      ['oauth-grant:min@example.com:c1', 'API_TOKEN', 'ACTIVE', 'min@example.com', '2025-06-01T01:00:00.000Z', null],
    ]);
    expect(grants[1]!.attributes).toEqual({ credentialType: 'OAuth grant', clientId: 'c1', appName: 'Zapier', clientType: null, scopes: 'https://www.googleapis.com/auth/drive' });
    expect(server.requests.filter((r) => r.url.includes('/applications/token')).map((r) => new URL(r.url, server.url).searchParams.get('pageToken'))).toEqual([null, 't2']);
  });

  it('gives up on a token activity page that never comes, after the timeout', async () => {
    const slow = googleActivityConnector.configSchema.parse(config({ applications: ['token'], pageSize: 7, timeoutMs: 300 }));
    await expect(collectAll(googleActivityConnector.collect(slow, context))).rejects.toThrow(`Google Admin SDK did not answer within 0.3 s (${server.url}/admin/reports/v1/activity/users/all/applications/token)`);
  });

  it('says a key that cannot sign is unusable, without printing it', async () => {
    const result = await googleUsersConnector.test(googleUsersConnector.configSchema.parse(config({ privateKey: 'not-a-key' })), context);
    expect(result).toEqual({ ok: false, message: "the service account's private key could not sign a token: give the private_key of its JSON key" });
    expect(googleUsersConnector.secretFields).toEqual(['privateKey']);
  });
});
