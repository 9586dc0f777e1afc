import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('AccessReviewCampaign')
export class AccessReviewCampaignObject {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'all, production or privileged entitlements' }) scope!: string;
  @Field(() => Date) dueAt!: Date;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => Int, { description: 'Review items in the campaign' }) total!: number;
  @Field(() => Int) decided!: number;
  @Field(() => Boolean, { description: 'Past its due date with items undecided' }) overdue!: boolean;
  @Field(() => [String], { description: 'Reviewers flagged for approving everything implausibly fast' }) rubberStampReviewers!: string[];
}
