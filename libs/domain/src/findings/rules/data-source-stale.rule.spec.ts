import { DEFAULT_FINDING_SETTINGS } from '../finding-settings.js';
import { aDataSource, aPostureInput } from '../../testing/posture-input.builder.js';
import { dataSourceStaleRule } from './data-source-stale.rule.js';

const asOf = new Date('2025-07-01T00:00:00Z');
const hoursAgo = (hours: number) => new Date(asOf.getTime() - hours * 3_600_000);

describe('DATA_SOURCE_STALE', () => {
  it('grades staleness by how many expected periods have passed', () => {
    const input = aPostureInput({
      dataSources: [
        aDataSource({ id: 'fresh', lastSuccessfulRunAt: hoursAgo(20) }),
        aDataSource({ id: 'late', lastSuccessfulRunAt: hoursAgo(30) }),
        aDataSource({ id: 'stale', lastSuccessfulRunAt: hoursAgo(72) }),
        aDataSource({ id: 'dead', lastSuccessfulRunAt: hoursAgo(24 * 8) }),
        aDataSource({ id: 'never', createdAt: hoursAgo(48) }),
        aDataSource({ id: 'just-added', createdAt: hoursAgo(2) }),
        aDataSource({ id: 'disabled', enabled: false, lastSuccessfulRunAt: hoursAgo(1000) }),
      ],
    });
    const findings = dataSourceStaleRule.evaluate(input, asOf, DEFAULT_FINDING_SETTINGS);
    // ratios against 24 h: 30/24 = 1.25 LOW, 72/24 = 3 MEDIUM, 192/24 = 8 HIGH, never succeeded in 48 h → HIGH
    expect(findings.map((finding) => [finding.subject.id, finding.severity, finding.evidence[0]?.data['lastSuccessfulRunAt']])).toEqual([
      ['late', 'LOW', hoursAgo(30).toISOString()],
      ['stale', 'MEDIUM', hoursAgo(72).toISOString()],
      ['dead', 'HIGH', hoursAgo(24 * 8).toISOString()],
      ['never', 'HIGH', null],
    ]);
    expect(findings.map((finding) => finding.title)).toEqual([
      'late last delivered Jun 29, 2025, 18:00 UTC (expected every 24 hours)',
      'stale last delivered Jun 28, 2025, 00:00 UTC (expected every 24 hours)',
      'dead last delivered Jun 23, 2025, 00:00 UTC (expected every 24 hours)',
      'never has never delivered (added Jun 29, 2025, 00:00 UTC)',
    ]);
  });

  it('does not judge a past asOf by a success recorded after it', () => {
    const input = aPostureInput({ dataSources: [aDataSource({ id: 'later', lastSuccessfulRunAt: new Date('2025-07-02T00:00:00Z') })] });
    expect(dataSourceStaleRule.evaluate(input, asOf, DEFAULT_FINDING_SETTINGS)).toEqual([]);
  });
});
