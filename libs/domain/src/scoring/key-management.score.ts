import { isCredentialActiveAt } from '../model/as-of.util.js';
import { isCredentialUseJudged } from '../findings/rules/key-unused.rule.js';
import { credentialCriticalityWeight } from '../rotation/credential-criticality.js';
import type { DomainMeasurement, ScorableFinding } from './score.model.js';
import { creditUnless, findingsBySubject, proportionalMetric, type CreditItem, type ScoringContext } from './scoring-context.js';

/**
 * Over active credentials, each weighted by criticality (kind × environment): the weighted share
 * within rotation policy, with an owner, and in use (usage only over credentials whose source reports use).
 */
export const measureKeyManagement = (context: ScoringContext): DomainMeasurement => {
  const active = context.input.credentials.filter((credential) => isCredentialActiveAt(credential, context.asOf));
  if (active.length === 0) return { domain: 'KEY_MANAGEMENT', metrics: [], unmeasuredReason: 'no active credentials in the inventory' };
  const overdue = findingsBySubject(context, 'KEY_ROTATION_OVERDUE');
  const unowned = findingsBySubject(context, 'KEY_NO_OWNER');
  const unused = findingsBySubject(context, 'KEY_UNUSED');
  const weighted = active.map((credential) => ({ credential, weight: credentialCriticalityWeight(credential.kind, credential.environment) }));
  const items = (lostTo: Map<string, ScorableFinding>, filter: (entry: (typeof weighted)[number]) => boolean = () => true): CreditItem[] =>
    weighted.filter(filter).map(({ credential, weight }) => creditUnless(weight, lostTo.get(credential.id)));
  const usageKinds = context.findingSettings.keyUnused.kinds;
  const { metricWeights } = context.settings;
  return {
    domain: 'KEY_MANAGEMENT',
    unmeasuredReason: null,
    metrics: [
      proportionalMetric('rotation', 'Credentials within rotation policy (criticality-weighted)', metricWeights.rotation, items(overdue), 'no active credentials'),
      proportionalMetric('ownership', 'Credentials with an owner (criticality-weighted)', metricWeights.ownership, items(unowned), 'no active credentials'),
      proportionalMetric(
        'usage',
        'Credentials in use (criticality-weighted)',
        metricWeights.usage,
        items(unused, ({ credential }) => isCredentialUseJudged(credential, usageKinds)),
        'no active credentials of a kind whose use is observed',
      ),
    ],
  };
};
