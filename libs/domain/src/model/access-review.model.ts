import type { ReviewDecision } from './enums.js';

export interface AccessReviewCampaign {
  id: string;
  name: string;
  /** What is reviewed, e.g. `production AWS` or `all privileged entitlements`. */
  scope: string;
  startsAt: Date;
  dueAt: Date;
  closedAt: Date | null;
  /** Review items in the campaign: the number of decisions expected for it to be complete. */
  totalItems: number;
  ownerTeamId: string | null;
}

export interface AccessReviewDecision {
  id: string;
  campaignId: string;
  reviewerIdentityId: string | null;
  reviewerEmail: string;
  subjectIdentityId: string | null;
  subjectEmail: string;
  entitlement: string;
  decision: ReviewDecision;
  decidedAt: Date;
  reason: string | null;
}
