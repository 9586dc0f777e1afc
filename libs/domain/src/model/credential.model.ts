import type { CredentialKind, CredentialStatus, Environment } from './enums.js';

/**
 * A key, certificate, token or secret from the inventory. Its validity is an interval: from `createdAt` (else
 * `firstSeenAt`; a certificate's notBefore) to `expiresAt` (a certificate's notAfter), cut short at
 * `deactivatedAt` when `status` is not ACTIVE. Whether it was usable on a day is derived from those dates
 * (isCredentialActiveAt, credentialStatusAt), so a past `asOf` sees what was valid then.
 */
export interface Credential {
  id: string;
  kind: CredentialKind;
  name: string;
  algorithm: string | null;
  environment: Environment;
  createdAt: Date | null;
  lastRotatedAt: Date | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  /**
   * True when the source reports this credential's use (null `lastUsedAt` then means never used). False when
   * it cannot (JWKS, certificates, KMS, Vault): KEY_UNUSED does not apply, and the inventory says "use not
   * observed"; the DETECTION domain counts such credentials as a coverage gap.
   */
  useObserved: boolean;
  /** The source's own statement (enabled, disabled, revoked). Expiry is not stored as a status: see credentialStatusAt. */
  status: CredentialStatus;
  /** When it stopped being ACTIVE, if it has; lets a past `asOf` see it as it was. */
  deactivatedAt: Date | null;
  ownerIdentityId: string | null;
  teamId: string | null;
  /** The connector/source it came from, e.g. `aws-iam-credential-report`, `jwks`. */
  source: string;
  /** Unique within `source`; this is what access events name (e.g. an access key id or a JWKS `kid`). */
  externalId: string;
  /** When Postureboard first saw it: the age of last resort when the source gives no dates. */
  firstSeenAt: Date;
  /** For tokens: the signing key (credential id) that signed them. */
  signedByCredentialId: string | null;
}
