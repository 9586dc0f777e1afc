/**
 * The product's shared vocabulary. These names are contracts: they appear exactly so in the
 * database, GraphQL, the CLI's JSON, the web app and the board report.
 */
/**
 * SIGNING_KEY / ENCRYPTION_KEY: a JWK by its `use` / `key_ops` (RFC 7517 §4.2-4.3) or a Vault transit key by its
 * type. CERTIFICATE is a leaf (end-entity) certificate; CA_CERTIFICATE one whose basicConstraints say cA=TRUE
 * (RFC 5280 §4.2.1.9). Each kind has its own rotation policy.
 */
export const CREDENTIAL_KINDS = [
  'ACCESS_KEY',
  'SIGNING_KEY',
  'ENCRYPTION_KEY',
  'KMS_KEY',
  'CERTIFICATE',
  'CA_CERTIFICATE',
  'SECRET',
  'API_TOKEN',
  'SSH_KEY',
] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** Where a credential is used. `UNKNOWN` when the source does not say: policies treat it as production. */
export const ENVIRONMENTS = ['PRODUCTION', 'STAGING', 'DEVELOPMENT', 'TEST', 'UNKNOWN'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const CREDENTIAL_STATUSES = ['ACTIVE', 'INACTIVE', 'REVOKED', 'EXPIRED'] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

export const EMPLOYMENT_TYPES = ['EMPLOYEE', 'CONTRACTOR', 'VENDOR', 'SERVICE_ACCOUNT'] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

export const IDENTITY_STATUSES = ['ACTIVE', 'LEAVE', 'TERMINATED'] as const;
export type IdentityStatus = (typeof IDENTITY_STATUSES)[number];

/**
 * ACTIVE: some login or credential can be used. SUSPENDED: the account exists but nothing can sign in with it
 * (an IdP suspension; an IAM user with no console password and no active key or certificate). DEACTIVATED:
 * deprovisioned (IdP deactivated/deprovisioned, SCIM `active: false`).
 */
export const ACCOUNT_STATUSES = ['ACTIVE', 'SUSPENDED', 'DEACTIVATED'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const FINDING_KINDS = [
  'KEY_ROTATION_OVERDUE',
  'KEY_UNUSED',
  'KEY_NO_OWNER',
  'CERTIFICATE_EXPIRING',
  'LEAVER_ACTIVE_ACCESS',
  'LEAVER_RESIDUAL_ACCOUNT',
  'ACCESS_REVIEW_OVERDUE',
  'ACCESS_REVIEW_RUBBER_STAMP',
  'OFFSHORE_ACCESS',
  'BULK_EXTRACTION',
  'DATA_SOURCE_STALE',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * FALSE_POSITIVE: a person judged the finding not applicable (the rule's condition holds but is not a
 * risk here), with a reason and an expiry; unlike RISK_ACCEPTED it leaves the score (docs/scoring.md).
 */
export const FINDING_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RISK_ACCEPTED', 'FALSE_POSITIVE', 'RESOLVED'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const SLA_STATUSES = ['WITHIN_POLICY', 'DUE_SOON', 'OVERDUE'] as const;
export type SlaStatus = (typeof SLA_STATUSES)[number];

export const SCORE_DOMAINS = ['KEY_MANAGEMENT', 'ACCESS_GOVERNANCE', 'CROSS_BORDER_ACCESS', 'DETECTION'] as const;
export type ScoreDomain = (typeof SCORE_DOMAINS)[number];

export const REVIEW_DECISIONS = ['KEEP', 'REVOKE'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** `internal` marks private and reserved addresses: they have no country. */
export const INTERNAL_COUNTRY = 'internal';

/** What a finding is about. `PRINCIPAL` is an actor seen in events that matches no known identity. */
export const SUBJECT_TYPES = ['CREDENTIAL', 'IDENTITY', 'PRINCIPAL', 'ACCESS_REVIEW_CAMPAIGN', 'DATA_SOURCE'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** What a data source feeds: the DETECTION score checks that each category is covered and fresh. */
export const DATA_SOURCE_CATEGORIES = ['IDENTITY', 'CREDENTIALS', 'ACCESS_EVENTS', 'ACCESS_REVIEWS'] as const;
export type DataSourceCategory = (typeof DATA_SOURCE_CATEGORIES)[number];

/** Score bands, best first (thresholds in docs/scoring.md). */
export const SCORE_BANDS = ['STRONG', 'ADEQUATE', 'WEAK', 'CRITICAL'] as const;
export type ScoreBand = (typeof SCORE_BANDS)[number];

/** Where a budget ratio sits against its benchmark. */
export const BENCHMARK_STATUSES = ['BELOW', 'WITHIN', 'ABOVE'] as const;
export type BenchmarkStatus = (typeof BENCHMARK_STATUSES)[number];

/** How much a credential matters if it leaks (docs/findings.md): TIER_1 is a production signing or KMS key. */
export const CRITICALITY_TIERS = ['TIER_1', 'TIER_2', 'TIER_3'] as const;
export type CriticalityTier = (typeof CRITICALITY_TIERS)[number];
