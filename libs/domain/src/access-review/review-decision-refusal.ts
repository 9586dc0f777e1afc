/**
 * Who may decide on an access-review item.
 *
 * - Nobody decides on their own entitlements, whatever their role: a review is a second pair of eyes.
 * - A reviewer whose role reaches every team (ADMIN, CISO, ANALYST: `reviewerTeamIds` is null) may decide
 *   on any other person's item; an ENGINEERING_LEAD only on items of people in a team they lead (a person
 *   in no team is out of their reach).
 * - Only items the campaign lists can be decided: a campaign with no items accepts no decision, and an
 *   item cannot be invented by deciding on it.
 */
export type ReviewDecisionRefusal = 'EMPTY_CAMPAIGN' | 'NOT_AN_ITEM' | 'SELF_REVIEW' | 'OUTSIDE_TEAMS';

export interface ReviewDecisionContext {
  /** Items the campaign lists. */
  campaignItems: number;
  /** The item decided on, or null when the campaign does not list it; `teamId` is the person's team. */
  item: { identityEmail: string; teamId: string | null } | null;
  reviewerEmail: string;
  /** null: the reviewer's role reaches every team; otherwise the teams they lead (possibly none). */
  reviewerTeamIds: readonly string[] | null;
}

const sameAddress = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Why the decision is refused, or null when the reviewer may record it. Checked in this order. */
export function reviewDecisionRefusal(context: ReviewDecisionContext): ReviewDecisionRefusal | null {
  if (context.campaignItems <= 0) return 'EMPTY_CAMPAIGN';
  const { item, reviewerTeamIds } = context;
  if (!item) return 'NOT_AN_ITEM';
  if (sameAddress(item.identityEmail, context.reviewerEmail)) return 'SELF_REVIEW';
  if (reviewerTeamIds !== null && (item.teamId === null || !reviewerTeamIds.includes(item.teamId))) return 'OUTSIDE_TEAMS';
  return null;
}
