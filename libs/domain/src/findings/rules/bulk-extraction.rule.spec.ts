import type { ActivityRollup } from '../../model/activity.model.js';
import { DAY_MS, isoDayOf } from '../../model/date.util.js';
import { DEFAULT_FINDING_SETTINGS } from '../finding-settings.js';
import { aCredential, anIdentity, aPostureInput, aRollup } from '../../testing/posture-input.builder.js';
import { bulkExtractionRule } from './bulk-extraction.rule.js';

const day0 = Date.UTC(2025, 4, 1) / DAY_MS; // 2025-05-01
const asOf = new Date('2025-06-15T00:00:00Z');

/** One rollup per day from 2025-05-01, `volume(i)` bytes on day i. */
const series = (principal: string, days: number, volume: (i: number) => number, extra: Partial<ActivityRollup> = {}): ActivityRollup[] =>
  Array.from({ length: days }, (_, i) => aRollup({ day: isoDayOf(day0 + i), principal, credentialExternalId: `${principal}-key`, events: 10, bytes: volume(i), ...extra }));

const evaluate = (rollups: ActivityRollup[], at = asOf) =>
  bulkExtractionRule.evaluate(
    aPostureInput({ identities: [anIdentity({ id: 'ana', email: 'ana@example.com' })], credentials: [aCredential({ id: 'ana-key', externalId: 'ana@example.com-key', ownerIdentityId: 'ana' })], activity: { rollups, samples: [] } }),
    at,
    DEFAULT_FINDING_SETTINGS,
  );

describe('BULK_EXTRACTION', () => {
  it('fires per credential and per principal when a day reaches 10x the trailing median and the floor', () => {
    // 40 days at 200 MB, then day 40 (2025-06-10) at 2.5 GB: 2.5e9 >= 10 × 2e8 and >= 1e9
    const findings = evaluate(series('ana@example.com', 41, (i) => (i === 40 ? 2.5e9 : 2e8)));
    expect(findings.map((finding) => [finding.subject.type, finding.subject.id, finding.severity])).toEqual([
      ['CREDENTIAL', 'ana-key'],
      ['IDENTITY', 'ana'],
    ].map(([type, id]) => [type, id, 'HIGH']));
    const [summary, ...daily] = findings[0]?.evidence ?? [];
    // ratio 2.5e9 / 2e8 = 12.5 → 13 (rounded)
    expect(summary).toMatchObject({ type: 'bulk-summary', data: { peakDay: '2025-06-10', peakBytes: 2.5e9, baselineMedianBytes: 2e8, ratio: 13 } });
    // the daily series from 28 days before the first flagged day (2025-05-13) to 2025-06-10: 29 days
    expect(daily).toHaveLength(29);
    expect(daily[28]).toMatchObject({ type: 'daily-volume', data: { day: '2025-06-10', flagged: true } });
  });

  it('sums a day split over several rollups (its sources and offshore activity included)', () => {
    // Day 40 arrives as two rollups: 1.5 GB from cloudtrail at home and 1 GB from postgres in CN, 2.5 GB together.
    const rollups = series('ana@example.com', 41, (i) => (i === 40 ? 1.5e9 : 2e8));
    rollups.push(aRollup({ day: isoDayOf(day0 + 40), principal: 'ana@example.com', credentialExternalId: 'ana@example.com-key', events: 0, bytes: 1e9, source: 'postgres', country: 'CN' }));
    const [finding] = evaluate(rollups);
    expect(finding).toMatchObject({ severity: 'CRITICAL', subject: { type: 'CREDENTIAL', id: 'ana-key' } });
    const [summary, ...daily] = finding?.evidence ?? [];
    expect(summary).toMatchObject({ source: 'cloudtrail,postgres', data: { peakBytes: 2.5e9, offshore: true } });
    expect(daily[daily.length - 1]).toMatchObject({ data: { day: '2025-06-10', bytes: 2.5e9, events: 10, offshore: true, flagged: true } });
  });

  it('does not fire at 5x the baseline, nor at 100x below the absolute floor', () => {
    expect(evaluate(series('ana@example.com', 41, (i) => (i === 40 ? 1e9 : 2e8)))).toEqual([]);
    expect(evaluate(series('ana@example.com', 41, (i) => (i === 40 ? 9e8 : 9e6)))).toEqual([]);
  });

  it('fires on a large volume with no baseline, and on a smaller one from someone who had left', () => {
    // 6 GB on a first day of activity: no baseline, >= the 5 GB no-baseline floor
    expect(evaluate(series('ana@example.com', 1, () => 6e9, { day: '2025-06-01' }))).toHaveLength(2);
    expect(evaluate(series('ana@example.com', 1, () => 2e9, { day: '2025-06-01' }))).toEqual([]);
    const leaver = aPostureInput({
      identities: [anIdentity({ id: 'ana', email: 'ana@example.com', status: 'TERMINATED', terminationDate: new Date('2025-05-01T00:00:00Z') })],
      activity: { rollups: series('ana@example.com', 1, () => 2e9, { day: '2025-06-01', country: 'CN' }), samples: [] },
    });
    const findings = bulkExtractionRule.evaluate(leaver, asOf, DEFAULT_FINDING_SETTINGS);
    expect(findings.map((finding) => finding.severity)).toEqual(['CRITICAL', 'CRITICAL']);
    expect(findings[0]?.evidence[0]).toMatchObject({ data: { afterDeparture: true, offshore: true, baselineMedianBytes: null } });
  });

  it('clears once the flagged day leaves the 30-day lookback, and never sees a day after asOf', () => {
    const rollups = series('ana@example.com', 41, (i) => (i === 40 ? 2.5e9 : 2e8));
    expect(evaluate(rollups, new Date('2025-07-10T00:00:00Z'))).toEqual([]);
    expect(evaluate(rollups, new Date('2025-06-09T23:59:59Z'))).toEqual([]);
  });

  it('keeps firing through a sustained extraction instead of letting it become the baseline', () => {
    // 30 days at 200 MB, then 3 GB every day for 60 days (days 30..89). Without excluding flagged days,
    // the trailing 28-day median reaches 3 GB by day 58 and later days stop being flagged.
    const rollups = series('ana@example.com', 90, (i) => (i < 30 ? 2e8 : 3e9));
    const late = new Date(Date.UTC(2025, 4, 1) + 89 * DAY_MS + 12 * 3600 * 1000); // 2025-07-29, day 89
    const findings = evaluate(rollups, late);
    expect(findings.map((finding) => finding.subject.type)).toEqual(['CREDENTIAL', 'IDENTITY']);
    // every extraction day in the 30-day lookback (days 60..89) is flagged
    // the episode began on day 30 (2025-05-31), long before the 30-day lookback
    expect(findings[0]?.evidence[0]).toMatchObject({ data: { flaggedDays: 30, lastFlaggedDay: '2025-07-29', episodeStartDay: '2025-05-31' } });
  });
});
