import type { AccessReviewCampaign, AccessReviewDecision } from '../../model/access-review.model.js';
import type { Severity } from '../../model/enums.js';
import { medianOf } from '../../model/median.util.js';
import type { FindingCandidate } from '../../model/finding.model.js';
import { decisionsAsOf } from '../access-review.util.js';
import { departureOf } from '../departure.js';
import { buildCandidate } from '../finding-candidate.factory.js';
import type { FindingRule } from '../finding-rule.js';
import type { FindingSettings } from '../finding-settings.js';
import { indexOf, type PostureIndex } from '../posture-index.js';
import { identitySubject, principalSubject } from '../subject.util.js';

const reviewerKey = (decision: AccessReviewDecision): string => decision.reviewerIdentityId ?? decision.reviewerEmail.toLowerCase();

const evaluateReviewer = (
  campaign: AccessReviewCampaign,
  decisions: AccessReviewDecision[],
  index: PostureIndex,
  asOf: Date,
  settings: FindingSettings,
): FindingCandidate | null => {
  const { minDecisions, minKeepRatio, maxMedianSecondsBetweenDecisions } = settings.rubberStamp;
  if (decisions.length < minDecisions) return null;
  const keeps = decisions.filter((decision) => decision.decision === 'KEEP');
  const keepRatio = keeps.length / decisions.length;
  if (keepRatio < minKeepRatio) return null;
  const times = decisions.map((decision) => decision.decidedAt.getTime()).sort((a, b) => a - b);
  const gaps = times.slice(1).map((time, i) => (time - (times[i] as number)) / 1000);
  const medianSeconds = medianOf(gaps);
  if (medianSeconds > maxMedianSecondsBetweenDecisions) return null;

  // Keeping the access of someone who had already left is the damage a rubber stamp does.
  const keptLeavers = keeps.filter((decision) => {
    const subject = decision.subjectIdentityId === null ? undefined : index.identitiesById.get(decision.subjectIdentityId);
    return subject !== undefined && departureOf(subject, index, decision.decidedAt) !== null;
  });
  const severity: Severity = keptLeavers.length > 0 ? 'HIGH' : 'MEDIUM';
  const first = decisions[0] as AccessReviewDecision;
  const reviewer = first.reviewerIdentityId === null ? undefined : index.identitiesById.get(first.reviewerIdentityId);
  const spanSeconds = ((times[times.length - 1] as number) - (times[0] as number)) / 1000;
  return buildCandidate(
    {
      kind: 'ACCESS_REVIEW_RUBBER_STAMP',
      severity,
      subject: reviewer ? identitySubject(reviewer) : principalSubject(first.reviewerEmail.toLowerCase()),
      qualifier: campaign.id,
      ownerTeamId: reviewer?.teamId ?? campaign.ownerTeamId,
      params: { reviewer: reviewer?.displayName ?? first.reviewerEmail, campaign: campaign.name, approved: keeps.length, decisions: decisions.length, medianSeconds },
      evidence: [
        {
          source: 'access-review',
          type: 'reviewer-pattern',
          summary: `${Math.round(keepRatio * 100)}% kept, median ${medianSeconds}s between decisions, ${spanSeconds}s in total`,
          data: {
            campaign: campaign.name,
            decisions: decisions.length,
            keeps: keeps.length,
            keepRatio,
            medianSecondsBetweenDecisions: medianSeconds,
            spanSeconds,
            firstDecisionAt: new Date(times[0] as number).toISOString(),
            lastDecisionAt: new Date(times[times.length - 1] as number).toISOString(),
            keptLeavers: keptLeavers.length,
          },
        },
        ...keptLeavers.slice(0, settings.evidenceLimit).map((decision) => ({
          source: 'access-review',
          type: 'kept-leaver',
          summary: `kept ${decision.entitlement} for ${decision.subjectEmail}, who had already left`,
          data: { subjectEmail: decision.subjectEmail, entitlement: decision.entitlement, decidedAt: decision.decidedAt.toISOString() },
        })),
      ],
    },
    asOf,
    settings,
  );
};

/**
 * A reviewer who, in one campaign, made at least `minDecisions` decisions, kept (approved) at least
 * `minKeepRatio` of them, with a median gap between consecutive decisions of at most
 * `maxMedianSecondsBetweenDecisions`: nobody reads an entitlement in that time.
 */
export const accessReviewRubberStampRule: FindingRule = {
  kind: 'ACCESS_REVIEW_RUBBER_STAMP',
  domain: 'ACCESS_GOVERNANCE',
  description: 'A reviewer approving everything implausibly fast.',
  evaluate(input, asOf, settings) {
    const index = indexOf(input);
    const candidates: FindingCandidate[] = [];
    for (const campaign of index.input.accessReviewCampaigns) {
      if (campaign.startsAt.getTime() > asOf.getTime()) continue;
      const byReviewer = new Map<string, AccessReviewDecision[]>();
      for (const decision of decisionsAsOf(campaign, index, asOf)) {
        const key = reviewerKey(decision);
        const list = byReviewer.get(key);
        if (list) list.push(decision);
        else byReviewer.set(key, [decision]);
      }
      for (const decisions of byReviewer.values()) {
        const candidate = evaluateReviewer(campaign, decisions, index, asOf, settings);
        if (candidate) candidates.push(candidate);
      }
    }
    return candidates;
  },
};
