import { readFileSync } from 'node:fs';
import type { CollectedRecord } from '../core/observation.js';
import { SourceRequestError } from '../core/readers/json-http.client.js';
import { type TestServer, closedPortUrl, sendJson, startTestServer } from '../core/readers/json-http.test-util.js';
import { jwksConfigSchema, jwksConnector } from './jwks.connector.js';

const entra: unknown = JSON.parse(readFileSync('/work/shared/samples/jwks-x509/microsoft_entra_common_discovery_keys_snapshot.json', 'utf8'));
const context = () => ({ signal: new AbortController().signal, now: new Date('2025-06-01T00:00:00Z') });

async function collect(url: string, timeoutMs?: number): Promise<CollectedRecord[]> {
  const config = jwksConfigSchema.parse({ url, timeoutMs });
  const out: CollectedRecord[] = [];
  for await (const record of jwksConnector.collect(config, context())) out.push(record);
  return out;
}

describe('jwksConnector', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer((_request, response, url) => {
      if (url.pathname === '/discovery/v2.0/keys') return sendJson(response, 200, entra);
      if (url.pathname === '/.well-known/openid-configuration') return sendJson(response, 200, { issuer: 'x', jwks_uri: '/discovery/v2.0/keys' });
      if (url.pathname === '/broken') return sendJson(response, 500, { error: 'internal' });
      if (url.pathname === '/not-jwks') return sendJson(response, 200, { hello: 'world' });
      if (url.pathname === '/slow') {
        const timer = setTimeout(() => sendJson(response, 200, entra), 2000);
        response.on('close', () => clearTimeout(timer));
        return;
      }
      return sendJson(response, 404, {});
    });
  });
  afterAll(() => server.close());

  it('pulls the published keys with their certificate dates, located by URL and key index', async () => {
    const records = await collect(`${server.url}/discovery/v2.0/keys`);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      accepted: true,
      location: { source: `${server.url}/discovery/v2.0/keys`, record: 0 },
      observation: { externalId: 'nOo3ZDrODXEK1jKWhXslHR_KXEg', createdAt: new Date('2020-12-21T20:50:17Z'), environment: 'UNKNOWN' },
    });
    expect(records[0]?.accepted && records[0].observation.kind === 'credential' && records[0].observation.attributes['jwksUrl']).toBe(
      `${server.url}/discovery/v2.0/keys`,
    );
  });

  it("follows an OpenID discovery document's jwks_uri", async () => {
    const records = await collect(`${server.url}/.well-known/openid-configuration`);
    expect(records.map((record) => record.accepted && record.observation.kind === 'credential' && record.observation.externalId)).toEqual([
      'nOo3ZDrODXEK1jKWhXslHR_KXEg',
      'l3sQ-50cCH4xBVZLHTGwnSR7680',
    ]);
  });

  it('reports success with the key count from test()', async () => {
    const result = await jwksConnector.test(jwksConfigSchema.parse({ url: `${server.url}/discovery/v2.0/keys` }), context());
    expect(result).toEqual({ ok: true, message: `${server.url}/discovery/v2.0/keys publishes 2 keys` });
  });

  it('fails the run with a clear error on a 500, and test() says so', async () => {
    await expect(collect(`${server.url}/broken`)).rejects.toThrow(new SourceRequestError(`JWKS endpoint failed with 500 Internal Server Error at ${server.url}/broken: internal`, 'server-error'));
    expect(await jwksConnector.test(jwksConfigSchema.parse({ url: `${server.url}/broken` }), context())).toEqual({
      ok: false,
      message: `JWKS endpoint failed with 500 Internal Server Error at ${server.url}/broken: internal`,
    });
  });

  it('fails on a timeout, naming the limit', async () => {
    await expect(collect(`${server.url}/slow`, 200)).rejects.toThrow(`JWKS endpoint did not answer within 0.2 s (${server.url}/slow)`);
  });

  it('fails on an unreachable endpoint, naming the cause', async () => {
    const url = await closedPortUrl();
    const result = await jwksConnector.test(jwksConfigSchema.parse({ url: `${url}/keys` }), context());
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(new RegExp(`^could not reach JWKS endpoint at ${url}/keys: ECONNREFUSED`));
  });

  it('refuses a document that is not a key set', async () => {
    await expect(collect(`${server.url}/not-jwks`)).rejects.toThrow(`${server.url}/not-jwks is not a JWKS document: no "keys" array`);
  });

  it('rejects a configuration without a valid http(s) URL', () => {
    expect(jwksConfigSchema.safeParse({ url: 'file:///etc/passwd' }).success).toBe(false);
    expect(jwksConfigSchema.safeParse({ url: 'not a url' }).success).toBe(false);
  });
});
