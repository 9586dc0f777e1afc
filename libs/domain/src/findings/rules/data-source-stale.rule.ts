import type { Severity } from '../../model/enums.js';
import type { FindingCandidate } from '../../model/finding.model.js';
import { buildCandidate, isoOrNull } from '../finding-candidate.factory.js';
import type { FindingRule } from '../finding-rule.js';
import { dataSourceSubject } from '../subject.util.js';

const HOUR_MS = 3_600_000;

/**
 * An enabled source whose last successful run is older than its expected freshness (or that never
 * succeeded once that long has passed since it was added). Staleness ratio = hours since the last
 * success / expected hours: HIGH from `highRatio` or when it never succeeded, MEDIUM from
 * `mediumRatio`, LOW below. A success recorded after `asOf` hides the run before it: no finding then.
 */
export const dataSourceStaleRule: FindingRule = {
  kind: 'DATA_SOURCE_STALE',
  domain: 'DETECTION',
  description: 'A data source that has not delivered within its expected freshness.',
  evaluate(input, asOf, settings) {
    const { mediumRatio, highRatio } = settings.dataSourceStale;
    const candidates: FindingCandidate[] = [];
    for (const source of input.dataSources) {
      if (!source.enabled || source.createdAt.getTime() > asOf.getTime()) continue;
      const last = source.lastSuccessfulRunAt;
      if (last !== null && last.getTime() > asOf.getTime()) continue;
      const hours = (asOf.getTime() - (last ?? source.createdAt).getTime()) / HOUR_MS;
      const ratio = hours / Math.max(source.expectedFreshnessHours, 1 / 60);
      if (ratio <= 1) continue;
      let severity: Severity = 'LOW';
      if (last === null || ratio >= highRatio) severity = 'HIGH';
      else if (ratio >= mediumRatio) severity = 'MEDIUM';
      const roundedHours = Math.round(hours);
      candidates.push(
        buildCandidate(
          {
            kind: 'DATA_SOURCE_STALE',
            severity,
            subject: dataSourceSubject(source),
            ownerTeamId: null,
            title: last === null
              ? `${source.name} has never delivered (added ${roundedHours} hours ago)`
              : `${source.name} last delivered ${roundedHours} hours ago (expected every ${source.expectedFreshnessHours})`,
            evidence: [
              {
                source: source.type,
                type: 'source-freshness',
                summary: `${roundedHours}h since last success, ${Math.round(ratio * 10) / 10}x the expected ${source.expectedFreshnessHours}h`,
                data: {
                  category: source.category,
                  lastSuccessfulRunAt: isoOrNull(last),
                  expectedFreshnessHours: source.expectedFreshnessHours,
                  hoursSinceLastSuccess: roundedHours,
                  stalenessRatio: Math.round(ratio * 100) / 100,
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
