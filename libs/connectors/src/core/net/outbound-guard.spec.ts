import { createServer as createTcpServer, type Server } from 'node:net';
import { get as httpGet } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { cloudTrailS3ConfigSchema, cloudTrailS3Connector } from '../../cloudtrail/cloudtrail-s3.connector.js';
import { fetchPresentedChain } from '../../x509/tls-endpoint.js';
import { VaultHttpClient } from '../../vault/vault-http.client.js';
import { SourceRequestError, fetchJson } from '../readers/json-http.client.js';
import { sendJson, startTestServer } from '../readers/json-http.test-util.js';
import { REDACTED, redactSecrets } from '../util/secret-redaction.util.js';
import { GuardedHttpAgent, OUTBOUND_ALLOW_VARIABLE, forbiddenCategory, parseOutboundAllowList } from './outbound-guard.js';

const saved = process.env[OUTBOUND_ALLOW_VARIABLE];
afterEach(() => {
  if (saved === undefined) delete process.env[OUTBOUND_ALLOW_VARIABLE];
  else process.env[OUTBOUND_ALLOW_VARIABLE] = saved;
});
const denyAll = (): void => {
  delete process.env[OUTBOUND_ALLOW_VARIABLE];
};

/** A TCP listener that counts connections: proof that a refused destination was never contacted. */
async function countingListener(host = '127.0.0.1'): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const server: Server = createTcpServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

const request = (url: string) => ({ url, label: 'Okta', signal: new AbortController().signal, rateLimitRetries: 0, timeoutMs: 5000 });

describe('outbound guard', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.9.9.9', 'loopback'],
    ['::1', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['100.100.100.200', 'private'],
    ['fd00:ec2::254', 'private'],
    ['169.254.169.254', 'link-local or metadata'],
    ['fe80::1', 'link-local or metadata'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local or metadata'],
    ['64:ff9b::a9fe:a9fe', 'link-local or metadata'],
    ['2002:7f00:1::', 'loopback'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['8.8.8.8', null],
    ['172.32.0.1', null],
    ['2606:4700:4700::1111', null],
  ])('judges %s as %s', (address, category) => {
    expect(forbiddenCategory(address, parseOutboundAllowList(''))).toBe(category);
  });

  it('lets an operator allow-list name private addresses and ranges, and refuses a malformed one', () => {
    const allow = parseOutboundAllowList('127.0.0.1, 10.20.0.0/16,fd00::/8');
    expect(forbiddenCategory('127.0.0.1', allow)).toBeNull();
    expect(forbiddenCategory('127.0.0.2', allow)).toBe('loopback');
    expect(forbiddenCategory('10.20.5.5', allow)).toBeNull();
    expect(forbiddenCategory('10.21.0.1', allow)).toBe('private');
    expect(forbiddenCategory('fd00:ec2::254', allow)).toBeNull();
    expect(() => parseOutboundAllowList('vault.internal')).toThrow(`${OUTBOUND_ALLOW_VARIABLE}: "vault.internal" is not an IP address or CIDR range`);
    expect(() => parseOutboundAllowList('10.0.0.0/33')).toThrow(/invalid prefix length/);
  });

  it('refuses an HTTP source on a loopback address, by literal and by a name resolving to it, without connecting', async () => {
    const listener = await countingListener();
    denyAll();
    try {
      for (const host of ['127.0.0.1', 'localhost']) {
        const error = await fetchJson(request(`http://${host}:${listener.port}/api/v1/users`)).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(SourceRequestError);
        expect((error as SourceRequestError).kind).toBe('unreachable');
        expect((error as Error).message).toMatch(/refused to connect to (127\.0\.0\.1|localhost \((127\.0\.0\.1|::1)\)): a loopback address/);
      }
      expect(listener.connections()).toBe(0);
    } finally {
      await listener.close();
    }
  });

  it('follows no redirect to a refused address, even from an allowed source', async () => {
    const target = await countingListener('127.0.0.1');
    // The allowed source listens on 127.0.0.2 (Linux routes all of 127/8 to loopback); only it is allowed.
    process.env[OUTBOUND_ALLOW_VARIABLE] = '127.0.0.2';
    const sourceOn2 = await startTestServerOn('127.0.0.2', `http://127.0.0.1:${target.port}/latest/meta-data/`);
    try {
      await expect(fetchJson(request(`${sourceOn2.url}/start`))).rejects.toThrow(/refused to connect to 127\.0\.0\.1: a loopback address/);
      expect(sourceOn2.hits()).toBe(1);
      expect(target.connections()).toBe(0);
    } finally {
      await Promise.all([target.close(), sourceOn2.close()]);
    }
  });

  it('never quotes a body that is not the API\'s JSON, and redacts secrets in every encoding', async () => {
    const token = 'SSWS-00abcdefTOKENvalue123';
    const server = await startTestServer((incoming, response, url) => {
      if (url.pathname === '/text') {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(`PostgreSQL banner ${incoming.headers.authorization ?? ''}`);
        return;
      }
      const echoed = Buffer.from(`SSWS ${token}`).toString('base64');
      sendJson(response, 401, { errorSummary: `invalid ${echoed} ${encodeURIComponent(`x ${token}`)}` });
    });
    try {
      const text = await failure(fetchJson({ ...request(`${server.url}/text`), headers: { authorization: `SSWS ${token}` }, secrets: [token] }));
      expect(text.message).not.toMatch(/banner|SSWS/);
      const json = await failure(fetchJson({ ...request(`${server.url}/json`), headers: { authorization: `SSWS ${token}` }, secrets: [token] }));
      expect(json.message).toContain(REDACTED);
      expect(json.message).not.toContain(token);
      expect(json.message).not.toContain(Buffer.from(token).toString('base64').slice(4, 20));
      expect(json.message).not.toContain(encodeURIComponent(token));
    } finally {
      await server.close();
    }
  });

  it('redacts a secret wherever it sits inside base64 or URL-encoded text', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8, maxLength: 40 }), fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), (secret, before, after) => {
        const base64 = Buffer.from(`${before}${secret}${after}`).toString('base64');
        const redacted = redactSecrets(`x ${base64} y`, [secret]);
        expect(redacted).toContain(REDACTED);
        expect(redactSecrets(`q=${encodeURIComponent(secret)}`, [secret])).toBe(`q=${REDACTED}`);
      }),
    );
  });

  it('refuses TLS endpoints, Vault and the AWS SDK agents on loopback too', async () => {
    const listener = await countingListener();
    denyAll();
    try {
      const signal = new AbortController().signal;
      await expect(fetchPresentedChain({ host: '127.0.0.1', port: listener.port, source: 'tls://127.0.0.1' }, { timeoutMs: 2000, signal })).rejects.toThrow(
        /refused to connect to 127\.0\.0\.1: a loopback address/,
      );
      await expect(fetchPresentedChain({ host: 'localhost', port: listener.port, source: 'tls://localhost' }, { timeoutMs: 2000, signal })).rejects.toThrow(
        /refused to connect to localhost/,
      );
      const vault = new VaultHttpClient({ address: `http://127.0.0.1:${listener.port}`, token: 'hvs.x', requestTimeoutMs: 2000, signal });
      await expect(vault.get('secret/data/x')).rejects.toThrow(/cannot reach Vault at http:\/\/127\.0\.0\.1:\d+: refused to connect/);
      const viaAgent = await new Promise<Error>((resolve) => {
        httpGet({ host: '169.254.169.254', port: 80, path: '/latest/meta-data/', agent: new GuardedHttpAgent() }).once('error', resolve);
      });
      expect(viaAgent.message).toMatch(/refused to connect to 169\.254\.169\.254: a link-local or metadata address/);
      const s3 = await cloudTrailS3Connector.test(
        cloudTrailS3ConfigSchema.parse({ bucket: 'trail', endpoint: `http://127.0.0.1:${listener.port}`, forcePathStyle: true, accessKeyId: 'AKID', secretAccessKey: 'x', timeoutMs: 5000 }),
        { signal, now: new Date() },
      );
      expect(s3).toMatchObject({ ok: false });
      expect(s3.message).toMatch(/refused to connect to 127\.0\.0\.1: a loopback address/);
      expect(listener.connections()).toBe(0);
    } finally {
      await listener.close();
    }
  });
});

/** An HTTP server on a given loopback address that redirects every request to `location`. */
async function startTestServerOn(host: string, location: string): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  const { createServer } = await import('node:http');
  let hits = 0;
  const server = createServer((_request, response) => {
    hits += 1;
    response.writeHead(302, { location });
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
