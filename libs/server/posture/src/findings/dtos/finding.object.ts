import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { EvidenceRecord, FindingKind, FindingParams, FindingStatus, ScoreDomain, Severity, SubjectType } from '@postureboard/domain';
import { FindingKindEnum, FindingStatusEnum, ScoreDomainEnum, SeverityEnum, SubjectTypeEnum } from '../../common/graphql-enums.js';

@ObjectType('Subject')
export class SubjectObject {
  @Field(() => SubjectTypeEnum) type!: SubjectType;
  @Field(() => String) externalId!: string;
  @Field(() => String) name!: string;
}

@ObjectType('EvidenceRecord', { description: 'One record behind a finding, with the source it came from' })
export class EvidenceRecordObject {
  @Field(() => String) source!: string;
  @Field(() => String) type!: string;
  /** What `description` is rendered from (EvidenceRecordResolver, in the language asked for); not a field itself. */
  record!: EvidenceRecord;
  @Field(() => Date, { nullable: true }) at!: Date | null;
  @Field(() => String, { description: 'The record as JSON text' }) data!: string;
}

@ObjectType('FindingStatusChange')
export class FindingStatusChangeObject {
  @Field(() => FindingStatusEnum, { nullable: true }) from!: FindingStatus | null;
  @Field(() => FindingStatusEnum) to!: FindingStatus;
  @Field(() => String) actor!: string;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => Date, { nullable: true }) riskAcceptedUntil!: Date | null;
  @Field(() => Date, { nullable: true }) falsePositiveUntil!: Date | null;
  @Field(() => Date) at!: Date;
}

@ObjectType('Finding')
export class FindingObject {
  @Field(() => ID) id!: string;
  @Field(() => FindingKindEnum) kind!: FindingKind;
  @Field(() => ScoreDomainEnum) domain!: ScoreDomain;
  @Field(() => SeverityEnum) severity!: Severity;
  @Field(() => FindingStatusEnum) status!: FindingStatus;
  @Field(() => SubjectObject) subject!: SubjectObject;
  /** What `title` is rendered from (FindingResolver.title, in the language asked for); not fields themselves. */
  params!: FindingParams | null;
  storedTitle!: string;
  @Field(() => ID, { nullable: true }) ownerTeamId!: string | null;
  @Field(() => Date) firstDetectedAt!: Date;
  @Field(() => Date) lastDetectedAt!: Date;
  @Field(() => Date, { nullable: true }) dueAt!: Date | null;
  @Field(() => Date, { nullable: true }) resolvedAt!: Date | null;
  @Field(() => Date, { nullable: true }) riskAcceptedUntil!: Date | null;
  @Field(() => String, { nullable: true }) riskAcceptedReason!: string | null;
  @Field(() => Date, { nullable: true, description: 'While FALSE_POSITIVE: when the judgement lapses and the finding reopens' }) falsePositiveUntil!: Date | null;
  @Field(() => String, { nullable: true }) falsePositiveReason!: string | null;
  @Field(() => ID, { nullable: true }) assigneeUserId!: string | null;
  @Field(() => [EvidenceRecordObject]) evidence!: EvidenceRecordObject[];
}

@ObjectType('PageInfo')
export class PageInfoObject {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType('FindingEdge')
export class FindingEdgeObject {
  @Field(() => String) cursor!: string;
  @Field(() => FindingObject) node!: FindingObject;
}

@ObjectType('FindingConnection')
export class FindingConnectionObject {
  @Field(() => [FindingEdgeObject]) edges!: FindingEdgeObject[];
  @Field(() => PageInfoObject) pageInfo!: PageInfoObject;
  @Field(() => Int) totalCount!: number;
}
