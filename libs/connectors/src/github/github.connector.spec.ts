import { createVerify, generateKeyPairSync } from 'node:crypto';
import { type TestServer, sendJson, startTestServer } from '../core/readers/json-http.test-util.js';
import { collectAll } from '../testing/collect.test-util.js';
import { gitHubAuditLogConnector, gitHubCredentialsConnector, gitHubMembersConnector } from './github.connector.js';

const PAT = 'ghp_0123456789abcdefghijklmnopqrstuvwxyz';
const context = { signal: new AbortController().signal, now: new Date('2025-06-01T12:00:00Z') };
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const user = (login: string, id: number) => ({ login, id, node_id: `U_${id}`, type: 'User', site_admin: false });
const clone = (n: number) => ({ '@timestamp': 1748736000000 + n, _document_id: `d${n}`, action: 'git.clone', actor: 'mjun', actor_location: { country_code: 'CN' }, repo: 'acme/payments', token_id: 81234 });

const fineGrained = (tokenId: number, login: string, extra: object) => ({
  id: tokenId * 10,
  owner: user(login, 77),
  repository_selection: 'all',
  token_id: tokenId,
  token_name: `token ${tokenId}`,
  token_expired: false,
  token_expires_at: '2026-01-01T00:00:00Z',
  token_last_used_at: '2025-05-30T00:00:00Z',
  ...extra,
});

/** GitHub's REST API as it answers: Link paging, the secondary rate limit, App installation tokens. */
async function fakeGitHub(): Promise<TestServer & { jwts: string[] }> {
  const jwts: string[] = [];
  let limited = false;
  let grantsLimited = false;
  let failed = false;
  const server = await startTestServer((request, response, url) => {
    const base = `http://${request.headers.host}`;
    if (request.method === 'POST' && url.pathname === '/app/installations/42/access_tokens') {
      const jwt = (request.headers.authorization ?? '').replace(/^Bearer /, '');
      const [header, payload, signature] = jwt.split('.');
      const valid = createVerify('RSA-SHA256').update(`${header}.${payload}`).verify(publicKey, signature ?? '', 'base64url');
      const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as { iss: string; exp: number; iat: number };
      if (!valid || claims.iss !== '1001' || claims.exp - claims.iat > 600) return sendJson(response, 401, { message: 'A JSON web token could not be decoded' });
      jwts.push(jwt);
      return sendJson(response, 201, { token: 'ghs_installation', expires_at: '2025-06-01T13:00:00Z' });
    }
    const auth = request.headers.authorization;
    if (auth !== `Bearer ${PAT}` && auth !== 'Bearer ghs_installation') return sendJson(response, 401, { message: 'Bad credentials' });
    if (request.headers['x-github-api-version'] !== '2022-11-28') return sendJson(response, 400, { message: 'missing API version' });
    if (url.pathname === '/orgs/acme/audit-log') {
      if (url.searchParams.get('after') === 'c2') {
        if (!limited) {
          limited = true;
          return sendJson(response, 403, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '1' });
        }
        return sendJson(response, 200, [clone(3)]);
      }
      return sendJson(response, 200, [clone(1), clone(2)], { link: `<${base}/orgs/acme/audit-log?per_page=2&after=c2>; rel="next"` });
    }
    if (url.pathname === '/orgs/acme/credential-authorizations') {
      return sendJson(response, 200, [
        { login: 'mjun', credential_id: 7, credential_type: 'personal access token', credential_authorized_at: '2019-01-01T00:00:00Z', credential_accessed_at: '2025-05-31T00:00:00Z', authorized_credential_id: 81234, authorized_credential_expires_at: null },
      ]);
    }
    if (url.pathname === '/orgs/acme/personal-access-token-requests') {
      // A page that never comes (the pull's timeout must end the wait).
      if (url.searchParams.get('per_page') === '7') return;
      if (request.headers.authorization !== 'Bearer ghs_installation') return sendJson(response, 403, { message: 'Resource not accessible by personal access token' });
      if (url.searchParams.get('page') === '2') {
        // A server error once: retried.
        if (!failed) {
          failed = true;
          return sendJson(response, 502, { message: 'Server Error' });
        }
        return sendJson(response, 200, [fineGrained(502, 'leaver', { created_at: '2025-05-01T00:00:00Z', permissions_added: {}, permissions_result: {} })]);
      }
      return sendJson(response, 200, [fineGrained(501, 'leaver', { created_at: '2025-04-01T00:00:00Z', permissions_added: { repository: { contents: 'write' } }, permissions_result: {} })], {
        link: `<${base}/orgs/acme/personal-access-token-requests?per_page=1&page=2>; rel="next"`,
      });
    }
    if (url.pathname === '/orgs/acme/personal-access-tokens') {
      if (!grantsLimited) {
        grantsLimited = true;
        // GitHub's secondary rate limit: 403 with Retry-After.
        return sendJson(response, 403, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '1' });
      }
      // 501 was asked for, then granted: the grant is read last and stands.
      return sendJson(response, 200, [fineGrained(501, 'leaver', { id: 9, access_granted_at: '2025-04-02T00:00:00Z' })]);
    }
    if (url.pathname === '/orgs/acme/repos') return sendJson(response, 200, [{ id: 1, full_name: 'acme/payments' }]);
    if (url.pathname === '/repos/acme/payments/keys') {
      return sendJson(response, 200, [{ id: 5, key: 'ssh-ed25519 AAAAC3Nza', url: `${base}/repos/acme/payments/keys/5`, title: 'deploy', created_at: '2018-01-01T00:00:00Z', read_only: false, added_by: 'mjun' }]);
    }
    if (url.pathname === '/orgs/acme/members') {
      if (url.searchParams.get('role') === 'admin') return sendJson(response, 200, [user('boss', 1)]);
      if (url.searchParams.get('page') === '2') return sendJson(response, 200, [user('MJun', 3)]);
      return sendJson(response, 200, [user('boss', 1), user('ana', 2)], { link: `<${base}/orgs/acme/members?per_page=2&page=2>; rel="next", <${base}/orgs/acme/members?per_page=2&page=2>; rel="last"` });
    }
    if (url.pathname === '/orgs/acme/outside_collaborators') return sendJson(response, 200, [user('vendor', 9)]);
    return sendJson(response, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  });
  return Object.assign(server, { jwts });
}

describe('GitHub pull connectors against a local GitHub API', () => {
  let server: Awaited<ReturnType<typeof fakeGitHub>>;
  beforeEach(async () => {
    server = await fakeGitHub();
  });
  afterEach(() => server.close());

  it('pages the audit log by Link header, waits out a secondary rate limit, and asks for Git events since the lookback', async () => {
    const config = gitHubAuditLogConnector.configSchema.parse({ org: 'acme', apiUrl: server.url, token: PAT, lookbackDays: 3 });
    const records = await collectAll(gitHubAuditLogConnector.collect(config, context));
    expect(records.map((r) => (r.accepted && r.observation.kind === 'access-event' ? `${r.observation.action} ${r.observation.credentialExternalId} ${r.observation.records}` : 'rejected'))).toEqual([
      'git.clone 81234 1',
      'git.clone 81234 1',
      'git.clone 81234 1',
    ]);
    const first = new URL(server.requests[0]!.url, server.url).searchParams;
    expect([first.get('phrase'), first.get('include')]).toEqual(['created:>=2025-05-29', 'all']);
    expect(server.requests.filter((r) => r.url.includes('after=c2'))).toHaveLength(2);
  });

  it('reads on from the day of the last successful pull', async () => {
    const config = gitHubAuditLogConnector.configSchema.parse({ org: 'acme', apiUrl: server.url, token: PAT });
    await collectAll(gitHubAuditLogConnector.collect(config, { ...context, lastSuccessfulRunAt: new Date('2025-05-20T00:30:00Z') }));
    expect(new URL(server.requests[0]!.url, server.url).searchParams.get('phrase')).toBe('created:>=2025-05-19');
  });

  it('signs in as a GitHub App installation and reads credential authorizations and every repository’s deploy keys', async () => {
    const config = gitHubCredentialsConnector.configSchema.parse({ org: 'acme', apiUrl: server.url, appId: '1001', installationId: '42', privateKey: PEM, deployKeys: true });
    const records = await collectAll(gitHubCredentialsConnector.collect(config, context));
    expect(records.map((r) => (r.accepted && r.observation.kind === 'credential' ? `${r.observation.credentialKind} ${r.observation.externalId} ${r.observation.owner}` : 'rejected'))).toEqual([
      'API_TOKEN 81234 mjun',
      'SSH_KEY deploy-key:5 mjun',
    ]);
    expect(server.jwts).toHaveLength(1);
    expect(server.requests.filter((r) => r.headers.authorization === 'Bearer ghs_installation')).toHaveLength(3);
  });

  it('reads fine-grained token requests then grants as the App: Link paging, a secondary rate limit and a 502 waited out', async () => {
    const config = gitHubCredentialsConnector.configSchema.parse({ org: 'acme', apiUrl: server.url, appId: '1001', installationId: '42', privateKey: PEM, credentialAuthorizations: false, fineGrainedTokens: true });
    const records = await collectAll(gitHubCredentialsConnector.collect(config, context));
    expect(
      records.map((r) =>
        r.accepted && r.observation.kind === 'credential'
          ? `${r.observation.credentialKind} ${r.observation.externalId} ${r.observation.owner} ${r.observation.attributes['orgAccess']} ${r.observation.expiresAt?.toISOString()} ${r.observation.lastUsedAt?.toISOString()}`
          : 'rejected',
      ),
    ).toEqual([
      'API_TOKEN 501 leaver requested 2026-01-01T00:00:00.000Z 2025-05-30T00:00:00.000Z',
      'API_TOKEN 502 leaver requested 2026-01-01T00:00:00.000Z 2025-05-30T00:00:00.000Z',
      'API_TOKEN 501 leaver granted 2026-01-01T00:00:00.000Z 2025-05-30T00:00:00.000Z',
    ]);
    expect(server.requests.filter((r) => r.url.startsWith('/orgs/acme/personal-access-token-requests')).map((r) => r.url)).toEqual([
      '/orgs/acme/personal-access-token-requests?per_page=100',
      '/orgs/acme/personal-access-token-requests?per_page=1&page=2',
      '/orgs/acme/personal-access-token-requests?per_page=1&page=2',
    ]);
    expect(server.requests.filter((r) => r.url.startsWith('/orgs/acme/personal-access-tokens'))).toHaveLength(2);
  });

  it('gives up on a fine-grained token page that never comes, after the timeout', async () => {
    const config = gitHubCredentialsConnector.configSchema.parse({ org: 'acme', apiUrl: server.url, appId: '1001', installationId: '42', privateKey: PEM, credentialAuthorizations: false, fineGrainedTokens: true, pageSize: 7, timeoutMs: 300 });
    await expect(collectAll(gitHubCredentialsConnector.collect(config, context))).rejects.toThrow(`GitHub API did not answer within 0.3 s (${server.url}/orgs/acme/personal-access-token-requests)`);
  });

  it('refuses fine-grained tokens with a PAT: only a GitHub App may list them', () => {
    expect(gitHubCredentialsConnector.configSchema.safeParse({ org: 'acme', token: PAT, fineGrainedTokens: true }).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([
      'fineGrainedTokens: only a GitHub App may list fine-grained tokens: give appId, installationId and privateKey',
    ]);
  });

  it('marks the owners admin, pages the members, and adds outside collaborators', async () => {
    const config = gitHubMembersConnector.configSchema.parse({ org: 'acme', apiUrl: server.url, token: PAT });
    const records = await collectAll(gitHubMembersConnector.collect(config, context));
    expect(
      records.map((r) => (r.accepted ? (r.observation.kind === 'account' ? `account ${r.observation.userName}` : r.observation.kind === 'entitlement' ? `  ${r.observation.name} ${r.observation.privileged}` : '?') : r.reason)),
    ).toEqual(['account boss', '  org:admin true', 'account ana', '  org:member false', 'account MJun', '  org:member false', 'account vendor', '  org:outside-collaborator false']);
  });

  it('says a bad token was rejected without repeating it, and refuses half an App configuration', async () => {
    const result = await gitHubMembersConnector.test(gitHubMembersConnector.configSchema.parse({ org: 'acme', apiUrl: server.url, token: 'ghp_wrongwrongwrong' }), context);
    expect(result).toEqual({ ok: false, message: expect.stringContaining('GitHub API rejected the credentials (401 Unauthorized)') });
    expect(result.message).not.toContain('ghp_wrongwrongwrong');
    expect(await gitHubMembersConnector.test(gitHubMembersConnector.configSchema.parse({ org: 'acme', apiUrl: server.url, token: PAT }), context)).toMatchObject({ ok: true });
    expect(gitHubMembersConnector.configSchema.safeParse({ org: 'acme', appId: '1001' }).error?.issues.map((issue) => issue.message)).toEqual([
      'give a token, or all of appId, installationId and privateKey',
    ]);
    expect(gitHubMembersConnector.secretFields).toEqual(['token', 'privateKey']);
  });

  it('names a private key that cannot sign, without printing it', async () => {
    const config = gitHubCredentialsConnector.configSchema.parse({ org: 'acme', apiUrl: server.url, appId: '1001', installationId: '42', privateKey: 'not-a-pem-key' });
    const result = await gitHubCredentialsConnector.test(config, context);
    expect(result).toEqual({ ok: false, message: 'the GitHub App private key could not sign a token: give the PEM key GitHub generated for the app' });
  });
});
