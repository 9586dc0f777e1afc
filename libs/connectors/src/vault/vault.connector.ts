import { ENVIRONMENTS } from '@postureboard/domain';
import { z } from 'zod';
import type { CollectContext, ConnectionTestResult, Connector } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { VaultHttpClient } from './vault-http.client.js';
import { readKvMount, readTransitMount, type VaultReadContext } from './vault.readers.js';

const mountName = z
  .string()
  .min(1)
  .transform((mount) => mount.replace(/^\/+|\/+$/g, ''));

export const vaultConfigSchema = z.object({
  /** e.g. `https://vault.example.com:8200` */
  address: z.url(),
  token: z.string().min(1),
  /** Vault Enterprise namespace (`X-Vault-Namespace`). */
  namespace: z.string().min(1).optional(),
  caCertificate: z.string().min(1).optional(),
  kvMounts: z.array(mountName).default(['secret']),
  transitMounts: z.array(mountName).default(['transit']),
  requestTimeoutMs: z.number().int().positive().default(10_000),
  /** When unset, read from custom metadata, paths, key names and mount descriptions. */
  environment: z.enum(ENVIRONMENTS).optional(),
});

export type VaultConfig = z.output<typeof vaultConfigSchema>;

/**
 * HashiCorp Vault: KV v2 secret metadata (SECRET) and transit keys (KMS_KEY or SIGNING_KEY). Reads
 * metadata only; the token needs `list` and `read` on `<kv>/metadata/*` and `<transit>/keys/*`.
 */
export const vaultConnector: Connector<VaultConfig> = {
  type: 'vault',
  displayName: 'HashiCorp Vault',
  configSchema: vaultConfigSchema,
  secretFields: ['token'],

  async test(config: VaultConfig, context: CollectContext): Promise<ConnectionTestResult> {
    try {
      const self = await client(config, context).get<{ data?: { display_name?: string; policies?: string[] } }>('auth/token/lookup-self');
      const policies = self?.data?.policies?.join(', ');
      return { ok: true, message: `Vault at ${config.address} accepted the token (${self?.data?.display_name ?? 'token'}${policies ? `; policies ${policies}` : ''})` };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  },

  collect(config: VaultConfig, context: CollectContext): AsyncIterable<CollectedRecord> {
    return collectVault(config, context);
  },
};

async function* collectVault(config: VaultConfig, context: CollectContext): AsyncGenerator<CollectedRecord> {
  const read: VaultReadContext = { client: client(config, context), now: context.now, signal: context.signal, environment: config.environment };
  for (const mount of config.kvMounts) yield* readKvMount(mount, read);
  for (const mount of config.transitMounts) yield* readTransitMount(mount, read);
}

function client(config: VaultConfig, context: CollectContext): VaultHttpClient {
  return new VaultHttpClient({
    address: config.address,
    token: config.token,
    namespace: config.namespace,
    caCertificate: config.caCertificate,
    requestTimeoutMs: config.requestTimeoutMs,
    signal: context.signal,
  });
}
