import { isAccountActiveAt } from '../model/as-of.util.js';
import type { ActivityRollup } from '../model/activity.model.js';
import { dayNumberOf } from '../model/date.util.js';
import { INTERNAL_COUNTRY } from '../model/enums.js';
import { departureOf, possibleLeavers } from '../findings/departure.js';
import type { PostureIndex } from '../findings/posture-index.js';
import { OFFSHORE_ACTIVITY, OFFSHORE_WORK_COUNTRY } from '../findings/rules/offshore-access.rule.js';
import type { DomainMeasurement } from './score.model.js';
import { creditUnless, findingsBySubject, proportionalMetric, type CreditItem, type ScoringContext } from './scoring-context.js';

/** Actors with located activity in the offshore lookback window; those with an offshore-activity finding lose credit. */
const activityItems = (context: ScoringContext): CreditItem[] => {
  const { index, asOf } = context;
  const findings = findingsBySubject(context, 'OFFSHORE_ACCESS', OFFSHORE_ACTIVITY);
  const asOfDay = dayNumberOf(asOf);
  const { start, end } = index.rollupRange(asOfDay - context.findingSettings.offshore.activityLookbackDays + 1, asOfDay);
  const { rollups } = index.rollupTimeline;
  const actors = new Set<string>();
  for (let i = start; i < end; i++) {
    const rollup = rollups[i] as ActivityRollup;
    if (rollup.events <= 0 || rollup.country === null || rollup.country === '' || rollup.country.toLowerCase() === INTERNAL_COUNTRY) continue;
    actors.add(index.identityOfActivity(rollup.principal, rollup.credentialExternalId)?.id ?? rollup.principal);
  }
  return [...actors].map((actor) => creditUnless(1, findings.get(actor)));
};

/** Whether the identity holds a production entitlement through an account active at `asOf`. */
const holdsProductionAccess = (index: PostureIndex, identityId: string, asOf: Date): boolean => {
  for (const account of index.accountsByIdentityId.get(identityId) ?? []) {
    if (!isAccountActiveAt(account, asOf)) continue;
    for (const entitlement of index.entitlementsByAccountId.get(account.id) ?? []) if (entitlement.production) return true;
  }
  return false;
};

/** Current identities holding production entitlements; those working abroad without approval lose credit. */
const approvalItems = (context: ScoringContext): CreditItem[] => {
  const { index, asOf } = context;
  const findings = findingsBySubject(context, 'OFFSHORE_ACCESS', OFFSHORE_WORK_COUNTRY);
  // Only these can have departed (departureOf is null for the others).
  const possible = new Set(possibleLeavers(index));
  const items: CreditItem[] = [];
  for (const identity of context.input.identities) {
    if (!holdsProductionAccess(index, identity.id, asOf) || (possible.has(identity) && departureOf(identity, index, asOf) !== null)) continue;
    items.push(creditUnless(1, findings.get(identity.id)));
  }
  return items;
};

export const measureCrossBorderAccess = (context: ScoringContext): DomainMeasurement => {
  if (context.index.approvedCountries.size === 0) {
    return { domain: 'CROSS_BORDER_ACCESS', metrics: [], unmeasuredReason: 'no approved countries configured' };
  }
  const { metricWeights } = context.settings;
  const days = context.findingSettings.offshore.activityLookbackDays;
  return {
    domain: 'CROSS_BORDER_ACCESS',
    unmeasuredReason: null,
    metrics: [
      proportionalMetric('offshore-activity', 'Active principals seen only from approved countries', metricWeights.offshoreActivity, activityItems(context), `no located activity in the last ${days} days`),
      proportionalMetric('offshore-approval', 'People with production access working in approved countries or with approval', metricWeights.offshoreApproval, approvalItems(context), 'no identity holds a production entitlement'),
    ],
  };
};
