export const REVIEW_DECISION_COLUMNS = ['campaign', 'reviewer_email', 'identity_email', 'entitlement', 'decision', 'decided_at', 'reason'] as const;

export type ReviewDecisionColumn = (typeof REVIEW_DECISION_COLUMNS)[number];
