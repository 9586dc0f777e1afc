import { Field, ID, InputType } from '@nestjs/graphql';
import type { FindingKind, FindingStatus, ScoreDomain, Severity } from '@postureboard/domain';
import { FindingKindEnum, FindingStatusEnum, ScoreDomainEnum, SeverityEnum } from '../../common/graphql-enums.js';

@InputType()
export class FindingFilter {
  @Field(() => ScoreDomainEnum, { nullable: true }) domain?: ScoreDomain;
  @Field(() => FindingKindEnum, { nullable: true }) kind?: FindingKind;
  @Field(() => SeverityEnum, { nullable: true }) severity?: Severity;
  @Field(() => FindingStatusEnum, { nullable: true, description: 'Without a status, resolved findings are left out' }) status?: FindingStatus;
  @Field(() => ID, { nullable: true }) teamId?: string;
  @Field(() => ID, { nullable: true, description: 'Only the findings assigned to this user' }) assigneeUserId?: string;
  @Field(() => String, { nullable: true }) search?: string;
}
