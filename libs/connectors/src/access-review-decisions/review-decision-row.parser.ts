import type { ReviewDecision } from '@postureboard/domain';
import type { ReviewDecisionObservation } from '../core/observation.js';
import { normaliseEmail } from '../core/util/email.util.js';
import { parseIsoDate } from '../core/util/iso-date.util.js';
import type { ReviewDecisionColumn } from './review-decision.columns.js';

const DECISIONS: Readonly<Record<string, ReviewDecision>> = { keep: 'KEEP', revoke: 'REVOKE' };

export type ReviewDecisionRowResult =
  | { ok: true; decision: ReviewDecisionObservation }
  | { ok: false; field: ReviewDecisionColumn; reason: string };

/** One decision row → a review decision; every bad value is named in one rejection. */
export function parseReviewDecisionRow(values: Readonly<Record<string, string>>): ReviewDecisionRowResult {
  const problems: { field: ReviewDecisionColumn; reason: string }[] = [];
  const text = (field: ReviewDecisionColumn): string => (values[field] ?? '').trim();
  const required = (field: ReviewDecisionColumn): string => {
    const value = text(field);
    if (value === '') problems.push({ field, reason: `${field} is empty` });
    return value;
  };
  const email = (field: ReviewDecisionColumn): string => {
    const value = required(field);
    const normalised = value === '' ? '' : normaliseEmail(value);
    if (normalised === null) problems.push({ field, reason: `${field} is not an e-mail address: "${value}"` });
    return normalised ?? '';
  };

  const campaign = required('campaign');
  const reviewerEmail = email('reviewer_email');
  const identityEmail = email('identity_email');
  const entitlement = required('entitlement');
  const decisionText = required('decision');
  const decision = DECISIONS[decisionText.toLowerCase()];
  if (decisionText !== '' && !decision) problems.push({ field: 'decision', reason: `decision must be keep or revoke; found "${decisionText}"` });
  const decidedAtText = required('decided_at');
  const decidedAt = decidedAtText === '' ? null : parseIsoDate(decidedAtText);
  if (decidedAtText !== '' && !decidedAt) problems.push({ field: 'decided_at', reason: `decided_at is not an ISO 8601 date-time: "${decidedAtText}"` });

  if (problems.length > 0 || !decision || !decidedAt) {
    return { ok: false, field: problems[0].field, reason: problems.map((problem) => problem.reason).join('; ') };
  }
  return {
    ok: true,
    decision: { kind: 'review-decision', campaign, reviewerEmail, identityEmail, entitlement, decision, decidedAt, reason: text('reason') || null },
  };
}
