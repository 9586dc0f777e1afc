import { addDays } from '../model/date.util.js';
import { campaignProgress, decisionsAsOf } from '../findings/access-review.util.js';
import { departureOf, possibleLeavers } from '../findings/departure.js';
import type { DomainMeasurement, ScorableFinding } from './score.model.js';
import { creditUnless, findingsBySubject, proportionalMetric, type CreditItem, type ScoringContext } from './scoring-context.js';

/** Departed identities: recent departures (or undated ones), plus any older leaver still holding access. */
const leaverItems = (context: ScoringContext): CreditItem[] => {
  const { asOf, index, settings } = context;
  const leaverFindings = findingsBySubject(context, 'LEAVER_ACTIVE_ACCESS');
  const since = addDays(asOf, -settings.leaverLookbackDays);
  // Only these can have departed (departureOf is null for the others): most identities cost a set lookup.
  const possible = new Set(possibleLeavers(index));
  const items: CreditItem[] = [];
  for (const identity of context.input.identities) {
    const finding = leaverFindings.get(identity.id);
    if (finding === undefined) {
      if (!possible.has(identity)) continue;
      const departure = departureOf(identity, index, asOf);
      if (departure === null || (departure.departedAt !== null && departure.departedAt < since)) continue;
    }
    items.push(creditUnless(1, finding));
  }
  return items;
};

const inReviewWindow = (context: ScoringContext) => {
  const since = addDays(context.asOf, -context.settings.reviewLookbackDays);
  return context.input.accessReviewCampaigns.filter((campaign) => campaign.startsAt <= context.asOf && campaign.dueAt >= since);
};

/** Review items of campaigns already due: decided ones earn credit, undecided ones are lost to the overdue finding. */
const completionItems = (context: ScoringContext): CreditItem[] => {
  const overdue = findingsBySubject(context, 'ACCESS_REVIEW_OVERDUE');
  const items: CreditItem[] = [];
  for (const campaign of inReviewWindow(context)) {
    if (campaign.dueAt >= context.asOf || campaign.totalItems <= 0) continue;
    const { decided } = campaignProgress(campaign, context.index, context.asOf);
    items.push({ weight: decided, credited: true });
    if (campaign.totalItems > decided) items.push({ weight: campaign.totalItems - decided, credited: false, lostTo: overdue.get(campaign.id) });
  }
  return items;
};

/** Every decision made so far; those of a rubber-stamping reviewer in that campaign earn no credit. */
const qualityItems = (context: ScoringContext): CreditItem[] => {
  const stamped = new Map<string, ScorableFinding>();
  for (const finding of context.findings) {
    if (finding.kind === 'ACCESS_REVIEW_RUBBER_STAMP') stamped.set(`${finding.qualifier}|${finding.subject.id}`, finding);
  }
  const items: CreditItem[] = [];
  for (const campaign of inReviewWindow(context)) {
    for (const decision of decisionsAsOf(campaign, context.index, context.asOf)) {
      const finding =
        (decision.reviewerIdentityId === null ? undefined : stamped.get(`${campaign.id}|${decision.reviewerIdentityId}`)) ??
        stamped.get(`${campaign.id}|${decision.reviewerEmail.toLowerCase()}`);
      items.push(creditUnless(1, finding));
    }
  }
  return items;
};

/** Leavers deprovisioned, review items completed on time, and reviews that were not rubber-stamped. */
export const measureAccessGovernance = (context: ScoringContext): DomainMeasurement => {
  const { metricWeights, leaverLookbackDays, reviewLookbackDays } = context.settings;
  return {
    domain: 'ACCESS_GOVERNANCE',
    unmeasuredReason: null,
    metrics: [
      proportionalMetric('leavers', 'Departed identities fully deprovisioned', metricWeights.leavers, leaverItems(context), `no departures in the last ${leaverLookbackDays} days`),
      proportionalMetric('review-completion', 'Review items decided in campaigns already due', metricWeights.reviewCompletion, completionItems(context), `no access-review campaign due in the last ${reviewLookbackDays} days`),
      proportionalMetric('review-quality', 'Review decisions not rubber-stamped', metricWeights.reviewQuality, qualityItems(context), `no access-review decisions in the last ${reviewLookbackDays} days`),
    ],
  };
};
