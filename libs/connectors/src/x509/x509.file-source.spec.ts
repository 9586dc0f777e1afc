import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CollectContext } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { makeTestChain, type TestChain } from './openssl-test-certificates.js';
import { x509FileSource } from './x509.file-source.js';

const samples = fileURLToPath(new URL('../../../../../shared/samples/jwks-x509/', import.meta.url));
const context: CollectContext = { signal: new AbortController().signal, now: new Date('2025-06-01T00:00:00Z') };

/** The real certificates of the samples, as the PEM a person would save them to. */
function samplePem(): string {
  const entra = JSON.parse(readFileSync(join(samples, 'microsoft_entra_common_discovery_keys_snapshot.json'), 'utf8')) as { keys: { x5c: string[] }[] };
  const rfc = JSON.parse(readFileSync(join(samples, 'rfc7517_B_x5c_example.json'), 'utf8')) as { x5c: string[] };
  return [entra.keys[0].x5c[0], rfc.x5c[0]]
    .map((der) => `-----BEGIN CERTIFICATE-----\n${der.match(/.{1,64}/g)?.join('\n')}\n-----END CERTIFICATE-----\n`)
    .join('');
}

let dir: string;
let chain: TestChain;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'x509-files-'));
  mkdirSync(join(dir, 'generated'));
  chain = makeTestChain(join(dir, 'generated'), 'api.prod.example.test');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(path: string): Promise<CollectedRecord[]> {
  const out: CollectedRecord[] = [];
  for await (const record of x509FileSource.collectFile(path, context)) out.push(record);
  return out;
}

describe('x509 file source', () => {
  it('reads a bundle of real certificates with exact dates, names, serials, fingerprints and key algorithms', async () => {
    const path = join(dir, 'bundle.pem');
    writeFileSync(path, samplePem());
    expect(await collect(path)).toEqual([
      {
        accepted: true,
        location: { source: path, line: 1 },
        observation: {
          kind: 'credential',
          credentialKind: 'CERTIFICATE',
          externalId: 'sha256:7b7926f830ac5ed295f808553d0deeae81bf1925e9454f04a25a2a71b2cd5756',
          name: 'accounts.accesscontrol.windows.net',
          algorithm: 'RSA-2048',
          environment: 'UNKNOWN',
          status: 'ACTIVE',
          createdAt: new Date('2020-12-21T20:50:17Z'),
          lastRotatedAt: new Date('2020-12-21T20:50:17Z'),
          expiresAt: new Date('2025-12-20T20:50:17Z'),
          deactivatedAt: null,
          lastUsedAt: null,
          useObserved: false,
          owner: null,
          ageFromFirstSeen: false,
          attributes: {
            subject: 'CN=accounts.accesscontrol.windows.net',
            issuer: 'CN=accounts.accesscontrol.windows.net',
            serialNumber: '377DD139A209E9B2415830B1B662446E',
            fingerprintSha256: '7B:79:26:F8:30:AC:5E:D2:95:F8:08:55:3D:0D:EE:AE:81:BF:19:25:E9:45:4F:04:A2:5A:2A:71:B2:CD:57:56',
            keyAlgorithm: 'RSA-2048',
            subjectAltName: null,
            isCa: false,
            selfSigned: true,
            chainPosition: 0,
            chainLength: null,
            origin: path,
          },
        },
      },
      {
        accepted: true,
        // BEGIN, 17 lines of base64 and END come before it
        location: { source: path, line: 20 },
        observation: expect.objectContaining({
          externalId: 'sha256:a499b6041a6407ccbbb42aab58cd17dfb58e9904cef33430f95a7156005bdb52',
          name: 'Brian Campbell',
          // Ended in 2018, yet ACTIVE: the interval says which days it was valid, not the clock at ingest.
          status: 'ACTIVE',
          createdAt: new Date('2013-02-21T23:29:15Z'),
          expiresAt: new Date('2018-08-14T22:29:15Z'),
          attributes: expect.objectContaining({
            subject: 'C=US, ST=CO, L=Denver, O=Ping Identity Corp., CN=Brian Campbell',
            serialNumber: '013CFF16E2E2',
            chainPosition: 1,
          }),
        }),
      },
    ]);
  });

  it('skips a private key inside a bundle without its content reaching any record', async () => {
    const path = join(dir, 'with-key.pem');
    writeFileSync(path, chain.leafCert + chain.leafKey + chain.caCert);
    const records = await collect(path);
    expect(records.map((r) => r.accepted && r.observation.kind === 'credential' && [r.observation.name, r.observation.algorithm])).toEqual([
      ['api.prod.example.test', 'RSA-2048'],
      ['Postureboard Fixture Root CA', 'EC-P-256'],
    ]);
    const keyBody = chain.leafKey.split('\n')[1];
    expect(JSON.stringify(records)).not.toContain(keyBody);
    expect(records[0]).toMatchObject({ observation: { credentialKind: 'CERTIFICATE', environment: 'PRODUCTION', attributes: { isCa: false, selfSigned: false, subjectAltName: 'DNS:api.prod.example.test' } } });
    // basicConstraints cA=TRUE: judged under the CA policy, not the 398-day leaf one
    expect(records[1]).toMatchObject({ observation: { credentialKind: 'CA_CERTIFICATE', attributes: { isCa: true, selfSigned: true } } });
  });

  it('rejects a truncated certificate and a corrupt one by line, keeping the good one', async () => {
    const path = join(dir, 'broken.pem');
    const corrupt = chain.caCert.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA');
    const truncated = chain.leafCert.slice(0, chain.leafCert.length / 2);
    writeFileSync(path, chain.leafCert + corrupt + truncated);
    const records = await collect(path);
    const leafLines = chain.leafCert.trimEnd().split('\n').length;
    const caLines = chain.caCert.trimEnd().split('\n').length;
    const lastLine = leafLines + caLines + truncated.trimEnd().split('\n').length;
    expect(records.map((r) => (r.accepted ? ['ok', r.location.line] : [r.location.line, r.reason]))).toEqual([
      ['ok', 1],
      [leafLines + 1, expect.stringMatching(/^not a valid X\.509 certificate: /)],
      [leafLines + caLines + 1, `BEGIN CERTIFICATE on line ${leafLines + caLines + 1} has no END line by line ${lastLine} (truncated file?)`],
    ]);
  });

  it('rejects a file holding no certificate', async () => {
    const path = join(dir, 'key-only.pem');
    writeFileSync(path, chain.leafKey);
    expect(await collect(path)).toEqual([{ accepted: false, location: { source: path, line: 1 }, reason: 'no PEM certificate (-----BEGIN CERTIFICATE-----) in the file' }]);
  });

  it('walks a directory in name order, reading PEM and DER certificate files and leaving key files alone', async () => {
    const root = join(dir, 'tree');
    mkdirSync(join(root, 'prod', 'edge'), { recursive: true });
    writeFileSync(join(root, 'prod', 'edge', 'leaf.crt'), chain.leafCert);
    writeFileSync(join(root, 'prod', 'edge', 'leaf.key'), chain.leafKey);
    writeFileSync(join(root, 'a-root.der'), new X509Certificate(chain.caCert).raw);
    writeFileSync(join(root, 'notes.txt'), 'not a certificate');
    const records = await collect(root);
    expect(records.map((r) => [r.location.source.slice(root.length), r.accepted && r.observation.kind === 'credential' && r.observation.environment])).toEqual([
      ['/a-root.der', 'UNKNOWN'],
      ['/prod/edge/leaf.crt', 'PRODUCTION'],
    ]);
  });

  it('throws a clear error for a path that does not exist', async () => {
    await expect(collect(join(dir, 'absent.pem'))).rejects.toThrow(/^Cannot read .*absent\.pem: ENOENT$/);
  });
});
