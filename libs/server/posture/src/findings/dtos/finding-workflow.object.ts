import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { FindingStatus } from '@postureboard/domain';
import { FindingStatusEnum } from '../../common/graphql-enums.js';
import { FindingObject } from './finding.object.js';

@ObjectType('FindingUser', { description: 'A user as findings show them: an assignee, a comment author' })
export class FindingUserObject {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => String, { nullable: true }) displayName!: string | null;
}

@ObjectType('FindingComment', { description: 'A comment on a finding; comments are append-only' })
export class FindingCommentObject {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Who wrote it (their email, or the API token that did)' }) author!: string;
  @Field(() => String) text!: string;
  @Field(() => Date) at!: Date;
}

@InputType('BulkFindingAction', { description: 'What to do to every selected finding: a status change, an assignment, or both' })
export class BulkFindingActionInput {
  @Field(() => FindingStatusEnum, { nullable: true }) status?: FindingStatus | null;
  @Field(() => String, { nullable: true, description: 'Required for RISK_ACCEPTED and FALSE_POSITIVE' }) reason?: string | null;
  @Field(() => Date, { nullable: true, description: 'Required for RISK_ACCEPTED and FALSE_POSITIVE' }) expiresAt?: Date | null;
  @Field(() => ID, { nullable: true, description: 'Assign to this user' }) assigneeUserId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Clear the assignee' }) unassign?: boolean | null;
}

@ObjectType('BulkFindingItemResult', { description: 'One selected finding: changed, or why not' })
export class BulkFindingItemResultObject {
  @Field(() => ID) findingId!: string;
  @Field(() => Boolean) ok!: boolean;
  @Field(() => String, { nullable: true, description: 'FORBIDDEN, NOT_FOUND, CONFLICT or BAD_USER_INPUT when not changed' }) errorCode!: string | null;
  @Field(() => String, { nullable: true }) message!: string | null;
  @Field(() => FindingObject, { nullable: true, description: 'The finding after the change' }) finding!: FindingObject | null;
}

@ObjectType('BulkFindingResult')
export class BulkFindingResultObject {
  @Field(() => Int) succeeded!: number;
  @Field(() => Int) failed!: number;
  @Field(() => [BulkFindingItemResultObject], { description: 'One per selected finding, in the order given' }) results!: BulkFindingItemResultObject[];
}
