import { isAccountActiveAt } from '../model/as-of.util.js';
import type { ActivityRollup } from '../model/activity.model.js';
import { dayNumberOf } from '../model/date.util.js';
import { INTERNAL_COUNTRY } from '../model/enums.js';
import { departureOf, possibleLeavers } from '../findings/departure.js';
import type { PostureIndex } from '../findings/posture-index.js';
import type { Account, Identity } from '../model/identity.model.js';
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

/**
 * Identities, in input order, with their accounts that carry a production entitlement: what does not change with
 * the as-of, derived once per identities, accounts and entitlements tables (the next evaluation reuses it).
 */
const productionAccountsOf = (index: PostureIndex): readonly { identity: Identity; accounts: readonly Account[] }[] =>
  index.derived('productionAccounts', [index.input.identities, index.input.accounts, index.input.entitlements], () =>
    index.input.identities.flatMap((identity) => {
      const accounts = (index.accountsByIdentityId.get(identity.id) ?? []).filter((account) =>
        (index.entitlementsByAccountId.get(account.id) ?? []).some((entitlement) => entitlement.production),
      );
      return accounts.length === 0 ? [] : [{ identity, accounts }];
    }),
  );

/** Current identities holding production entitlements (through an account active at the as-of); those working abroad without approval lose credit. */
const approvalItems = (context: ScoringContext): CreditItem[] => {
  const { index, asOf } = context;
  const findings = findingsBySubject(context, 'OFFSHORE_ACCESS', OFFSHORE_WORK_COUNTRY);
  // Only these can have departed (departureOf is null for the others).
  const possible = new Set(possibleLeavers(index));
  const items: CreditItem[] = [];
  for (const { identity, accounts } of productionAccountsOf(index)) {
    if (!accounts.some((account) => isAccountActiveAt(account, asOf)) || (possible.has(identity) && departureOf(identity, index, asOf) !== null)) continue;
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
