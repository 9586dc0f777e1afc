import type { KeyMetadata } from '@aws-sdk/client-kms';
import type { CredentialStatus, Environment } from '@postureboard/domain';
import type { CredentialObservation } from '../core/observation.js';
import { environmentFromNames } from '../core/util/environment-from-name.util.js';

/** What the calls beside DescribeKey found; `null` where the call does not apply or was refused. */
export interface KmsKeyFacts {
  aliases: readonly string[];
  tags: Readonly<Record<string, string>>;
  rotationEnabled: boolean | null;
  rotationPeriodInDays: number | null;
  nextRotationDate: Date | null;
  /** The latest completed rotation (ListKeyRotations), null when the key was never rotated or it is unknown. */
  lastRotatedAt: Date | null;
  /** Why rotation facts are missing, e.g. `AccessDeniedException`. */
  rotationLookupError: string | null;
}

export interface KmsKeyContext {
  now: Date;
  environment?: Environment;
}

const ENVIRONMENT_TAGS = ['environment', 'env', 'stage'];
const OWNER_TAGS = ['owner', 'team', 'owner-team', 'owner_team'];

/**
 * Only symmetric encryption keys with key material made by KMS rotate automatically. Asymmetric, HMAC
 * and imported keys never do: their age runs from creation (or import) until someone replaces them.
 */
export function supportsAutomaticRotation(metadata: KeyMetadata): boolean {
  return metadata.KeySpec === 'SYMMETRIC_DEFAULT' && metadata.Origin === 'AWS_KMS';
}

export function kmsKeyObservation(metadata: KeyMetadata, facts: KmsKeyFacts, context: KmsKeyContext): CredentialObservation {
  const keyId = metadata.KeyId ?? '';
  const aliases = [...facts.aliases].sort();
  const tag = (names: readonly string[]): string | null => {
    const entry = Object.entries(facts.tags).find(([key]) => names.includes(key.toLowerCase()));
    return entry ? entry[1] : null;
  };
  const expiresAt = metadata.ExpirationModel === 'KEY_MATERIAL_EXPIRES' ? (metadata.ValidTo ?? null) : null;
  const status = kmsKeyStatus(metadata);
  return {
    kind: 'credential',
    credentialKind: 'KMS_KEY',
    externalId: metadata.Arn ?? keyId,
    name: aliases[0] ?? keyId,
    algorithm: metadata.KeySpec ?? null,
    environment: context.environment ?? environmentFromNames(tag(ENVIRONMENT_TAGS), ...aliases, metadata.Description),
    status,
    createdAt: metadata.CreationDate ?? null,
    lastRotatedAt: facts.lastRotatedAt,
    expiresAt,
    // Expired imported material puts the key in PendingImport: it stopped being usable at ValidTo.
    deactivatedAt: status !== 'ACTIVE' && metadata.KeyState === 'PendingImport' ? expiresAt : null,
    // KMS does not say when a key was last used (that is in CloudTrail data events): use is not observed here.
    lastUsedAt: null,
    useObserved: false,
    owner: tag(OWNER_TAGS),
    ageFromFirstSeen: !metadata.CreationDate,
    attributes: {
      keyId,
      accountId: metadata.AWSAccountId ?? null,
      aliases: aliases.join(', ') || null,
      description: metadata.Description || null,
      keyManager: metadata.KeyManager ?? null,
      keySpec: metadata.KeySpec ?? null,
      keyUsage: metadata.KeyUsage ?? null,
      origin: metadata.Origin ?? null,
      keyState: metadata.KeyState ?? null,
      multiRegion: metadata.MultiRegion ?? null,
      automaticRotationSupported: supportsAutomaticRotation(metadata),
      rotationEnabled: facts.rotationEnabled,
      rotationPeriodInDays: facts.rotationPeriodInDays,
      nextRotationDate: facts.nextRotationDate?.toISOString() ?? null,
      rotationLookupError: facts.rotationLookupError,
      expirationModel: metadata.ExpirationModel ?? null,
      deletionDate: metadata.DeletionDate?.toISOString() ?? null,
      customKeyStoreId: metadata.CustomKeyStoreId ?? null,
    },
  };
}

/**
 * KeyState as our status: scheduled deletion is a revocation in progress; no usable material is inactive.
 * Expiry of imported material is not a status: it is the end of the key's validity (expiresAt = ValidTo).
 */
export function kmsKeyStatus(metadata: KeyMetadata): Exclude<CredentialStatus, 'EXPIRED'> {
  switch (metadata.KeyState) {
    case 'Enabled':
    case 'Updating':
      return 'ACTIVE';
    case 'PendingDeletion':
    case 'PendingReplicaDeletion':
      return 'REVOKED';
    case 'Disabled':
    case 'PendingImport':
    case 'Unavailable':
    case 'Creating':
      return 'INACTIVE';
    default:
      return metadata.Enabled ? 'ACTIVE' : 'INACTIVE';
  }
}
