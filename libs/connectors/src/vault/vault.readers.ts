import type { Environment } from '@postureboard/domain';
import type { CollectedRecord } from '../core/observation.js';
import type { VaultHttpClient } from './vault-http.client.js';
import { kvSecretObservation, type KvMetadata } from './vault-kv.mapper.js';
import { transitKeyObservation, type TransitKey } from './vault-transit.mapper.js';

export interface VaultReadContext {
  client: VaultHttpClient;
  now: Date;
  signal: AbortSignal;
  environment?: Environment;
}

interface VaultList {
  data?: { keys?: string[] };
}

interface VaultData<T> {
  data?: T;
}

/**
 * Every secret's metadata under a KV v2 mount, folder by folder (never the values). A mount that cannot
 * be listed fails the run; a folder or secret that cannot be read is one rejection and the walk goes on.
 */
export async function* readKvMount(mount: string, context: VaultReadContext): AsyncGenerator<CollectedRecord> {
  const mountDescription = await readMountDescription(mount, context);
  const root = await context.client.list<VaultList>(`${mount}/metadata/`);
  yield* walkFolder(mount, '', root, mountDescription, context);
}

async function* walkFolder(
  mount: string,
  folder: string,
  listing: VaultList | null,
  mountDescription: string | null,
  context: VaultReadContext,
): AsyncGenerator<CollectedRecord> {
  const keys = [...(listing?.data?.keys ?? [])].sort();
  for (const key of keys) {
    context.signal.throwIfAborted();
    const path = `${folder}${key}`;
    const apiPath = `${mount}/metadata/${encodePath(path)}`;
    const source = context.client.url(apiPath);
    try {
      if (key.endsWith('/')) {
        const sub = await context.client.list<VaultList>(apiPath);
        yield* walkFolder(mount, path, sub, mountDescription, context);
        continue;
      }
      const metadata = (await context.client.get<VaultData<KvMetadata>>(apiPath))?.data;
      if (!metadata) {
        yield { accepted: false, location: { source }, reason: `Vault returned no metadata for ${mount}/${path}` };
        continue;
      }
      const result = kvSecretObservation(metadata, { mount, path, now: context.now, environment: context.environment, mountDescription });
      yield result.ok
        ? { accepted: true, observation: result.observation, location: { source } }
        : { accepted: false, location: { source, field: result.field }, reason: result.reason };
    } catch (error) {
      context.signal.throwIfAborted();
      yield { accepted: false, location: { source }, reason: (error as Error).message };
    }
  }
}

/** Transit keys of a mount: LIST keys, then each key's versions and type. */
export async function* readTransitMount(mount: string, context: VaultReadContext): AsyncGenerator<CollectedRecord> {
  const mountDescription = await readMountDescription(mount, context);
  const listing = await context.client.list<VaultList>(`${mount}/keys`);
  for (const name of [...(listing?.data?.keys ?? [])].sort()) {
    context.signal.throwIfAborted();
    const apiPath = `${mount}/keys/${encodeURIComponent(name)}`;
    const source = context.client.url(apiPath);
    try {
      const key = (await context.client.get<VaultData<TransitKey>>(apiPath))?.data;
      if (!key) {
        yield { accepted: false, location: { source }, reason: `Vault returned no key data for ${mount}/keys/${name}` };
        continue;
      }
      const result = transitKeyObservation(key, { mount, name, environment: context.environment, mountDescription });
      yield result.ok
        ? { accepted: true, observation: result.observation, location: { source } }
        : { accepted: false, location: { source, field: result.field }, reason: result.reason };
    } catch (error) {
      context.signal.throwIfAborted();
      yield { accepted: false, location: { source }, reason: (error as Error).message };
    }
  }
}

/**
 * The mount's description (`sys/mounts/:path`, Vault 1.10+) often names its environment. Reading it
 * needs more privilege than the walk, so a refusal just leaves it out.
 */
async function readMountDescription(mount: string, context: VaultReadContext): Promise<string | null> {
  try {
    const config = await context.client.get<VaultData<{ description?: string }> & { description?: string }>(`sys/mounts/${encodeURIComponent(mount)}`);
    return config?.data?.description ?? config?.description ?? null;
  } catch {
    context.signal.throwIfAborted();
    return null;
  }
}

function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
