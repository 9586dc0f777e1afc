import { registerEnumType } from '@nestjs/graphql';
import {
  CREDENTIAL_KINDS,
  ENVIRONMENTS,
  EXPLANATION_TERM_KINDS,
  FINDING_KINDS,
  FINDING_STATUSES,
  SCORE_DOMAINS,
  SEVERITIES,
  SLA_STATUSES,
  type CredentialKind,
  type Environment,
  type ExplanationTermKind,
  type FindingKind,
  type FindingStatus,
  type ScoreDomain,
  type Severity,
  type SlaStatus,
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

registerEnumType(FindingKindEnum, { name: 'FindingKind' });
registerEnumType(SeverityEnum, { name: 'Severity' });
registerEnumType(FindingStatusEnum, { name: 'FindingStatus' });
registerEnumType(ScoreDomainEnum, { name: 'ScoreDomain' });
registerEnumType(SlaStatusEnum, { name: 'SlaStatus' });
registerEnumType(CredentialKindEnum, { name: 'CredentialKind' });
registerEnumType(EnvironmentEnum, { name: 'Environment' });
registerEnumType(ExplanationTermKindEnum, { name: 'ExplanationTermKind' });
