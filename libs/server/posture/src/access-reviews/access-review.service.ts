import { Injectable } from '@nestjs/common';
import { reviewDecisionRefusal, type ReviewDecisionRefusal } from '@postureboard/domain';
import { assertUnreachable } from '@postureboard/server-core';
import { AccessReviewRepository, FindingRepository, type CampaignRecord, type CampaignScope } from '@postureboard/server-database';
import { PostureError, PostureErrorCode } from '../common/posture.error.js';
import type { AccessReviewCampaignObject } from './access-review-campaign.object.js';

const SCOPES: readonly CampaignScope[] = ['all', 'production', 'privileged'];
const EMAIL = /^[^\s@]+@[^\s@]+$/;

function refused(refusal: ReviewDecisionRefusal, campaign: string, identityEmail: string, entitlement: string): PostureError {
  switch (refusal) {
    case 'EMPTY_CAMPAIGN':
      return new PostureError(PostureErrorCode.INVALID_INPUT, `Campaign "${campaign}" has no items to decide on`);
    case 'NOT_AN_ITEM':
      return new PostureError(PostureErrorCode.INVALID_INPUT, `Campaign "${campaign}" has no item for ${identityEmail} / ${entitlement}`);
    case 'SELF_REVIEW':
      return new PostureError(PostureErrorCode.FORBIDDEN, 'You may not decide on your own entitlements');
    case 'OUTSIDE_TEAMS':
      return new PostureError(PostureErrorCode.FORBIDDEN, `${identityEmail} is not in a team you lead`);
    default:
      return assertUnreachable(refusal);
  }
}

@Injectable()
export class AccessReviewService {
  constructor(
    private readonly reviews: AccessReviewRepository,
    private readonly findings: FindingRepository,
  ) {}

  async list(organizationId: string, now = new Date()): Promise<AccessReviewCampaignObject[]> {
    const [campaigns, stamps] = await Promise.all([this.reviews.list(organizationId), this.rubberStamps(organizationId)]);
    return campaigns.map((c) => this.view(c, stamps, now));
  }

  async create(organizationId: string, name: string, dueAt: Date, scope: string | null, now = new Date()): Promise<AccessReviewCampaignObject> {
    const trimmed = name.trim();
    if (!trimmed) throw new PostureError(PostureErrorCode.INVALID_INPUT, 'A campaign needs a name');
    const resolvedScope = (scope ?? 'all').trim().toLowerCase() as CampaignScope;
    if (!SCOPES.includes(resolvedScope)) throw new PostureError(PostureErrorCode.INVALID_INPUT, `Scope must be one of ${SCOPES.join(', ')}`);
    if (!(dueAt.getTime() > now.getTime())) throw new PostureError(PostureErrorCode.INVALID_INPUT, 'The due date must be in the future');
    const created = await this.reviews.create(organizationId, trimmed, resolvedScope, now, dueAt);
    if (!created) throw new PostureError(PostureErrorCode.INVALID_INPUT, `A campaign named "${trimmed}" already exists`);
    return this.view(created, new Map(), now);
  }

  async decide(
    organizationId: string,
    campaignId: string,
    input: {
      identityEmail: string;
      entitlement: string;
      decision: string;
      reason: string | null;
      reviewerEmail: string;
      /** null: the reviewer's role reaches every team; otherwise the teams they lead (see reviewDecisionRefusal). */
      reviewerTeamIds: readonly string[] | null;
    },
    now = new Date(),
  ): Promise<AccessReviewCampaignObject> {
    const campaign = await this.reviews.findById(organizationId, campaignId);
    if (!campaign) throw new PostureError(PostureErrorCode.INVALID_INPUT, `No campaign ${campaignId} in this organization`);
    if (campaign.closedAt) throw new PostureError(PostureErrorCode.INVALID_INPUT, `Campaign "${campaign.name}" is closed`);
    const decision = input.decision.trim().toUpperCase();
    if (decision !== 'KEEP' && decision !== 'REVOKE') throw new PostureError(PostureErrorCode.INVALID_INPUT, 'Decision must be KEEP or REVOKE');
    const identityEmail = input.identityEmail.trim().toLowerCase();
    if (!EMAIL.test(identityEmail)) throw new PostureError(PostureErrorCode.INVALID_INPUT, `"${input.identityEmail}" is not an e-mail address`);
    const entitlement = input.entitlement.trim();
    if (!entitlement) throw new PostureError(PostureErrorCode.INVALID_INPUT, 'Name the entitlement decided on');
    const item = await this.reviews.findItem(organizationId, campaignId, identityEmail, entitlement);
    const refusal = reviewDecisionRefusal({ campaignItems: campaign.total, item, reviewerEmail: input.reviewerEmail, reviewerTeamIds: input.reviewerTeamIds });
    if (refusal) throw refused(refusal, campaign.name, identityEmail, entitlement);
    const reason = input.reason?.trim() || null;
    // No reason is demanded for either: removing access is the safe outcome and must not cost more than keeping it,
    // and a kept entitlement is judged by the rubber-stamp rule on the pattern of decisions, not by a free-text field.
    const recorded = await this.reviews.decide(organizationId, campaignId, { reviewerEmail: input.reviewerEmail, identityEmail, entitlement, decision, reason, at: now });
    if (!recorded) throw refused('NOT_AN_ITEM', campaign.name, identityEmail, entitlement);
    return this.view((await this.reviews.findById(organizationId, campaignId))!, await this.rubberStamps(organizationId), now);
  }

  /** Reviewers of each campaign with an active ACCESS_REVIEW_RUBBER_STAMP finding (qualified by campaign). */
  private async rubberStamps(organizationId: string): Promise<Map<string, string[]>> {
    const page = await this.findings.list(organizationId, { kind: 'ACCESS_REVIEW_RUBBER_STAMP' }, 500);
    const byCampaign = new Map<string, string[]>();
    for (const finding of page.findings) {
      if (!finding.qualifier) continue;
      byCampaign.set(finding.qualifier, [...(byCampaign.get(finding.qualifier) ?? []), finding.subject.name]);
    }
    return byCampaign;
  }

  private view(c: CampaignRecord, stamps: Map<string, string[]>, now: Date): AccessReviewCampaignObject {
    return {
      id: c.id,
      name: c.name,
      scope: c.scope,
      dueAt: c.dueAt,
      closedAt: c.closedAt,
      total: c.total,
      decided: c.decided,
      overdue: c.closedAt === null && c.dueAt.getTime() < now.getTime() && c.decided < c.total,
      rubberStampReviewers: stamps.get(c.id) ?? [],
    };
  }
}
