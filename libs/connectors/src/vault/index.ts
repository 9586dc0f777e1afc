export { VaultError, VaultHttpClient, type VaultClientOptions } from './vault-http.client.js';
export { kvSecretObservation, type KvMetadata, type KvSecretContext, type KvSecretResult } from './vault-kv.mapper.js';
export { transitKeyKind, transitKeyObservation, type TransitKey, type TransitKeyContext, type TransitKeyResult } from './vault-transit.mapper.js';
export { readKvMount, readTransitMount, type VaultReadContext } from './vault.readers.js';
export { vaultConfigSchema, vaultConnector, type VaultConfig } from './vault.connector.js';
