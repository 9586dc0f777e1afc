import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentAccess, CurrentCaller, Role, Roles, teamFilter, type Caller, type OrgAccess } from '@postureboard/server-auth';
import type { ReviewDecision } from '@postureboard/domain';
import { ReviewDecisionEnum } from '../common/graphql-enums.js';
import { graphql } from '../common/posture.error.js';
import { AccessReviewCampaignObject } from './access-review-campaign.object.js';
import { AccessReviewService } from './access-review.service.js';

@Resolver(() => AccessReviewCampaignObject)
export class AccessReviewResolver {
  constructor(private readonly reviews: AccessReviewService) {}

  @Roles(Role.ADMIN, Role.CISO, Role.ENGINEERING_LEAD, Role.ANALYST, Role.AUDITOR)
  @Query(() => [AccessReviewCampaignObject], { description: 'Access-review campaigns, latest due first' })
  accessReviewCampaigns(@Args('org', { type: () => String }) _org: string, @CurrentAccess() access: OrgAccess): Promise<AccessReviewCampaignObject[]> {
    return graphql(() => this.reviews.list(access.organizationId));
  }

  @Roles(Role.ADMIN, Role.CISO, Role.ANALYST)
  @Mutation(() => AccessReviewCampaignObject, { description: 'Start a campaign: one item per entitlement in scope, reviewed by the holder’s manager' })
  createAccessReviewCampaign(
    @Args('org', { type: () => String }) _org: string,
    @Args('name', { type: () => String }) name: string,
    @Args('dueAt', { type: () => Date }) dueAt: Date,
    @Args('scope', { type: () => String, nullable: true }) scope: string | null,
    @CurrentAccess() access: OrgAccess,
  ): Promise<AccessReviewCampaignObject> {
    return graphql(() => this.reviews.create(access.organizationId, name, dueAt, scope));
  }

  @Roles(Role.ADMIN, Role.CISO, Role.ENGINEERING_LEAD, Role.ANALYST)
  @Mutation(() => AccessReviewCampaignObject, {
    description:
      'Record a keep/revoke decision on an item of the campaign; the reason is optional for both. Nobody decides on their own entitlements; an engineering lead only on people of the teams they lead.',
  })
  recordReviewDecision(
    @Args('org', { type: () => String }) _org: string,
    @Args('campaignId', { type: () => ID }) campaignId: string,
    @Args('identityEmail', { type: () => String }) identityEmail: string,
    @Args('entitlement', { type: () => String }) entitlement: string,
    @Args('decision', { type: () => ReviewDecisionEnum }) decision: ReviewDecision,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
    @CurrentAccess() access: OrgAccess,
    @CurrentCaller() caller: Caller,
  ): Promise<AccessReviewCampaignObject> {
    return graphql(() =>
      this.reviews.decide(access.organizationId, campaignId, { identityEmail, entitlement, decision, reason, reviewerEmail: caller.email, reviewerTeamIds: teamFilter(access) }),
    );
  }
}
