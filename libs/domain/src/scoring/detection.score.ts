import { isCredentialActiveAt } from '../model/as-of.util.js';
import { DATA_SOURCE_CATEGORIES } from '../model/enums.js';
import { isCredentialUseVisible } from '../findings/rules/key-unused.rule.js';
import { credentialCriticalityWeight } from '../rotation/credential-criticality.js';
import { wholeDaysBetween } from '../model/date.util.js';
import { OFFSHORE_ACTIVITY } from '../findings/rules/offshore-access.rule.js';
import { firstDetectedAtOf, statusOf, type DomainMeasurement, type ScorableFinding } from './score.model.js';
import { creditUnless, findingsBySubject, proportionalMetric, type CreditItem, type ScoringContext } from './scoring-context.js';

const isAnomaly = (finding: ScorableFinding): boolean =>
  finding.kind === 'BULK_EXTRACTION' || (finding.kind === 'OFFSHORE_ACCESS' && finding.qualifier === OFFSHORE_ACTIVITY);

/** Followed up: acknowledged or risk-accepted, or still inside its follow-up window. No anomalies: full credit. */
const followUpItems = (context: ScoringContext): CreditItem[] =>
  context.findings.filter(isAnomaly).map((finding) => {
    const status = statusOf(finding);
    const fresh = status === 'OPEN' && wholeDaysBetween(firstDetectedAtOf(finding), context.asOf) < context.settings.anomalyFollowUpDays;
    const followed = status === 'ACKNOWLEDGED' || status === 'RISK_ACCEPTED' || fresh;
    return { weight: 1, credited: followed, lostTo: followed ? undefined : finding };
  });

/**
 * Active credentials whose use is seen (reported by their source, or named in access events), weighted by
 * criticality: a production signing key nobody can see being used is the blind spot of the breach this product
 * was built after. The rest are a coverage gap, not KEY_UNUSED findings.
 */
const useCoverageItems = (context: ScoringContext): CreditItem[] =>
  context.input.credentials
    .filter((credential) => isCredentialActiveAt(credential, context.asOf))
    .map((credential) => ({
      weight: credentialCriticalityWeight(credential.kind, credential.environment),
      credited: isCredentialUseVisible(credential, context.index, context.asOf),
    }));

/** Log-source coverage of the four categories, freshness of each enabled source, credential-use coverage and anomaly follow-up. */
export const measureDetection = (context: ScoringContext): DomainMeasurement => {
  const sources = context.input.dataSources.filter((source) => source.enabled && source.createdAt <= context.asOf);
  if (sources.length === 0) return { domain: 'DETECTION', metrics: [], unmeasuredReason: 'no data sources configured' };
  const stale = findingsBySubject(context, 'DATA_SOURCE_STALE');
  const covered = new Set(sources.map((source) => source.category));
  const { metricWeights } = context.settings;
  const followUp = followUpItems(context);
  return {
    domain: 'DETECTION',
    unmeasuredReason: null,
    metrics: [
      proportionalMetric(
        'source-coverage',
        'Source categories covered (identity, credentials, access events, access reviews)',
        metricWeights.sourceCoverage,
        DATA_SOURCE_CATEGORIES.map((category) => ({ weight: 1, credited: covered.has(category) })),
        'no source categories',
      ),
      proportionalMetric('source-freshness', 'Enabled sources delivering on time', metricWeights.sourceFreshness, sources.map((source) => creditUnless(1, stale.get(source.id))), 'no enabled sources'),
      proportionalMetric(
        'use-coverage',
        'Active credentials whose use is observed (criticality-weighted)',
        metricWeights.useCoverage,
        useCoverageItems(context),
        'no active credentials',
      ),
      followUp.length === 0
        ? { name: 'anomaly-follow-up', label: 'Anomalies followed up', weight: metricWeights.anomalyFollowUp, measurement: { numerator: 0, denominator: 0, value: 1 }, losses: [] }
        : proportionalMetric('anomaly-follow-up', 'Anomalies followed up', metricWeights.anomalyFollowUp, followUp, 'no anomalies'),
    ],
  };
};
