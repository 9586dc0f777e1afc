import type { Severity } from '../../model/enums.js';
import type { FindingCandidate } from '../../model/finding.model.js';
import { buildCandidate, isoOrNull } from '../finding-candidate.factory.js';
import type { FindingRule } from '../finding-rule.js';
import { dataSourceSubject } from '../subject.util.js';
import { inputOf } from '../posture-index.js';

const HOUR_MS = 3_600_000;

/** "2025-07-01 06:30 UTC". */
const minuteOf = (date: Date): string => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
/** To the minute, as an ISO instant: the finding changes only when the facts do, not with every second of a run. */
const minuteIsoOf = (date: Date): string => `${date.toISOString().slice(0, 16)}:00.000Z`;

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
    for (const source of inputOf(input).dataSources) {
      if (!source.enabled || source.createdAt.getTime() > asOf.getTime()) continue;
      const last = source.lastSuccessfulRunAt;
      if (last !== null && last.getTime() > asOf.getTime()) continue;
      const hours = (asOf.getTime() - (last ?? source.createdAt).getTime()) / HOUR_MS;
      const ratio = hours / Math.max(source.expectedFreshnessHours, 1 / 60);
      if (ratio <= 1) continue;
      let severity: Severity = 'LOW';
      if (last === null || ratio >= highRatio) severity = 'HIGH';
      else if (ratio >= mediumRatio) severity = 'MEDIUM';
      // Times, not "hours ago": the stored finding changes only when the facts (or the severity) do.
      candidates.push(
        buildCandidate(
          {
            kind: 'DATA_SOURCE_STALE',
            severity,
            subject: dataSourceSubject(source),
            ownerTeamId: null,
            params: {
              name: source.name,
              lastDeliveredAt: last === null ? null : minuteIsoOf(last),
              addedAt: minuteIsoOf(source.createdAt),
              expectedEveryHours: source.expectedFreshnessHours,
            },
            evidence: [
              {
                source: source.type,
                type: 'source-freshness',
                summary: last === null
                  ? `no successful run since it was added ${minuteOf(source.createdAt)}, expected every ${source.expectedFreshnessHours}h`
                  : `last success ${minuteOf(last)}, expected every ${source.expectedFreshnessHours}h`,
                data: {
                  category: source.category,
                  createdAt: source.createdAt.toISOString(),
                  lastSuccessfulRunAt: isoOrNull(last),
                  expectedFreshnessHours: source.expectedFreshnessHours,
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
