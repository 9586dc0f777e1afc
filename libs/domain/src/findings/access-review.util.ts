import type { AccessReviewCampaign, AccessReviewDecision } from '../model/access-review.model.js';
import type { PostureIndex } from './posture-index.js';

export interface CampaignProgress {
  /** Distinct (subject, entitlement) pairs decided by `asOf`; a re-decision does not count twice. */
  decided: number;
  /** decided / totalItems, capped at 1; an empty campaign is complete. */
  completion: number;
  decisions: AccessReviewDecision[];
}

export const decisionsAsOf = (campaign: AccessReviewCampaign, index: PostureIndex, asOf: Date): AccessReviewDecision[] =>
  (index.decisionsByCampaignId.get(campaign.id) ?? []).filter((decision) => decision.decidedAt.getTime() <= asOf.getTime());

export const campaignProgress = (campaign: AccessReviewCampaign, index: PostureIndex, asOf: Date): CampaignProgress => {
  const decisions = decisionsAsOf(campaign, index, asOf);
  const items = new Set(decisions.map((decision) => `${decision.subjectIdentityId ?? decision.subjectEmail.toLowerCase()}|${decision.entitlement}`));
  const decided = Math.min(items.size, campaign.totalItems);
  return { decided, completion: campaign.totalItems <= 0 ? 1 : decided / campaign.totalItems, decisions };
};
