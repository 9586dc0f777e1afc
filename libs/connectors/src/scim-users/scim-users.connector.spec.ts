import type { CollectedRecord } from '../core/observation.js';
import { type TestServer, sendJson, startTestServer } from '../core/readers/json-http.test-util.js';
import { scimUsersConfigSchema, scimUsersConnector } from './scim-users.connector.js';

const TOKEN = 'scim-secret-token-123';
const users = Array.from({ length: 5 }, (_, index) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: `u${index + 1}`,
  userName: `user${index + 1}@example.com`,
  active: index !== 2,
}));
const context = () => ({ signal: new AbortController().signal, now: new Date('2025-06-01T00:00:00Z') });

describe('scimUsersConnector', () => {
  let server: TestServer;
  let failAt: number | null = null;
  beforeAll(async () => {
    server = await startTestServer((request, response, url) => {
      if (request.headers.authorization !== `Bearer ${TOKEN}`) {
        return sendJson(response, 401, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401', detail: `Invalid token ${String(request.headers.authorization)}` });
      }
      const startIndex = Number(url.searchParams.get('startIndex'));
      const count = Number(url.searchParams.get('count'));
      if (startIndex === failAt) return sendJson(response, 500, { detail: 'database unavailable' });
      if (url.pathname === '/scim/v2/Users') {
        return sendJson(response, 200, {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
          totalResults: users.length,
          startIndex,
          itemsPerPage: count,
          Resources: users.slice(startIndex - 1, startIndex - 1 + count),
        });
      }
      return sendJson(response, 404, {});
    });
  });
  afterAll(() => server.close());
  afterEach(() => {
    failAt = null;
  });

  const config = (overrides: object = {}) => scimUsersConfigSchema.parse({ baseUrl: `${server.url}/scim/v2/`, token: TOKEN, pageSize: 2, ...overrides });

  async function collect(configuration = config()): Promise<CollectedRecord[]> {
    const out: CollectedRecord[] = [];
    for await (const record of scimUsersConnector.collect(configuration, context())) out.push(record);
    return out;
  }

  it('pages with startIndex/count until totalResults, sending the bearer token', async () => {
    server.requests.length = 0;
    const records = await collect();
    expect(server.requests.map((request) => request.url)).toEqual([
      '/scim/v2/Users?startIndex=1&count=2',
      '/scim/v2/Users?startIndex=3&count=2',
      '/scim/v2/Users?startIndex=5&count=2',
    ]);
    const accounts = records.flatMap((record) => (record.accepted && record.observation.kind === 'account' ? [record.observation] : []));
    expect(accounts.map((account) => `${account.externalId}:${account.status}`)).toEqual(['u1:ACTIVE', 'u2:ACTIVE', 'u3:DEACTIVATED', 'u4:ACTIVE', 'u5:ACTIVE']);
    expect(records[4]?.location).toEqual({ source: `${server.url}/scim/v2/Users`, record: 2 });
  });

  it('names the system the admin configured on every account', async () => {
    const records = await collect(config({ system: 'entra' }));
    expect(records.some((record) => record.accepted && record.observation.kind === 'account' && record.observation.system === 'entra')).toBe(true);
  });

  it('reports a rejected token clearly, without repeating the token even when the server echoes it', async () => {
    const result = await scimUsersConnector.test(config({ token: 'wrong-token-value' }), context());
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^SCIM endpoint rejected the credentials \(401 Unauthorized\)/);
    expect(result.message).not.toContain('wrong-token-value');
    expect(result.message).toContain('[redacted]');
  });

  it('reports the user count from test()', async () => {
    expect(await scimUsersConnector.test(config(), context())).toEqual({ ok: true, message: `${server.url}/scim/v2/Users lists 5 users` });
  });

  it('fails the run on a 500 in the middle, after the pages already read', async () => {
    failAt = 3;
    const seen: CollectedRecord[] = [];
    await expect(
      (async () => {
        for await (const record of scimUsersConnector.collect(config(), context())) seen.push(record);
      })(),
    ).rejects.toThrow(`SCIM endpoint failed with 500 Internal Server Error at ${server.url}/scim/v2/Users: database unavailable`);
    expect(seen).toHaveLength(4);
  });

  it('stops with the abort when the run is cancelled between pages', async () => {
    const controller = new AbortController();
    const seen: CollectedRecord[] = [];
    await expect(
      (async () => {
        for await (const record of scimUsersConnector.collect(config(), { signal: controller.signal, now: new Date() })) {
          seen.push(record);
          controller.abort();
        }
      })(),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen.length).toBeLessThanOrEqual(4);
  });

  it('declares the token as its secret field', () => {
    expect(scimUsersConnector.secretFields).toEqual(['token']);
  });
});
