import { type TestServer, closedPortUrl, sendJson, startTestServer } from '../core/readers/json-http.test-util.js';
import { collectAll, formBody } from '../testing/collect.test-util.js';
import { entraAppCredentialsConnector, entraSignInsConnector, entraUsersConnector } from './entra.connector.js';

const TENANT = '11111111-2222-3333-4444-555555555555';
const SECRET = 'client~secret.value';
const context = { signal: new AbortController().signal, now: new Date('2025-06-01T12:00:00Z') };

const signIn = (id: string, country: string) => ({
  id,
  createdDateTime: '2025-06-01T01:00:00Z',
  userPrincipalName: 'min.jun@example.com',
  appDisplayName: 'GitHub Enterprise',
  ipAddress: '203.0.113.7',
  status: { errorCode: 0 },
  location: { countryOrRegion: country },
});

/** A service principal's sign-in as Graph beta answers it: no user, the app and the keyId of the secret it used. */
const spSignIn = (id: string, extra: object) => ({
  id,
  createdDateTime: '2025-06-01T03:00:00Z',
  appDisplayName: 'payments-prod',
  appId: 'app-1',
  ipAddress: '203.0.113.50',
  location: { city: 'Moscow', state: 'Moscow', countryOrRegion: 'RU' },
  resourceDisplayName: 'Microsoft Graph',
  resourceId: '00000003-0000-0000-c000-000000000000',
  servicePrincipalId: 'sp-object-1',
  servicePrincipalName: 'payments-prod',
  servicePrincipalCredentialKeyId: 'k1',
  servicePrincipalCredentialThumbprint: '',
  signInEventTypes: ['servicePrincipal'],
  isInteractive: false,
  userDisplayName: '',
  userId: '',
  userPrincipalName: '',
  tokenIssuerType: 'AzureAD',
  status: { errorCode: 0 },
  ...extra,
});

/** Microsoft identity platform + Graph as they answer: token endpoint, paged collections, throttling. */
async function fakeEntra(): Promise<TestServer & { tokens: URLSearchParams[] }> {
  const tokens: URLSearchParams[] = [];
  let throttled = false;
  let failed = false;
  let spThrottled = false;
  const server = await startTestServer(async (request, response, url) => {
    if (url.pathname === `/${TENANT}/oauth2/v2.0/token`) {
      const form = await formBody(request);
      tokens.push(form);
      if (form.get('client_secret') !== SECRET) {
        return sendJson(response, 401, { error: 'invalid_client', error_description: `AADSTS7000215: Invalid client secret provided (${form.get('client_secret')})` });
      }
      return sendJson(response, 200, { token_type: 'Bearer', expires_in: 3599, access_token: 'graph-token' });
    }
    if (request.headers.authorization !== 'Bearer graph-token') return sendJson(response, 401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' } });
    const base = `http://${request.headers.host}`;
    if (url.pathname === '/v1.0/auditLogs/signIns') {
      if (url.searchParams.get('$skiptoken') === 'p2') {
        // Graph throttles with 429 and Retry-After, and sometimes answers 503: both are waited out.
        if (!throttled) {
          throttled = true;
          return sendJson(response, 429, { error: { code: 'TooManyRequests' } }, { 'retry-after': '1' });
        }
        if (!failed) {
          failed = true;
          return sendJson(response, 503, { error: { code: 'ServiceUnavailable' } }, { 'retry-after': '1' });
        }
        return sendJson(response, 200, { value: [signIn('s3', 'CN')] });
      }
      return sendJson(response, 200, {
        '@odata.context': `${base}/v1.0/$metadata#auditLogs/signIns`,
        value: [signIn('s1', 'KR'), signIn('s2', 'KR')],
        '@odata.nextLink': `${base}/v1.0/auditLogs/signIns?$top=2&$skiptoken=p2`,
      });
    }
    if (url.pathname === '/beta/auditLogs/signIns') {
      // A page that never comes (the pull's timeout must end the wait).
      if (url.searchParams.get('$top') === '3') return;
      const filter = url.searchParams.get('$filter') ?? '';
      // The skiptoken of a nextLink carries the query; the first page must ask for service principals.
      if (!url.searchParams.has('$skiptoken') && !filter.endsWith(" and signInEventTypes/any(t: t eq 'servicePrincipal')")) return sendJson(response, 400, { error: { code: 'BadRequest', message: `unexpected filter ${filter}` } });
      if (url.searchParams.get('$skiptoken') === 'sp2') {
        if (!spThrottled) {
          spThrottled = true;
          return sendJson(response, 429, { error: { code: 'TooManyRequests' } }, { 'retry-after': '1' });
        }
        // A certificate sign-in from an address Entra could not place.
        return sendJson(response, 200, { value: [spSignIn('sp-2', { servicePrincipalCredentialKeyId: 'c1', ipAddress: '198.51.100.9', location: { countryOrRegion: '' } })] });
      }
      return sendJson(response, 200, { value: [spSignIn('sp-1', {})], '@odata.nextLink': `${base}/beta/auditLogs/signIns?$skiptoken=sp2` });
    }
    if (url.pathname === '/v1.0/users') {
      if (url.searchParams.get('$top') === '7') return sendJson(response, 200, { value: [], '@odata.nextLink': 'https://attacker.example/v1.0/users?$skiptoken=x' });
      return sendJson(response, 200, {
        value: [
          { id: 'u1', userPrincipalName: 'min.jun@example.com', mail: 'min.jun@example.com', accountEnabled: false, employeeLeaveDateTime: '2025-01-20T00:00:00Z', manager: { mail: 'lead@example.com' } },
        ],
      });
    }
    if (url.pathname === '/v1.0/applications') {
      return sendJson(response, 200, {
        value: [
          { id: 'a1', appId: 'app-1', displayName: 'payments-prod', passwordCredentials: [{ keyId: 'k1', startDateTime: '2020-01-01T00:00:00Z', endDateTime: '2299-12-31T00:00:00Z' }], keyCredentials: [], owners: [{ '@odata.type': '#microsoft.graph.user', mail: 'min.jun@example.com' }] },
          { id: 'a2', appId: 'app-2', displayName: 'no secrets', passwordCredentials: [], keyCredentials: [] },
        ],
      });
    }
    if (url.pathname === '/v1.0/servicePrincipals') {
      return sendJson(response, 200, {
        value: [{ id: 'sp1', appId: 'app-3', displayName: 'SAML app', servicePrincipalType: 'Application', passwordCredentials: [], keyCredentials: [{ keyId: 'c1', type: 'AsymmetricX509Cert', usage: 'Sign', startDateTime: '2024-01-01T00:00:00Z', endDateTime: '2027-01-01T00:00:00Z' }] }],
      });
    }
    return sendJson(response, 404, { error: { code: 'Request_ResourceNotFound' } });
  });
  return Object.assign(server, { tokens });
}

describe('Entra ID pull connectors against a local identity platform and Graph', () => {
  let server: Awaited<ReturnType<typeof fakeEntra>>;
  const configAt = (at: TestServer, extra: object = {}) => ({ tenantId: TENANT, clientId: 'client-1', clientSecret: SECRET, authorityUrl: at.url, graphUrl: at.url, ...extra });
  const config = (extra: object = {}) => configAt(server, extra);

  beforeEach(async () => {
    server = await fakeEntra();
  });
  afterEach(() => server.close());

  it('gets a client-credentials token, filters on createdDateTime, follows nextLink through 429 and 503', async () => {
    const records = await collectAll(entraSignInsConnector.collect(entraSignInsConnector.configSchema.parse(config({ lookbackDays: 3, servicePrincipalSignIns: false })), context));
    expect(records.map((r) => (r.accepted && r.observation.kind === 'access-event' ? `${r.observation.eventId} ${r.observation.country}` : 'rejected'))).toEqual(['s1 KR', 's2 KR', 's3 CN']);
    expect(server.requests.filter((request) => request.url.startsWith('/beta/'))).toEqual([]);
    expect(records.map((r) => r.location.record)).toEqual([0, 1, 2]);
    expect(server.tokens.map((form) => Object.fromEntries(form))).toEqual([
      { client_id: 'client-1', client_secret: SECRET, scope: `${server.url}/.default`, grant_type: 'client_credentials' },
    ]);
    const first = server.requests.find((request) => request.url.startsWith('/v1.0/auditLogs/signIns'))!;
    expect(new URL(first.url, server.url).searchParams.get('$filter')).toBe('createdDateTime ge 2025-05-29T12:00:00Z');
    expect(server.requests.filter((request) => request.url.includes('skiptoken=p2'))).toHaveLength(3);
  });

  it("then reads service principals' sign-ins from /beta, by signInEventTypes in the same window, as the app with the keyId it used", async () => {
    const records = await collectAll(entraSignInsConnector.collect(entraSignInsConnector.configSchema.parse(config({ lookbackDays: 3 })), context));
    const events = records.flatMap((r) => (r.accepted && r.observation.kind === 'access-event' ? [r.observation] : []));
    expect(events.map((e) => `${e.eventId} ${e.principal} ${e.credentialExternalId} ${e.sourceIp} ${e.country} ${e.resource}`)).toEqual([
      's1 min.jun@example.com null 203.0.113.7 KR GitHub Enterprise',
      's2 min.jun@example.com null 203.0.113.7 KR GitHub Enterprise',
      's3 min.jun@example.com null 203.0.113.7 CN GitHub Enterprise',
      'sp-1 payments-prod k1 203.0.113.50 RU payments-prod',
      // No country from Entra: GeoIP's, which calls a reserved (documentation) address internal.
      'sp-2 payments-prod c1 198.51.100.9 internal payments-prod',
    ]);
    const beta = server.requests.filter((request) => request.url.startsWith('/beta/auditLogs/signIns'));
    expect(new URL(beta[0]!.url, server.url).searchParams.get('$filter')).toBe("createdDateTime ge 2025-05-29T12:00:00Z and signInEventTypes/any(t: t eq 'servicePrincipal')");
    // The nextLink page was throttled once and read again.
    expect(beta).toHaveLength(3);
    expect(server.tokens).toHaveLength(1);
  });

  it('gives up on a service principal page that never comes, after the timeout, naming the endpoint', async () => {
    const slow = entraSignInsConnector.configSchema.parse(config({ pageSize: 3, timeoutMs: 300 }));
    await expect(collectAll(entraSignInsConnector.collect(slow, context))).rejects.toThrow(`Microsoft Graph did not answer within 0.3 s (${server.url}/beta/auditLogs/signIns)`);
  });

  it('reads on from an hour before the last successful pull', async () => {
    const config = entraSignInsConnector.configSchema.parse(configAt(server));
    await collectAll(entraSignInsConnector.collect(config, { ...context, lastSuccessfulRunAt: new Date('2025-06-01T11:30:00Z') }));
    const first = server.requests.find((request) => request.url.startsWith('/v1.0/auditLogs/signIns'))!;
    expect(new URL(first.url, server.url).searchParams.get('$filter')).toBe('createdDateTime ge 2025-06-01T10:30:00Z');
  });

  it('reads users with the lifecycle fields selected, and app plus service principal credentials', async () => {
    const users = await collectAll(entraUsersConnector.collect(entraUsersConnector.configSchema.parse(config()), context));
    expect(users.map((r) => (r.accepted ? `${r.observation.kind} ${'status' in r.observation ? r.observation.status : ''}` : r.reason))).toEqual(['identity TERMINATED', 'account DEACTIVATED']);
    const select = new URL(server.requests.find((r) => r.url.startsWith('/v1.0/users'))!.url, server.url).searchParams.get('$select')!;
    expect(select.split(',')).toEqual(expect.arrayContaining(['accountEnabled', 'employeeLeaveDateTime', 'employeeHireDate', 'onPremisesSyncEnabled', 'signInActivity']));

    const credentials = await collectAll(entraAppCredentialsConnector.collect(entraAppCredentialsConnector.configSchema.parse(config()), context));
    expect(credentials.map((r) => (r.accepted && r.observation.kind === 'credential' ? `${r.observation.credentialKind} ${r.observation.externalId} ${r.observation.owner} ${r.observation.attributes['objectType']}` : 'rejected'))).toEqual([
      'SECRET k1 min.jun@example.com application',
      'CERTIFICATE c1 null servicePrincipal',
    ]);
  });

  it('reports a wrong client secret as rejected credentials, without the secret', async () => {
    const result = await entraSignInsConnector.test(entraSignInsConnector.configSchema.parse(config({ clientSecret: 'wrong-secret-value' })), context);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/Microsoft Entra token endpoint rejected the credentials \(401/);
    expect(result.message).toContain('AADSTS7000215');
    expect(result.message).not.toContain('wrong-secret-value');
    expect((await entraSignInsConnector.test(entraSignInsConnector.configSchema.parse(config()), context)).ok).toBe(true);
  });

  it('refuses a nextLink to another host and names an unreachable tenant endpoint', async () => {
    const unreachable = await closedPortUrl();
    await expect(collectAll(entraUsersConnector.collect(entraUsersConnector.configSchema.parse({ ...config(), authorityUrl: unreachable }), context))).rejects.toThrow(/could not reach Microsoft Entra token endpoint/);
    await expect(collectAll(entraUsersConnector.collect(entraUsersConnector.configSchema.parse(config({ pageSize: 7 })), context))).rejects.toThrow(
      'Microsoft Graph sent a next-page link to another host (https://attacker.example): not followed',
    );
    expect(entraUsersConnector.secretFields).toEqual(['clientSecret']);
  });
});
