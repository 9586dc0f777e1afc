import type { CredentialKind, CriticalityTier, Environment } from '../model/enums.js';

/**
 * How much a credential matters if it leaks. TIER_1: production signing, encryption, KMS and CA keys (one key
 * opens everything it signs, encrypts or certifies). TIER_2: any other production credential, and signing/KMS keys in
 * staging. TIER_3: the rest. UNKNOWN environments count as production.
 */
export const credentialTier = (kind: CredentialKind, environment: Environment): CriticalityTier => {
  const rootOfTrust = kind === 'SIGNING_KEY' || kind === 'KMS_KEY' || kind === 'ENCRYPTION_KEY' || kind === 'CA_CERTIFICATE';
  const production = environment === 'PRODUCTION' || environment === 'UNKNOWN';
  if (production) return rootOfTrust ? 'TIER_1' : 'TIER_2';
  if (environment === 'STAGING' && rootOfTrust) return 'TIER_2';
  return 'TIER_3';
};

const KIND_WEIGHT: Record<CredentialKind, number> = {
  SIGNING_KEY: 10,
  // A CA key vouches for every certificate under it, like a token-signing key for its tokens.
  CA_CERTIFICATE: 10,
  KMS_KEY: 8,
  ENCRYPTION_KEY: 8,
  CERTIFICATE: 4,
  ACCESS_KEY: 3,
  API_TOKEN: 3,
  SSH_KEY: 3,
  SECRET: 2,
};

const ENVIRONMENT_WEIGHT: Record<Environment, number> = {
  PRODUCTION: 3,
  UNKNOWN: 3,
  STAGING: 1,
  DEVELOPMENT: 0.5,
  TEST: 0.5,
};

/** Scoring weight: kind × environment. A production signing key (10 × 3 = 30) weighs 20× a test access key (3 × 0.5 = 1.5). */
export const credentialCriticalityWeight = (kind: CredentialKind, environment: Environment): number =>
  KIND_WEIGHT[kind] * ENVIRONMENT_WEIGHT[environment];
