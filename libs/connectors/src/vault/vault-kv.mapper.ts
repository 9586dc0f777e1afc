import type { CredentialStatus, Environment } from '@postureboard/domain';
import type { CredentialObservation } from '../core/observation.js';
import { environmentFromNames } from '../core/util/environment-from-name.util.js';
import { parseIsoDate } from '../core/util/iso-date.util.js';

/** `GET <mount>/metadata/<path>` → `data`: metadata only, never the secret's value. */
export interface KvMetadata {
  created_time?: string;
  updated_time?: string;
  current_version?: number;
  oldest_version?: number;
  max_versions?: number;
  cas_required?: boolean;
  delete_version_after?: string;
  custom_metadata?: Record<string, string> | null;
  versions?: Record<string, { created_time?: string; deletion_time?: string; destroyed?: boolean }>;
}

export interface KvSecretContext {
  mount: string;
  path: string;
  now: Date;
  environment?: Environment;
  mountDescription?: string | null;
}

export type KvSecretResult = { ok: true; observation: CredentialObservation } | { ok: false; field: string; reason: string };

/**
 * One KV v2 secret: created when its first version was, rotated when its current version was written
 * (nothing before version 2), expiring when Vault is set to delete the current version.
 */
export function kvSecretObservation(metadata: KvMetadata, context: KvSecretContext): KvSecretResult {
  const createdAt = optionalTime(metadata.created_time);
  if (createdAt === undefined) return { ok: false, field: 'created_time', reason: `created_time is not an RFC 3339 time: "${metadata.created_time}"` };
  const currentVersion = metadata.current_version ?? 0;
  const current = metadata.versions?.[String(currentVersion)];
  const writtenAt = optionalTime(current?.created_time);
  if (writtenAt === undefined) return { ok: false, field: `versions.${currentVersion}.created_time`, reason: `version ${currentVersion} created_time is not an RFC 3339 time: "${current?.created_time}"` };
  const deletionTime = optionalTime(current?.deletion_time);
  if (deletionTime === undefined) return { ok: false, field: `versions.${currentVersion}.deletion_time`, reason: `version ${currentVersion} deletion_time is not an RFC 3339 time: "${current?.deletion_time}"` };
  const custom = metadata.custom_metadata ?? {};
  const fromCustom = (names: readonly string[]): string | null => Object.entries(custom).find(([key]) => names.includes(key.toLowerCase()))?.[1] ?? null;
  const id = `${context.mount}/${context.path}`;
  return {
    ok: true,
    observation: {
      kind: 'credential',
      credentialKind: 'SECRET',
      externalId: id,
      name: id,
      algorithm: null,
      environment:
        context.environment ??
        environmentFromNames(fromCustom(['environment', 'env', 'stage']), context.path, context.mount, context.mountDescription),
      status: secretStatus(currentVersion, current?.destroyed === true),
      createdAt,
      lastRotatedAt: currentVersion > 1 ? writtenAt : null,
      // The current version's deletion time, past (soft-deleted then) or future (delete_version_after): either
      // way the end of its validity, kept so that any earlier day still sees the secret as it was.
      expiresAt: deletionTime,
      deactivatedAt: null,
      // KV metadata says nothing of reads.
      lastUsedAt: null,
      useObserved: false,
      owner: fromCustom(['owner', 'team']),
      ageFromFirstSeen: createdAt === null,
      attributes: {
        mount: context.mount,
        path: context.path,
        currentVersion,
        oldestVersion: metadata.oldest_version ?? null,
        versionCount: Object.keys(metadata.versions ?? {}).length,
        maxVersions: metadata.max_versions ?? null,
        casRequired: metadata.cas_required ?? null,
        deleteVersionAfter: metadata.delete_version_after ?? null,
        updatedAt: optionalTime(metadata.updated_time)?.toISOString() ?? null,
        // Names only: custom metadata is meant to be non-secret, but values are not ours to copy.
        customMetadataKeys: Object.keys(custom).sort().join(', ') || null,
      },
    },
  };
}

/** Destroyed is for good; a deletion (past or scheduled) is the end of validity, not a status. */
function secretStatus(currentVersion: number, destroyed: boolean): Exclude<CredentialStatus, 'EXPIRED'> {
  if (destroyed) return 'REVOKED';
  if (currentVersion === 0) return 'INACTIVE';
  return 'ACTIVE';
}

/** Vault writes RFC 3339 with nanoseconds, or "" for "not set"; undefined means unreadable. */
function optionalTime(text: string | undefined): Date | null | undefined {
  if (text === undefined || text === '') return null;
  return parseIsoDate(text) ?? undefined;
}
