import type { ServerResponse } from 'node:http';
import type { CollectedRecord } from '../core/observation.js';
import { type TestServer, sendJson, startTestServer } from '../core/readers/json-http.test-util.js';
import { oktaConfigSchema, oktaConnector } from './okta.connector.js';

const TOKEN = '00abcSSWStokenXYZ';
const now = new Date('2024-03-10T00:00:00.000Z');
const oktaUser = (id: string, status: string) => ({
  id,
  status,
  statusChanged: '2024-02-01T00:00:00.000Z',
  lastLogin: null,
  profile: { login: `${id}@example.com`, email: `${id}@example.com`, firstName: id, lastName: 'Test' },
});
const event = (uuid: string, eventType = 'user.session.start') => ({
  uuid,
  eventType,
  published: '2024-03-05T10:00:00.000Z',
  actor: { id: '00u1', type: 'User', alternateId: 'dev@example.com' },
  client: { ipAddress: '81.2.69.142', geographicalContext: { country: 'United Kingdom' } },
  outcome: { result: 'SUCCESS' },
  target: eventType === 'user.lifecycle.deactivate' ? [{ id: '00u9', type: 'User', alternateId: 'leaver@example.com' }] : [],
});

describe('oktaConnector against a server speaking Okta paging', () => {
  let server: TestServer;
  let mode: 'normal' | 'rate-limit-once' | 'foreign-next' = 'normal';
  let rateLimited = false;
  const send = (response: ServerResponse, body: unknown, next?: string) =>
    sendJson(response, 200, body, next ? { link: `<${server.url}/api/v1/users>; rel="self", <${next}>; rel="next"` } : {});

  beforeAll(async () => {
    server = await startTestServer((request, response, url) => {
      if (request.headers.authorization !== `SSWS ${TOKEN}`) {
        return sendJson(response, 401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorCauses: [] });
      }
      if (mode === 'rate-limit-once' && !rateLimited) {
        rateLimited = true;
        const date = new Date();
        return sendJson(response, 429, { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit' }, {
          date: date.toUTCString(),
          'x-rate-limit-reset': String(Math.floor(date.getTime() / 1000)),
        });
      }
      const after = url.searchParams.get('after');
      if (url.pathname === '/api/v1/users') {
        if (url.searchParams.get('filter') === 'status eq "DEPROVISIONED"') return send(response, [oktaUser('u9', 'DEPROVISIONED')]);
        if (mode === 'foreign-next') return send(response, [oktaUser('u1', 'ACTIVE')], 'https://evil.example.net/api/v1/users?after=u1');
        if (after === null) return send(response, [oktaUser('u1', 'ACTIVE'), oktaUser('u2', 'SUSPENDED')], `${server.url}/api/v1/users?after=u2&limit=200`);
        return send(response, [oktaUser('u3', 'ACTIVE')]);
      }
      if (url.pathname === '/api/v1/logs') {
        if (after === null) return send(response, [event('e1'), event('e2', 'user.lifecycle.deactivate')], `${server.url}/api/v1/logs?after=c2&limit=1000`);
        if (after === 'c2') return send(response, [event('e3')], `${server.url}/api/v1/logs?after=c3&limit=1000`);
        return send(response, [], `${server.url}/api/v1/logs?after=c3&limit=1000`);
      }
      return sendJson(response, 404, { errorCode: 'E0000007', errorSummary: 'Not found' });
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    mode = 'normal';
    rateLimited = false;
    server.requests.length = 0;
  });

  const config = (overrides: object = {}) => oktaConfigSchema.parse({ orgUrl: server.url, token: TOKEN, ...overrides });
  const context = () => ({ signal: new AbortController().signal, now });
  async function collect(configuration = config()): Promise<CollectedRecord[]> {
    const out: CollectedRecord[] = [];
    for await (const record of oktaConnector.collect(configuration, context())) out.push(record);
    return out;
  }

  it('lists users across Link pages, then the DEPROVISIONED ones the default listing leaves out', async () => {
    const records = await collect(config({ systemLog: false }));
    const accounts = records.flatMap((record) => (record.accepted && record.observation.kind === 'account' ? [`${record.observation.externalId}:${record.observation.status}`] : []));
    expect(accounts).toEqual(['u1:ACTIVE', 'u2:SUSPENDED', 'u3:ACTIVE', 'u9:DEACTIVATED']);
    expect(server.requests.map((request) => request.url)).toEqual([
      '/api/v1/users?limit=200',
      '/api/v1/users?after=u2&limit=200',
      '/api/v1/users?limit=200&filter=status%20eq%20%22DEPROVISIONED%22',
    ]);
  });

  it('reads the System Log window up to the run date, following next links until an empty page', async () => {
    const records = await collect(config({ users: false, lookbackDays: 7 }));
    expect(server.requests[0]?.url).toBe(
      '/api/v1/logs?since=2024-03-03T00%3A00%3A00.000Z&until=2024-03-10T00%3A00%3A00.000Z&limit=1000&sortOrder=ASCENDING',
    );
    expect(server.requests).toHaveLength(3);
    const kinds = records.map((record) => record.accepted && `${record.observation.kind}@${record.location.record}`);
    expect(kinds).toEqual(['access-event@0', 'account@1', 'access-event@1', 'access-event@2']);
    expect(records[0]).toMatchObject({ observation: { country: 'GB', sourceIp: '81.2.69.142', eventId: 'e1' } });
  });

  it('waits out a 429 as X-Rate-Limit-Reset says and carries on', async () => {
    mode = 'rate-limit-once';
    const records = await collect(config({ systemLog: false }));
    expect(records).toHaveLength(8);
    expect(rateLimited).toBe(true);
  });

  it('refuses to send the token to a next link on another host', async () => {
    mode = 'foreign-next';
    await expect(collect(config({ systemLog: false }))).rejects.toThrow('Okta sent a next-page link to another host (https://evil.example.net): not followed');
  });

  it('reports a rejected token from test() with Okta’s summary and without the token', async () => {
    const result = await oktaConnector.test(config({ token: 'bad-token-000' }), context());
    expect(result).toEqual({
      ok: false,
      message: `Okta rejected the credentials (401 Unauthorized) at ${server.url}/api/v1/users: Invalid token provided. Check the token.`,
    });
  });

  it('reports which APIs the token can read', async () => {
    expect(await oktaConnector.test(config(), context())).toEqual({ ok: true, message: `${server.url} accepted the API token (users and System Log)` });
  });

  it('fails with a clear message when the org does not answer in time', async () => {
    const silent = await startTestServer(() => undefined);
    try {
      await expect(collect(oktaConfigSchema.parse({ orgUrl: silent.url, token: TOKEN, timeoutMs: 150 }))).rejects.toThrow(
        `Okta did not answer within 0.15 s (${silent.url}/api/v1/users)`,
      );
    } finally {
      await silent.close();
    }
  });
});
