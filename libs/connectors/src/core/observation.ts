import type {
  AccountStatus,
  CredentialKind,
  CredentialStatus,
  EmploymentType,
  Environment,
  IdentityStatus,
  ReviewDecision,
} from '@postureboard/domain';

/** Where a record came from: a file (with line or record index) or a URL, and the field at fault. */
export interface SourceLocation {
  source: string;
  line?: number;
  record?: number;
  field?: string;
}

/** A key, certificate, token or secret as one source sees it. `externalId` is unique within the source. */
export interface CredentialObservation {
  kind: 'credential';
  credentialKind: CredentialKind;
  externalId: string;
  name: string;
  algorithm: string | null;
  environment: Environment;
  /**
   * What the source says of the credential itself (enabled, disabled, revoked), never a reading of the clock:
   * a credential's validity is its interval, createdAt (valid from, e.g. a certificate's notBefore) to expiresAt
   * (valid to, notAfter), and "active at a date" is derived from it and deactivatedAt.
   */
  status: Exclude<CredentialStatus, 'EXPIRED'>;
  createdAt: Date | null;
  lastRotatedAt: Date | null;
  expiresAt: Date | null;
  /**
   * When a credential that is not ACTIVE stopped being usable: the date the source gives, or else the latest
   * moment the source shows it was still usable (its last use), so that a past day sees it as it was then.
   * Null when ACTIVE, or when nothing is known (the store then dates it from the run that first sees the change).
   */
  deactivatedAt: Date | null;
  lastUsedAt: Date | null;
  /**
   * True when the source reports this credential's use (a last-used date, where null means never used). False
   * when it cannot know (a JWKS key, a certificate, a KMS key): no "unused" finding is then possible, and the
   * inventory says "use not observed".
   */
  useObserved: boolean;
  /** The owner as the source names it (e-mail, user name or ARN); matched to an identity on ingest. */
  owner: string | null;
  /** True when the source gives no creation date: the age is then tracked from first sight across runs. */
  ageFromFirstSeen: boolean;
  /** Source-specific facts kept as evidence (never secrets). */
  attributes: Record<string, string | number | boolean | null>;
}

/** A person or service account from an HR roster or an identity provider. */
export interface IdentityObservation {
  kind: 'identity';
  externalId: string;
  email: string | null;
  employeeNumber: string | null;
  displayName: string;
  employmentType: EmploymentType;
  status: IdentityStatus;
  startDate: Date | null;
  terminationDate: Date | null;
  /** ISO 3166 alpha-2, upper case. */
  workCountry: string | null;
  department: string | null;
  managerEmail: string | null;
}

/** An account in a system (IdP user, cloud IAM user). */
export interface AccountObservation {
  kind: 'account';
  system: string;
  externalId: string;
  userName: string;
  email: string | null;
  employeeNumber: string | null;
  /** When the account came into being (an IAM user's creation, an IdP user's `created`); null when the source does not say. */
  createdAt: Date | null;
  /** ACTIVE only while some login or credential of the account can be used (see ACCOUNT_STATUSES). */
  status: AccountStatus;
  /** When it stopped being usable; for a source without dates, the latest moment it is known to have been usable. */
  deactivatedAt: Date | null;
  lastLoginAt: Date | null;
  /**
   * True when the account is synchronised from an on-premises directory (Entra ID's `onPremisesSyncEnabled`):
   * disabling it in the cloud is overwritten by the next sync. Absent or false: cloud-only, or the source cannot say.
   */
  onPremisesSync?: boolean;
}

/** Who may reach what: `production` and `privileged` drive the offshore and leaver rules. */
export interface EntitlementObservation {
  kind: 'entitlement';
  system: string;
  accountExternalId: string;
  name: string;
  privileged: boolean;
  production: boolean;
}

/** One access: a sign-in, an API call, a download. `eventId` makes re-ingest idempotent. */
export interface AccessEventObservation {
  kind: 'access-event';
  eventId: string;
  occurredAt: Date;
  /** User name, e-mail or ARN as the source gives it. */
  principal: string;
  credentialExternalId: string | null;
  sourceIp: string | null;
  /** ISO 3166 alpha-2, `internal` for private/reserved addresses, null when unknown. */
  country: string | null;
  action: string;
  resource: string | null;
  bytes: number | null;
  records: number | null;
  success: boolean;
}

/**
 * One day of access aggregated before it reached us (a data lake's daily rollup): the same key and sums as
 * the rollups the server keeps for raw events, so the rules read both alike. Carries no event id, address,
 * action or resource: per-event evidence is gone.
 */
export interface AccessRollupObservation {
  kind: 'access-rollup';
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  principal: string;
  credentialExternalId: string | null;
  /** ISO 3166 alpha-2, `internal` for private/reserved addresses, null when unknown. */
  country: string | null;
  /** Events of the day for this key: at least 1. */
  events: number;
  /** Bytes that left the organisation (0 when the source carries no volume). */
  bytes: number;
  records: number;
}

/** One access-review decision, from the native review flow or a CSV import. */
export interface ReviewDecisionObservation {
  kind: 'review-decision';
  campaign: string;
  reviewerEmail: string;
  identityEmail: string;
  entitlement: string;
  decision: ReviewDecision;
  decidedAt: Date;
  reason: string | null;
}

export type Observation =
  | CredentialObservation
  | IdentityObservation
  | AccountObservation
  | EntitlementObservation
  | AccessEventObservation
  | AccessRollupObservation
  | ReviewDecisionObservation;

/** What `collect()` yields: an accepted observation or a rejected record, each with its location. */
export type CollectedRecord =
  | { accepted: true; observation: Observation; location: SourceLocation }
  | { accepted: false; location: SourceLocation; reason: string };
