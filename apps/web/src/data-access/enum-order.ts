import { CredentialKind, FindingKind, type Environment, type FindingStatus, type ScoreDomain, type Severity, type SlaStatus } from './graphql.generated.js';

/**
 * The schema lists enum values alphabetically (the API sorts its schema), which is not the order people read
 * them in. Each list below is the reading order of one generated enum, and the compiler holds it to every value
 * exactly once: a value added to the schema fails the type-check until it is placed here.
 */
type Complete<T extends string, L extends readonly T[]> = [Exclude<T, L[number]>] extends [never] ? L : { missing: Exclude<T, L[number]> };
const inOrder =
  <T extends string>() =>
  <const L extends readonly T[]>(values: L & Complete<T, L>): readonly T[] =>
    values;

export const SCORE_DOMAINS = inOrder<ScoreDomain>()(['KEY_MANAGEMENT', 'ACCESS_GOVERNANCE', 'CROSS_BORDER_ACCESS', 'DETECTION']);
/** Worst first. */
export const SEVERITIES = inOrder<Severity>()(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']);
/** In the order a finding moves through them. */
export const FINDING_STATUSES = inOrder<FindingStatus>()(['OPEN', 'ACKNOWLEDGED', 'RISK_ACCEPTED', 'FALSE_POSITIVE', 'RESOLVED']);
export const SLA_STATUSES = inOrder<SlaStatus>()(['WITHIN_POLICY', 'DUE_SOON', 'OVERDUE']);
/** Production first: it is what the policies are strictest about. */
export const ENVIRONMENTS = inOrder<Environment>()(['PRODUCTION', 'STAGING', 'DEVELOPMENT', 'TEST', 'UNKNOWN']);
/** No reading order beyond their labels: the schema's order will do. */
export const FINDING_KINDS: readonly FindingKind[] = Object.values(FindingKind);
export const CREDENTIAL_KINDS: readonly CredentialKind[] = Object.values(CredentialKind);
