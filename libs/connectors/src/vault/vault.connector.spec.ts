import { createServer, type AddressInfo } from 'node:net';
import type { CollectContext } from '../core/connector.js';
import type { CollectedRecord, CredentialObservation } from '../core/observation.js';
import { startFakeVault, vaultResponse, type FakeVault, type FakeVaultRoute } from './fake-vault.server.js';
import { vaultConfigSchema, vaultConnector, type VaultConfig } from './vault.connector.js';

const TOKEN = 'hvs.test-token-never-printed';
const context: CollectContext = { signal: new AbortController().signal, now: new Date('2025-06-01T00:00:00Z') };
const version = (created: string, deletion = '', destroyed = false) => ({ created_time: created, deletion_time: deletion, destroyed });

/** A Vault with KV v2 at `secret/` and transit at `transit/`, answering with the shapes of Vault's API docs. */
function routes(): Record<string, FakeVaultRoute> {
  return {
    'GET /v1/sys/mounts/secret': vaultResponse({ type: 'kv', description: 'production secrets', options: { version: '2' } }, 'system'),
    'LIST /v1/secret/metadata/': vaultResponse({ keys: ['app/', 'payments-api-key', 'broken'] }),
    'LIST /v1/secret/metadata/app/': vaultResponse({ keys: ['dev/', 'db-password'] }),
    'LIST /v1/secret/metadata/app/dev/': vaultResponse({ keys: ['old token'] }),
    'GET /v1/secret/metadata/payments-api-key': vaultResponse({
      cas_required: false, created_time: '2018-03-22T02:24:06.945319214Z', current_version: 3, custom_metadata: { owner: 'payments-team', ticket: 'SEC-1' },
      delete_version_after: '0s', max_versions: 0, oldest_version: 0, updated_time: '2024-11-02T09:00:00.5Z',
      versions: { 1: version('2018-03-22T02:24:06.945319214Z'), 2: version('2021-01-05T00:00:00Z'), 3: version('2024-11-02T09:00:00.5Z') },
    }),
    'GET /v1/secret/metadata/app/db-password': vaultResponse({
      cas_required: true, created_time: '2023-05-01T00:00:00Z', current_version: 1, custom_metadata: null, delete_version_after: '8760h',
      max_versions: 5, oldest_version: 0, updated_time: '2023-05-01T00:00:00Z', versions: { 1: version('2023-05-01T00:00:00Z', '2025-09-01T00:00:00Z') },
    }),
    'GET /v1/secret/metadata/app/dev/old token': vaultResponse({
      cas_required: false, created_time: '2020-01-01T00:00:00Z', current_version: 2, custom_metadata: {}, delete_version_after: '0s', max_versions: 0,
      oldest_version: 0, updated_time: '2020-02-01T00:00:00Z', versions: { 1: version('2020-01-01T00:00:00Z', '', true), 2: version('2020-02-01T00:00:00Z', '2020-03-01T00:00:00Z') },
    }),
    'GET /v1/secret/metadata/broken': { status: 500, body: { errors: ['1 error occurred:\n\t* internal error\n\n'] } },
    // The value is there to prove it is never asked for.
    'GET /v1/secret/data/payments-api-key': vaultResponse({ data: { key: 's3cr3t-value' }, metadata: {} }),
    'LIST /v1/transit/keys': vaultResponse({ keys: ['payments-dek', 'jwt-signing', 'legacy-rsa'] }, 'transit'),
    'GET /v1/transit/keys/payments-dek': vaultResponse({
      type: 'aes256-gcm96', deletion_allowed: false, derived: false, exportable: false, allow_plaintext_backup: false,
      keys: { 1: 1442851412, 2: 1600000000, 3: 1700000000 }, min_decryption_version: 1, min_encryption_version: 0, name: 'payments-dek',
      supports_encryption: true, supports_decryption: true, supports_derivation: true, supports_signing: false, imported: false,
      auto_rotate_period: 2592000, latest_version: 3,
    }, 'transit'),
    'GET /v1/transit/keys/jwt-signing': vaultResponse({
      type: 'ed25519', deletion_allowed: false, derived: false, exportable: false, allow_plaintext_backup: false,
      keys: { 1: { creation_time: '2015-06-24T12:00:00.123456789Z', name: 'ed25519', public_key: 'Dp2R7Vq7JqKXZ6kA0O0w5y3V2Ww8m3S0bQv1S1k7c9E=' } },
      min_decryption_version: 1, min_encryption_version: 0, name: 'jwt-signing', supports_encryption: false, supports_decryption: false,
      supports_derivation: true, supports_signing: true, imported: false, auto_rotate_period: 0, latest_version: 1,
    }, 'transit'),
    'GET /v1/transit/keys/legacy-rsa': 'hang',
  };
}

let vault: FakeVault;
beforeEach(async () => {
  vault = await startFakeVault(TOKEN, routes());
});
afterEach(() => vault.close());

const config = (overrides: Partial<VaultConfig> = {}): VaultConfig =>
  vaultConfigSchema.parse({ address: vault.address, token: TOKEN, requestTimeoutMs: 300, ...overrides });

async function collect(cfg: VaultConfig): Promise<CollectedRecord[]> {
  const out: CollectedRecord[] = [];
  for await (const record of vaultConnector.collect(cfg, context)) out.push(record);
  return out;
}

const observations = (records: CollectedRecord[]): Record<string, CredentialObservation> =>
  Object.fromEntries(records.flatMap((r) => (r.accepted && r.observation.kind === 'credential' ? [[r.observation.externalId, r.observation]] : [])));

describe('vault connector', () => {
  it('walks KV v2 metadata recursively and reads transit keys, without ever reading a secret value', async () => {
    const records = await collect(config());
    expect(records.map((r) => (r.accepted ? r.location.source.slice(vault.address.length) : `rejected ${r.location.source.slice(vault.address.length)}`))).toEqual([
      '/v1/secret/metadata/app/db-password',
      '/v1/secret/metadata/app/dev/old%20token',
      'rejected /v1/secret/metadata/broken',
      '/v1/secret/metadata/payments-api-key',
      '/v1/transit/keys/jwt-signing',
      'rejected /v1/transit/keys/legacy-rsa',
      '/v1/transit/keys/payments-dek',
    ]);
    const byId = observations(records);
    expect(byId['secret/payments-api-key']).toEqual({
      kind: 'credential',
      credentialKind: 'SECRET',
      externalId: 'secret/payments-api-key',
      name: 'secret/payments-api-key',
      algorithm: null,
      // from the mount's description: nothing in the path or custom metadata says otherwise
      environment: 'PRODUCTION',
      status: 'ACTIVE',
      createdAt: new Date('2018-03-22T02:24:06.945Z'),
      lastRotatedAt: new Date('2024-11-02T09:00:00.500Z'),
      expiresAt: null,
      deactivatedAt: null,
      lastUsedAt: null,
      useObserved: false,
      owner: 'payments-team',
      ageFromFirstSeen: false,
      attributes: {
        mount: 'secret', path: 'payments-api-key', currentVersion: 3, oldestVersion: 0, versionCount: 3, maxVersions: 0, casRequired: false,
        deleteVersionAfter: '0s', updatedAt: '2024-11-02T09:00:00.500Z', customMetadataKeys: 'owner, ticket',
      },
    });
    // one version, due for deletion in September: never rotated, expires then
    expect(byId['secret/app/db-password']).toMatchObject({ status: 'ACTIVE', lastRotatedAt: null, expiresAt: new Date('2025-09-01T00:00:00Z'), environment: 'PRODUCTION' });
    // current version soft-deleted on 2020-03-01: valid until then (so February 2020 still sees it), not a status read
    // from the clock; "dev" in the path wins over the mount
    expect(byId['secret/app/dev/old token']).toMatchObject({
      status: 'ACTIVE', expiresAt: new Date('2020-03-01T00:00:00Z'), environment: 'DEVELOPMENT', lastRotatedAt: new Date('2020-02-01T00:00:00Z'),
    });
    expect(byId['transit/keys/payments-dek']).toMatchObject({
      credentialKind: 'KMS_KEY', algorithm: 'aes256-gcm96', environment: 'UNKNOWN',
      createdAt: new Date(1442851412 * 1000), lastRotatedAt: new Date(1700000000 * 1000),
      attributes: { latestVersion: 3, versionCount: 3, autoRotatePeriodSeconds: 2592000, rotationEnabled: true },
    });
    expect(byId['transit/keys/jwt-signing']).toMatchObject({
      credentialKind: 'SIGNING_KEY', algorithm: 'ed25519', createdAt: new Date('2015-06-24T12:00:00.123Z'), lastRotatedAt: null,
      attributes: { latestVersion: 1, rotationEnabled: false, supportsSigning: true },
    });
    expect(records.find((r) => !r.accepted && r.location.source.endsWith('/broken'))).toMatchObject({
      reason: 'Vault answered HTTP 500 to GET /v1/secret/metadata/broken: 1 error occurred:\n\t* internal error\n\n; the server failed, try again later',
    });
    expect(records.find((r) => !r.accepted && r.location.source.endsWith('/legacy-rsa'))).toMatchObject({
      reason: 'Vault did not answer GET /v1/transit/keys/legacy-rsa within 300 ms (timeout)',
    });
    expect(vault.requests.some((request) => request.includes('/data/'))).toBe(false);
    const text = JSON.stringify(records);
    expect(text).not.toContain('s3cr3t-value');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('Dp2R7Vq7');
  });

  it('uses the configured environment over names, and lists with ?list=true', async () => {
    const records = await collect(config({ environment: 'STAGING', transitMounts: [] }));
    expect(new Set(Object.values(observations(records)).map((o) => o.environment))).toEqual(new Set(['STAGING']));
    expect(vault.requests).toContain('GET /v1/secret/metadata/app/?list=true');
  });

  it('fails the run with a clear message, without the token, when the token is refused', async () => {
    const attempt = collect(config({ token: 'hvs.wrong-token' }));
    await expect(attempt).rejects.toThrow('Vault denied LIST /v1/secret/metadata/ (403: permission denied); check that the token is valid and its policy grants read/list there');
    await expect(attempt).rejects.not.toThrow(/hvs\./);
  });

  it('tests the token with lookup-self and explains 403, 500 and an unreachable address', async () => {
    const routesWithSelf = { ...routes(), 'GET /v1/auth/token/lookup-self': vaultResponse({ display_name: 'token-postureboard', policies: ['default', 'postureboard-read'] }, 'token') };
    await vault.close();
    vault = await startFakeVault(TOKEN, routesWithSelf);
    expect(await vaultConnector.test(config(), context)).toEqual({
      ok: true,
      message: `Vault at ${vault.address} accepted the token (token-postureboard; policies default, postureboard-read)`,
    });
    expect(await vaultConnector.test(config({ token: 'hvs.wrong' }), context)).toEqual({
      ok: false,
      message: 'Vault denied GET /v1/auth/token/lookup-self (403: permission denied); check that the token is valid and its policy grants read/list there',
    });
    await vault.close();
    vault = await startFakeVault(TOKEN, { 'GET /v1/auth/token/lookup-self': { status: 500, body: { errors: ['internal error'] } } });
    expect((await vaultConnector.test(config(), context)).message).toBe('Vault answered HTTP 500 to GET /v1/auth/token/lookup-self: internal error; the server failed, try again later');

    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    expect(await vaultConnector.test(config({ address: `http://127.0.0.1:${closedPort}` }), context)).toEqual({
      ok: false,
      message: `cannot reach Vault at http://127.0.0.1:${closedPort} (ECONNREFUSED)`,
    });
  });

  it('fails the run when a mount cannot be listed because Vault is failing', async () => {
    await vault.close();
    vault = await startFakeVault(TOKEN, { 'LIST /v1/secret/metadata/': { status: 503, body: { errors: ['Vault is sealed'] } } });
    await expect(collect(config())).rejects.toThrow('Vault is sealed or unavailable (503) for LIST /v1/secret/metadata/: Vault is sealed');
  });
});
