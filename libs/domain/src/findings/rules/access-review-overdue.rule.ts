import { isoDayOfDate, wholeDaysBetween } from '../../model/date.util.js';
import type { Severity } from '../../model/enums.js';
import type { FindingCandidate } from '../../model/finding.model.js';
import { campaignProgress } from '../access-review.util.js';
import { buildCandidate, isoOrNull } from '../finding-candidate.factory.js';
import type { FindingRule } from '../finding-rule.js';
import { indexOf } from '../posture-index.js';
import { campaignSubject } from '../subject.util.js';

/**
 * A campaign past its due date with items still undecided (closing it does not make it complete).
 * HIGH when 30+ days overdue or under half done; MEDIUM otherwise. Campaigns due more than a year
 * ago are history, not findings.
 */
export const accessReviewOverdueRule: FindingRule = {
  kind: 'ACCESS_REVIEW_OVERDUE',
  domain: 'ACCESS_GOVERNANCE',
  description: 'An access-review campaign past its due date and not complete.',
  evaluate(input, asOf, settings) {
    const { lookbackDays, highAfterDaysOverdue, highBelowCompletion } = settings.accessReviewOverdue;
    const index = indexOf(input);
    const candidates: FindingCandidate[] = [];
    for (const campaign of index.input.accessReviewCampaigns) {
      if (campaign.startsAt.getTime() > asOf.getTime() || campaign.dueAt.getTime() >= asOf.getTime()) continue;
      const daysOverdue = wholeDaysBetween(campaign.dueAt, asOf);
      if (daysOverdue > lookbackDays) continue;
      const progress = campaignProgress(campaign, index, asOf);
      if (progress.completion >= 1) continue;
      const severity: Severity = daysOverdue >= highAfterDaysOverdue || progress.completion < highBelowCompletion ? 'HIGH' : 'MEDIUM';
      candidates.push(
        buildCandidate(
          {
            kind: 'ACCESS_REVIEW_OVERDUE',
            severity,
            subject: campaignSubject(campaign),
            ownerTeamId: campaign.ownerTeamId,
            // The due date, not the days overdue: the stored finding changes only when the facts do.
            params: { campaign: campaign.name, dueOn: isoDayOfDate(campaign.dueAt), completion: progress.completion },
            evidence: [
              {
                source: 'access-review',
                type: 'campaign-progress',
                summary: `${progress.decided} of ${campaign.totalItems} items decided; due ${isoDayOfDate(campaign.dueAt)}`,
                data: {
                  scope: campaign.scope,
                  startsAt: campaign.startsAt.toISOString(),
                  dueAt: campaign.dueAt.toISOString(),
                  closedAt: isoOrNull(campaign.closedAt),
                  totalItems: campaign.totalItems,
                  decided: progress.decided,
                  completion: progress.completion,
                },
              },
            ],
          },
          asOf,
          settings,
        ),
      );
    }
    return candidates;
  },
};
