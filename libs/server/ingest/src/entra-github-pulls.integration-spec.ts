import { type IncomingMessage, type ServerResponse, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IngestRunRepository } from '@postureboard/server-database';
import { IdentityAliasService } from './alias/identity-alias.service.js';
import { createIngestTestContext, type IngestTestContext } from './testing/ingest-test-context.js';
import { waitUntil } from './testing/wait-until.js';

const CLIENT_SECRET = 'entra-client-secret-do-not-leak-9b2c';
const PAT = 'ghp_pat-do-not-leak-4d1e';
const QUEUE_TEST_TIMEOUT = 120_000;
const signInFilters: string[] = [];
const servicePrincipalFilters: string[] = [];

const json = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

/** Entra's token endpoint and Graph's /users, and GitHub's credential authorizations, on one loopback server. */
function handle(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/tenant-1/oauth2/v2.0/token') {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const ok = new URLSearchParams(text).get('client_secret') === CLIENT_SECRET;
      json(response, ok ? 200 : 401, ok ? { access_token: 'graph-token', expires_in: 3599 } : { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
    });
    return;
  }
  if (url.pathname === '/v1.0/auditLogs/signIns' && request.headers.authorization === 'Bearer graph-token') {
    signInFilters.push(url.searchParams.get('$filter') ?? '');
    return json(response, 200, { value: [{ id: `s-${signInFilters.length}`, createdDateTime: new Date().toISOString(), userPrincipalName: 'min.jun@example.com', status: { errorCode: 0 }, location: { countryOrRegion: 'KR' } }] });
  }
  if (url.pathname === '/beta/auditLogs/signIns' && request.headers.authorization === 'Bearer graph-token') {
    // Graph beta: service principals' sign-ins, which v1.0 does not list.
    servicePrincipalFilters.push(url.searchParams.get('$filter') ?? '');
    return json(response, 200, {
      value: [
        {
          id: `sp-${servicePrincipalFilters.length}`,
          createdDateTime: new Date().toISOString(),
          appId: 'app-9',
          appDisplayName: 'payments-prod',
          servicePrincipalId: 'sp-object-9',
          servicePrincipalName: 'payments-prod',
          servicePrincipalCredentialKeyId: 'key-9',
          signInEventTypes: ['servicePrincipal'],
          userPrincipalName: '',
          userId: '',
          ipAddress: '203.0.113.50',
          status: { errorCode: 0 },
          location: { countryOrRegion: 'RU' },
        },
      ],
    });
  }
  if (url.pathname === '/v1.0/users' && request.headers.authorization === 'Bearer graph-token') {
    return json(response, 200, {
      value: [
        { id: 'u-1', userPrincipalName: 'min.jun@example.com', mail: 'min.jun@example.com', displayName: 'Min Jun', accountEnabled: false, employeeLeaveDateTime: '2025-01-20T00:00:00Z', onPremisesSyncEnabled: true },
      ],
    });
  }
  if (url.pathname === '/orgs/acme/credential-authorizations' && request.headers.authorization === `Bearer ${PAT}`) {
    return json(response, 200, [
      { login: 'MJun', credential_id: 7, credential_type: 'personal access token', credential_authorized_at: '2019-01-01T00:00:00Z', authorized_credential_id: 81234, authorized_credential_expires_at: null },
    ]);
  }
  json(response, 401, { message: 'Bad credentials' });
}

describe('Entra and GitHub pulls through the ingest engine', () => {
  let ctx: IngestTestContext;
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    ctx = await createIngestTestContext({ pollingIntervalSeconds: 0.5, retryDelaySeconds: 1, retryLimit: 0 });
    server = createServer(handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await ctx.worker.start({ concurrency: 1, schedule: false });
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await ctx.close();
  });

  const runToEnd = async (dataSourceId: string) => {
    const queued = await ctx.ingest.runDataSource(ctx.organization.slug, dataSourceId);
    return waitUntil('the pull to finish', async () => {
      const run = await ctx.app.get(IngestRunRepository).findById(queued.id);
      return run && run.status !== 'QUEUED' && run.status !== 'RUNNING' ? run : null;
    });
  };

  it('configures entra-users and github-credentials by those names, seals their secrets, and pulls people and tokens', async () => {
    const entra = await ctx.dataSources.configure(ctx.organization.slug, {
      type: 'entra-users',
      name: 'Entra directory',
      config: JSON.stringify({ tenantId: 'tenant-1', clientId: 'app-1', clientSecret: CLIENT_SECRET, authorityUrl: baseUrl, graphUrl: baseUrl }),
      schedule: '0 * * * *',
    });
    expect(entra).toMatchObject({ type: 'entra-users', category: 'IDENTITY', secretFieldsSet: ['clientSecret'] });
    const github = await ctx.dataSources.configure(ctx.organization.slug, {
      type: 'github-credentials',
      name: 'GitHub tokens',
      config: JSON.stringify({ org: 'acme', apiUrl: baseUrl, token: PAT }),
      schedule: null,
    });
    expect(github).toMatchObject({ category: 'CREDENTIALS', secretFieldsSet: ['token'] });
    const [rows] = await ctx.query<{ text: string }>(`SELECT string_agg(config::text, ' ') AS text FROM data_source WHERE organization_id = $1`, [ctx.organization.id]);
    expect(rows!.text).not.toContain(CLIENT_SECRET);
    expect(rows!.text).not.toContain(PAT);

    expect(await runToEnd(entra.id)).toMatchObject({ status: 'SUCCEEDED', accepted: 2, rejected: 0 });
    // The GitHub login is not an e-mail: an alias says whose it is.
    await ctx.app.get(IdentityAliasService).add(ctx.organization.slug, { identity: 'min.jun@example.com', alias: 'mjun', system: 'github' });
    expect(await runToEnd(github.id)).toMatchObject({ status: 'SUCCEEDED', accepted: 1, rejected: 0 });
    const [token] = await ctx.query<{ kind: string; owner: string | null }>(
      `SELECT c.kind, i.email AS owner FROM credential c LEFT JOIN identity i ON i.id = c.owner_identity_id WHERE c.source = 'github-credentials'`,
    );
    expect(token).toEqual({ kind: 'API_TOKEN', owner: 'min.jun@example.com' });
    const [account] = await ctx.query<{ system: string; status: string; on_premises_sync: boolean }>(`SELECT system, status, on_premises_sync FROM account WHERE external_id = 'u-1'`);
    // Disabled in the cloud, but synced from on-premises AD: the evidence must say the next sync can undo it.
    expect(account).toEqual({ system: 'entra', status: 'DEACTIVATED', on_premises_sync: true });
  }, QUEUE_TEST_TIMEOUT);

  it('pulls sign-ins incrementally: the next pull reads on from an hour before the last successful one', async () => {
    const source = await ctx.dataSources.configure(ctx.organization.slug, {
      type: 'entra-signins',
      name: 'Entra sign-ins (incremental)',
      config: JSON.stringify({ tenantId: 'tenant-1', clientId: 'app-1', clientSecret: CLIENT_SECRET, authorityUrl: baseUrl, graphUrl: baseUrl }),
      schedule: null,
    });
    // A user's sign-in and a service principal's.
    expect(await runToEnd(source.id)).toMatchObject({ status: 'SUCCEEDED', accepted: 2 });
    const [{ last }] = (await ctx.query<{ last: Date }>(`SELECT last_successful_run_at AS last FROM data_source WHERE id = $1`, [source.id])) as [{ last: Date }];
    expect(await runToEnd(source.id)).toMatchObject({ status: 'SUCCEEDED', accepted: 2 });
    expect(servicePrincipalFilters.map((filter) => filter.replace(/^createdDateTime ge \S+/, '…'))).toEqual([
      "… and signInEventTypes/any(t: t eq 'servicePrincipal')",
      "… and signInEventTypes/any(t: t eq 'servicePrincipal')",
    ]);
    const applications = await ctx.query<{ principal: string; credential: string; country: string }>(
      `SELECT principal, credential_external_id AS credential, country FROM access_event WHERE source = 'entra-signins' AND principal = 'payments-prod' ORDER BY occurred_at`,
    );
    expect(applications).toEqual([
      { principal: 'payments-prod', credential: 'key-9', country: 'RU' },
      { principal: 'payments-prod', credential: 'key-9', country: 'RU' },
    ]);
    const since = (filter: string) => new Date(filter.replace('createdDateTime ge ', '')).getTime();
    expect(signInFilters).toHaveLength(2);
    // The first pull reads the default two days; the second from the first's success minus the hour of overlap (to the second).
    expect(Math.abs(Date.now() - 2 * 86_400_000 - since(signInFilters[0]!))).toBeLessThan(120_000);
    expect(Math.abs(since(signInFilters[1]!) - (last.getTime() - 3_600_000))).toBeLessThan(1_000);
  }, QUEUE_TEST_TIMEOUT);

  it('fails a pull with a wrong client secret saying so, with no secret in the run', async () => {
    const entra = await ctx.dataSources.configure(ctx.organization.slug, {
      type: 'entra-signins',
      name: 'Entra sign-ins',
      config: JSON.stringify({ tenantId: 'tenant-1', clientId: 'app-1', clientSecret: 'wrong-secret-value-123', authorityUrl: baseUrl, graphUrl: baseUrl }),
      schedule: null,
    });
    const run = await runToEnd(entra.id);
    expect(run.status).toBe('FAILED');
    expect(run.errorMessage).toMatch(/Microsoft Entra token endpoint rejected the credentials \(401/);
    expect(run.errorMessage).not.toContain('wrong-secret-value-123');
  }, QUEUE_TEST_TIMEOUT);
});
