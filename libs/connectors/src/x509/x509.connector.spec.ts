import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import type { CollectContext } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { makeTestChain, type TestChain } from './openssl-test-certificates.js';
import { parseTlsEndpoint } from './tls-endpoint.js';
import { x509EndpointsConfigSchema, x509EndpointsConnector } from './x509.connector.js';

let context: CollectContext;
let dir: string;
let chain: TestChain;
let tlsServer: TlsServer;
let silentServer: NetServer;
let httpServer: HttpServer;
let tlsPort: number;
let silentPort: number;
let httpPort: number;
let closedPort: number;

const openSockets = new Set<{ destroy(): void }>();

async function listen(server: NetServer): Promise<number> {
  server.on('connection', (socket) => {
    openSockets.add(socket);
    socket.on('close', () => openSockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'x509-tls-'));
  chain = makeTestChain(dir, 'payments.prod.example.test');
  // A day into the leaf's validity: `now` is the run's asOf, not the clock.
  context = { signal: new AbortController().signal, now: new Date(Date.parse(new X509Certificate(chain.leafCert).validFrom) + 86_400_000) };
  // The server presents leaf and root, as servers configured with a full chain file do.
  tlsServer = createTlsServer({ key: chain.leafKey, cert: chain.leafCert + chain.caCert }, (socket) => socket.end());
  tlsPort = await listen(tlsServer);
  silentServer = createNetServer(() => undefined);
  silentPort = await listen(silentServer);
  httpServer = createHttpServer((_, response) => response.end('plain http'));
  httpPort = await listen(httpServer);
  const probe = createNetServer();
  closedPort = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
});

afterAll(async () => {
  for (const socket of openSockets) socket.destroy();
  for (const server of [tlsServer, silentServer, httpServer] as NetServer[]) {
    await new Promise((resolve) => server.close(resolve));
  }
  rmSync(dir, { recursive: true, force: true });
});

async function collect(endpoints: string[], timeoutMs = 2_000): Promise<CollectedRecord[]> {
  const out: CollectedRecord[] = [];
  for await (const record of x509EndpointsConnector.collect(x509EndpointsConfigSchema.parse({ endpoints, timeoutMs }), context)) out.push(record);
  return out;
}

describe('x509 endpoints connector', () => {
  it('reads the chain a TLS server presents, leaf first, with positions and the unverified root noted', async () => {
    const records = await collect([`127.0.0.1:${tlsPort}`]);
    const leaf = new X509Certificate(chain.leafCert);
    const root = new X509Certificate(chain.caCert);
    const source = `tls://127.0.0.1:${tlsPort}`;
    expect(records).toEqual([
      {
        accepted: true,
        location: { source, record: 0 },
        observation: expect.objectContaining({
          credentialKind: 'CERTIFICATE',
          externalId: `sha256:${leaf.fingerprint256.replaceAll(':', '').toLowerCase()}`,
          name: 'payments.prod.example.test',
          algorithm: 'RSA-2048',
          environment: 'PRODUCTION',
          status: 'ACTIVE',
          createdAt: new Date(leaf.validFrom),
          expiresAt: new Date(leaf.validTo),
          attributes: expect.objectContaining({
            issuer: 'O=Postureboard Fixtures, CN=Postureboard Fixture Root CA',
            serialNumber: leaf.serialNumber,
            chainPosition: 0,
            chainLength: 2,
            endpoint: source,
            chainVerified: false,
            chainVerifyError: 'SELF_SIGNED_CERT_IN_CHAIN',
          }),
        }),
      },
      {
        accepted: true,
        location: { source, record: 1 },
        observation: expect.objectContaining({
          externalId: `sha256:${root.fingerprint256.replaceAll(':', '').toLowerCase()}`,
          credentialKind: 'CA_CERTIFICATE',
          algorithm: 'EC-P-256',
          attributes: expect.objectContaining({ chainPosition: 1, chainLength: 2, isCa: true, selfSigned: true }),
        }),
      },
    ]);
    // 30 days of validity, as issued
    expect((new Date(leaf.validTo).getTime() - new Date(leaf.validFrom).getTime()) / 86_400_000).toBe(30);
  });

  it('turns unreachable, silent and non-TLS endpoints into rejections and still reads the good one', async () => {
    const records = await collect([`127.0.0.1:${closedPort}`, `127.0.0.1:${silentPort}`, `127.0.0.1:${httpPort}`, `127.0.0.1:${tlsPort}`], 300);
    expect(records.map((r) => (r.accepted ? ['ok', r.location.source] : [r.location.source, r.reason]))).toEqual([
      [`tls://127.0.0.1:${closedPort}`, `tls://127.0.0.1:${closedPort}: connection refused (nothing listens on that port)`],
      [`tls://127.0.0.1:${silentPort}`, `tls://127.0.0.1:${silentPort}: no TLS handshake within 300 ms (timeout)`],
      [`tls://127.0.0.1:${httpPort}`, expect.stringMatching(new RegExp(`^tls://127\\.0\\.0\\.1:${httpPort}: TLS handshake failed \\(.+\\): is this a TLS port\\?$`))],
      ['ok', `tls://127.0.0.1:${tlsPort}`],
      ['ok', `tls://127.0.0.1:${tlsPort}`],
    ]);
  });

  it('tests every endpoint and says which failed', async () => {
    const config = x509EndpointsConfigSchema.parse({ endpoints: [`127.0.0.1:${tlsPort}`, `127.0.0.1:${closedPort}`], timeoutMs: 1_000 });
    expect(await x509EndpointsConnector.test(config, context)).toEqual({
      ok: false,
      message: `tls://127.0.0.1:${tlsPort}: 2 certificates; tls://127.0.0.1:${closedPort}: connection refused (nothing listens on that port)`,
    });
  });

  it('accepts host:port, a bare host and bracketed IPv6, and refuses anything else in the configuration', () => {
    expect(parseTlsEndpoint('example.com')).toEqual({ host: 'example.com', port: 443, source: 'tls://example.com:443' });
    expect(parseTlsEndpoint('[::1]:8443')).toEqual({ host: '::1', port: 8443, source: 'tls://[::1]:8443' });
    expect(parseTlsEndpoint('example.com:99999')).toBeNull();
    expect(x509EndpointsConfigSchema.safeParse({ endpoints: ['https://example.com/path'] }).success).toBe(false);
  });
});
