/** TypeScript mirror of the GraphQL contract (/graphql). DateTime values arrive as ISO 8601 strings. */
export type DateTime = string;

export const SCORE_DOMAINS = ['KEY_MANAGEMENT', 'ACCESS_GOVERNANCE', 'CROSS_BORDER_ACCESS', 'DETECTION'] as const;
export type ScoreDomain = (typeof SCORE_DOMAINS)[number];
export const FINDING_KINDS = [
  'KEY_ROTATION_OVERDUE', 'KEY_UNUSED', 'KEY_NO_OWNER', 'CERTIFICATE_EXPIRING', 'LEAVER_ACTIVE_ACCESS', 'LEAVER_RESIDUAL_ACCOUNT', 'ACCESS_REVIEW_OVERDUE',
  'ACCESS_REVIEW_RUBBER_STAMP', 'OFFSHORE_ACCESS', 'BULK_EXTRACTION', 'DATA_SOURCE_STALE',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];
export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const FINDING_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RISK_ACCEPTED', 'RESOLVED'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export const SLA_STATUSES = ['WITHIN_POLICY', 'DUE_SOON', 'OVERDUE'] as const;
export type SlaStatus = (typeof SLA_STATUSES)[number];
export const CREDENTIAL_KINDS = [
  'ACCESS_KEY', 'SIGNING_KEY', 'ENCRYPTION_KEY', 'KMS_KEY', 'CERTIFICATE', 'CA_CERTIFICATE', 'SECRET', 'API_TOKEN', 'SSH_KEY',
] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];
export const ENVIRONMENTS = ['PRODUCTION', 'STAGING', 'DEVELOPMENT', 'TEST', 'UNKNOWN'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];
export type Band = 'STRONG' | 'ADEQUATE' | 'WEAK' | 'CRITICAL';

export interface Organization { id: string; slug: string; name: string; approvedCountries: string[]; currency: string }
export interface Team { id: string; name: string; leadEmail: string | null }

export interface ScoreMetric { name: string; description: string; value: number; weight: number; points: number }
export interface ScoreContribution { findingId: string | null; fingerprint: string; kind: FindingKind; severity: Severity; subjectName: string; points: number }
export interface FindingCounts { critical: number; high: number; medium: number; low: number; total: number }
export interface DomainScore {
  domain: ScoreDomain; measured: boolean; notMeasuredReason: string | null; score: number | null; band: Band | null; change: number | null;
  metrics: ScoreMetric[]; contributions: ScoreContribution[]; findingCounts: FindingCounts;
}
export interface BudgetRatios {
  fiscalYear: number; currency: string; itSpend: number; securitySpend: number; revenue: number;
  securityToItRatio: number | null; securityToRevenueRatio: number | null; itBenchmark: number; revenueBenchmark: number;
  itStatus: 'BELOW' | 'MEETS' | string; revenueStatus: 'BELOW' | 'MEETS' | string;
}
export interface SnapshotDomainScore { domain: ScoreDomain; measured: boolean; score: number | null }
export interface ScoreSnapshot { id: string; asOf: DateTime; takenAt: DateTime; trigger: string; overallScore: number | null; overallBand: Band | null; domains: SnapshotDomainScore[]; overdueKeys: number }

export interface Subject { type: string; externalId: string; name: string }
export interface EvidenceRecord { source: string; description: string; at: DateTime | null; data: string }
export interface FindingStatusChange { from: FindingStatus | null; to: FindingStatus; actor: string; reason: string | null; at: DateTime }
export interface FindingSummary {
  id: string; kind: FindingKind; domain: ScoreDomain; severity: Severity; status: FindingStatus; subject: Subject; ownerTeam: Team | null; title: string;
  firstDetectedAt: DateTime; lastDetectedAt: DateTime; dueAt: DateTime | null; riskAcceptedUntil: DateTime | null; riskAcceptedReason: string | null;
}
export interface Finding extends FindingSummary { evidence: EvidenceRecord[]; statusHistory: FindingStatusChange[] }
export interface PageInfo { hasNextPage: boolean; endCursor: string | null }
export interface Connection<T> { edges: { cursor: string; node: T }[]; pageInfo: PageInfo; totalCount: number }
export interface FindingFilter { domain?: ScoreDomain; kind?: FindingKind; severity?: Severity; status?: FindingStatus; teamId?: string; search?: string }

export interface Credential {
  id: string; kind: CredentialKind; name: string; externalId: string; source: string; environment: Environment; algorithm: string | null; status: string;
  ageDays: number | null; createdAt: DateTime | null; lastRotatedAt: DateTime | null; expiresAt: DateTime | null; lastUsedAt: DateTime | null; useObserved: boolean;
  slaStatus: SlaStatus | null; dueAt: DateTime | null; daysOverdue: number | null; policyMaxAgeDays: number | null; owner: string | null; team: Team | null;
}
export interface CredentialFilter { teamId?: string; kind?: CredentialKind; environment?: Environment; slaStatus?: SlaStatus; search?: string }
export interface TeamRotationSla { team: Team | null; withinPolicy: number; dueSoon: number; overdue: number; maxDaysOverdue: number; oldestKeyAgeDays: number | null }
export interface BurndownPoint { weekOf: DateTime; overdue: number }

export interface Leaver {
  identityId: string; name: string; email: string | null; terminatedOn: DateTime; daysSinceTermination: number; activeAccess: string[];
  usesAfterTermination: number; lastUseAt: DateTime | null; bytesAfterTermination: number; findingId: string | null;
}
export interface CountryActivity { country: string; approved: boolean; events: number; bytes: number }
export interface CountryDay { day: DateTime; country: string; events: number; bytes: number }
export interface OffshoreIdentity { identityId: string; name: string; workCountry: string; productionEntitlements: string[]; approval: string | null; approvalExpiresAt: DateTime | null }
export interface VolumePoint { day: DateTime; bytes: number; baseline: number | null }
export interface BulkExtraction { findingId: string; principal: string; credentialExternalId: string | null; startedOn: DateTime; peakBytes: number; series: VolumePoint[] }
export interface CrossBorderAccess { byCountry: CountryActivity[]; daily: CountryDay[]; offshoreIdentities: OffshoreIdentity[]; bulkExtractions: BulkExtraction[] }

export interface Budget { fiscalYear: number; itSpend: number; securitySpend: number; revenue: number; currency: string; securityToItRatio: number | null; securityToRevenueRatio: number | null }
export interface BudgetInput { fiscalYear: number; itSpend: number; securitySpend: number; revenue: number; currency: string }
export interface RotationPolicy { id: string | null; credentialKind: CredentialKind; environment: Environment; maxAgeDays: number; warningDays: number; graceDays: number; team: Team | null; isDefault: boolean; source: string | null }
export interface RotationPolicyInput { credentialKind: CredentialKind; environment: Environment; maxAgeDays: number; warningDays: number; graceDays: number; teamId?: string | null }

export interface IngestError { source: string; line: number | null; record: number | null; field: string | null; reason: string }
export interface IngestRun {
  id: string; sourceType: string; trigger: string; input: string | null; status: string; queuedAt: DateTime; startedAt: DateTime | null; finishedAt: DateTime | null;
  accepted: number; rejected: number; inserted: number; updated: number; unchanged: number; errorMessage: string | null; errors: IngestError[];
}
export interface DataSource {
  id: string; type: string; name: string; enabled: boolean; schedule: string | null; config: string; secretFieldsSet: string[];
  lastSuccessfulRunAt: DateTime | null; freshness: 'FRESH' | 'STALE' | 'NEVER' | string; lastRun: IngestRun | null;
}
export interface AccessReviewCampaign { id: string; name: string; scope: string; dueAt: DateTime; closedAt: DateTime | null; total: number; decided: number; overdue: boolean; rubberStampReviewers: string[] }
export interface Report { id: string; asOf: DateTime; lang: string; generatedAt: DateTime; generatedBy: string; checksum: string; sizeBytes: number; downloadUrl: string }
