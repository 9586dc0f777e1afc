import type { CredentialKind, CredentialStatus, Environment } from './enums.js';

/** A key, certificate, token or secret from the inventory. */
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
