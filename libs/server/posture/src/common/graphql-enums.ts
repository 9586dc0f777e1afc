import { registerEnumType } from '@nestjs/graphql';
import {
  BENCHMARK_STATUSES,
  CREDENTIAL_KINDS,
  ENVIRONMENTS,
  EXPLANATION_TERM_KINDS,
  FINDING_KINDS,
  FINDING_STATUSES,
  REVIEW_DECISIONS,
  SCORE_BANDS,
  SCORE_DOMAINS,
  SEVERITIES,
  SLA_STATUSES,
  SUBJECT_TYPES,
  type BenchmarkStatus,
  type CredentialKind,
  type Environment,
  type ExplanationTermKind,
  type FindingKind,
  type FindingStatus,
  type ReviewDecision,
  type ScoreBand,
  type ScoreDomain,
  type Severity,
  type SlaStatus,
  type SubjectType,
} from '@postureboard/domain';

/** GraphQL enums built from the domain's vocabulary, so the names are the same everywhere. */
const asEnum = <T extends string>(values: readonly T[]): Record<T, T> => Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const FindingKindEnum = asEnum<FindingKind>(FINDING_KINDS);
export const SeverityEnum = asEnum<Severity>(SEVERITIES);
export const FindingStatusEnum = asEnum<FindingStatus>(FINDING_STATUSES);
export const ScoreDomainEnum = asEnum<ScoreDomain>(SCORE_DOMAINS);
export const SlaStatusEnum = asEnum<SlaStatus>(SLA_STATUSES);
export const CredentialKindEnum = asEnum<CredentialKind>(CREDENTIAL_KINDS);
export const EnvironmentEnum = asEnum<Environment>(ENVIRONMENTS);
export const ExplanationTermKindEnum = asEnum<ExplanationTermKind>(EXPLANATION_TERM_KINDS);
export const ScoreBandEnum = asEnum<ScoreBand>(SCORE_BANDS);
export const ReviewDecisionEnum = asEnum<ReviewDecision>(REVIEW_DECISIONS);
export const SubjectTypeEnum = asEnum<SubjectType>(SUBJECT_TYPES);
export const BenchmarkStatusEnum = asEnum<BenchmarkStatus>(BENCHMARK_STATUSES);

registerEnumType(FindingKindEnum, { name: 'FindingKind' });
registerEnumType(SeverityEnum, { name: 'Severity' });
registerEnumType(FindingStatusEnum, { name: 'FindingStatus' });
registerEnumType(ScoreDomainEnum, { name: 'ScoreDomain' });
registerEnumType(SlaStatusEnum, { name: 'SlaStatus' });
registerEnumType(SubjectTypeEnum, { name: 'SubjectType', description: 'What a finding is about: a credential, a person, an account, a review campaign, a data source' });
registerEnumType(CredentialKindEnum, { name: 'CredentialKind' });
registerEnumType(EnvironmentEnum, { name: 'Environment' });
registerEnumType(ExplanationTermKindEnum, { name: 'ExplanationTermKind' });
registerEnumType(ScoreBandEnum, { name: 'ScoreBand', description: 'The word for a score: STRONG, ADEQUATE, WEAK or CRITICAL (thresholds in docs/scoring.md)' });
registerEnumType(BenchmarkStatusEnum, { name: 'BenchmarkStatus', description: 'Where a spend ratio sits against its benchmark range' });
registerEnumType(ReviewDecisionEnum, { name: 'ReviewDecision', description: 'An access review keeps an entitlement or revokes it' });
