import type { CredentialKind, Environment } from '@postureboard/domain';
import type { CredentialObservation } from '../core/observation.js';
import { environmentFromNames } from '../core/util/environment-from-name.util.js';
import { parseIsoDate } from '../core/util/iso-date.util.js';

/** `GET <mount>/keys/:name` → `data`. Symmetric versions are Unix seconds; asymmetric ones objects. */
export interface TransitKey {
  name?: string;
  type?: string;
  latest_version?: number;
  min_decryption_version?: number;
  min_encryption_version?: number;
  auto_rotate_period?: number | string;
  deletion_allowed?: boolean;
  exportable?: boolean;
  imported?: boolean;
  supports_signing?: boolean;
  supports_encryption?: boolean;
  keys?: Record<string, number | { creation_time?: string }>;
}

export interface TransitKeyContext {
  mount: string;
  name: string;
  environment?: Environment;
  mountDescription?: string | null;
}

export type TransitKeyResult = { ok: true; observation: CredentialObservation } | { ok: false; field: string; reason: string };

/** Key types made for signatures; RSA is counted here because transit RSA keys sign tokens far more often than they encrypt. */
const SIGNING_TYPES = /^(ed25519|ecdsa-p\d+|rsa-\d+|ml-dsa.*|slh-dsa.*)$/;

export function transitKeyKind(type: string | undefined): CredentialKind {
  return type && SIGNING_TYPES.test(type) ? 'SIGNING_KEY' : 'KMS_KEY';
}

/** A transit key: created with its first retained version, rotated when its latest version was made. */
export function transitKeyObservation(key: TransitKey, context: TransitKeyContext): TransitKeyResult {
  const versions = new Map<number, Date>();
  for (const [version, value] of Object.entries(key.keys ?? {})) {
    const time = typeof value === 'number' ? new Date(value * 1000) : parseIsoDate(value?.creation_time ?? '');
    if (!time || Number.isNaN(time.getTime())) {
      return { ok: false, field: `keys.${version}`, reason: `version ${version} has no readable creation time` };
    }
    versions.set(Number(version), time);
  }
  const ordered = [...versions.entries()].sort(([a], [b]) => a - b);
  const latestVersion = key.latest_version ?? (ordered.at(-1)?.[0] ?? 0);
  const createdAt = ordered[0]?.[1] ?? null;
  const autoRotateSeconds = rotatePeriodSeconds(key.auto_rotate_period);
  const id = `${context.mount}/keys/${context.name}`;
  return {
    ok: true,
    observation: {
      kind: 'credential',
      credentialKind: transitKeyKind(key.type),
      externalId: id,
      name: context.name,
      algorithm: key.type ?? null,
      environment: context.environment ?? environmentFromNames(context.name, context.mount, context.mountDescription),
      // Transit keys have no disabled state: a key that exists can be used.
      status: 'ACTIVE',
      createdAt,
      lastRotatedAt: latestVersion > 1 ? (versions.get(latestVersion) ?? null) : null,
      expiresAt: null,
      deactivatedAt: null,
      // Vault does not report when a transit key was last used (only its audit device would).
      lastUsedAt: null,
      useObserved: false,
      owner: null,
      ageFromFirstSeen: createdAt === null,
      attributes: {
        mount: context.mount,
        type: key.type ?? null,
        latestVersion,
        versionCount: versions.size,
        minDecryptionVersion: key.min_decryption_version ?? null,
        minEncryptionVersion: key.min_encryption_version ?? null,
        autoRotatePeriodSeconds: autoRotateSeconds,
        rotationEnabled: autoRotateSeconds !== null && autoRotateSeconds > 0,
        exportable: key.exportable ?? null,
        deletionAllowed: key.deletion_allowed ?? null,
        imported: key.imported ?? null,
        supportsSigning: key.supports_signing ?? null,
        supportsEncryption: key.supports_encryption ?? null,
      },
    },
  };
}

/** Vault returns seconds as a number, or a duration string such as `720h` on some versions. */
function rotatePeriodSeconds(value: number | string | undefined): number | null {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value === '') return null;
  const units: Record<string, number> = { h: 3600, m: 60, s: 1 };
  let total = 0;
  for (const [, amount, unit] of value.matchAll(/(\d+(?:\.\d+)?)([hms])/g)) total += Number(amount) * units[unit];
  return /^\d+$/.test(value) ? Number(value) : total;
}
