import fc from 'fast-check';
import type { ActivityRollup } from '../../model/activity.model.js';
import { DAY_MS, endOfDay, isoDayOf } from '../../model/date.util.js';
import type { PostureInput } from '../../model/posture-input.model.js';
import { replay } from '../../replay/replay.js';
import { DEFAULT_FINDING_SETTINGS } from '../finding-settings.js';
import { aCredential, anIdentity, aPostureInput, aRollup } from '../../testing/posture-input.builder.js';
import { bulkExtractionRule } from './bulk-extraction.rule.js';

const day0 = Date.UTC(2025, 4, 1) / DAY_MS; // 2025-05-01
const asOf = new Date('2025-06-15T00:00:00Z');

/** One rollup per day from 2025-05-01, `volume(i)` bytes on day i, through Ana's key. */
const series = (principal: string, days: number, volume: (i: number) => number, extra: Partial<ActivityRollup> = {}): ActivityRollup[] =>
  Array.from({ length: days }, (_, i) => aRollup({ day: isoDayOf(day0 + i), principal, credentialExternalId: `${principal}-key`, events: 10, bytes: volume(i), ...extra }));

const inventory = (rollups: ActivityRollup[]): PostureInput =>
  aPostureInput({
    identities: [anIdentity({ id: 'ana', email: 'ana@example.com' })],
    credentials: [aCredential({ id: 'ana-key', externalId: 'ana@example.com-key', ownerIdentityId: 'ana' })],
    activity: { rollups, samples: [] },
  });

const evaluate = (rollups: ActivityRollup[], at = asOf) => bulkExtractionRule.evaluate(inventory(rollups), at, DEFAULT_FINDING_SETTINGS);

/** The first day (index from day0) a BULK_EXTRACTION fired for the series, or null: replayed day by day. */
const firstFiredDay = (rollups: ActivityRollup[], days: number): number | null => {
  const detections = replay(inventory(rollups), new Date(day0 * DAY_MS), endOfDay(day0 + days - 1), { kinds: ['BULK_EXTRACTION'] });
  const first = detections[0];
  return first === undefined ? null : Date.parse(first.firstDetectedOn) / DAY_MS - day0;
};

describe('BULK_EXTRACTION', () => {
  it('fires once for a principal and its key when a day reaches 10x the trailing median: one incident, one finding', () => {
    // 40 days at 200 MB, then day 40 (2025-06-10) at 2.5 GB: 2.5e9 >= 10 × 2e8 and >= 1e9
    const findings = evaluate(series('ana@example.com', 41, (i) => (i === 40 ? 2.5e9 : 2e8)));
    expect(findings.map((finding) => [finding.subject.type, finding.subject.id, finding.severity])).toEqual([['IDENTITY', 'ana', 'HIGH']]);
    const [summary, credential, ...daily] = findings[0]?.evidence ?? [];
    // ratio 2.5e9 / 2e8 = 12.5 → 13 (rounded)
    expect(summary).toMatchObject({ type: 'bulk-summary', data: { measure: 'bytes', peakDay: '2025-06-10', peakBytes: 2.5e9, baselineMedianBytes: 2e8, ratio: 13, credentials: 'ana@example.com-key' } });
    expect(credential).toMatchObject({ type: 'bulk-credential', data: { credentialId: 'ana-key', ownedBySubject: true, flaggedDays: 1, peakBytes: 2.5e9 } });
    // the daily series from 28 days before the first flagged day (2025-05-13) to 2025-06-10: 29 days
    expect(daily).toHaveLength(29);
    expect(daily[28]).toMatchObject({ type: 'daily-volume', data: { day: '2025-06-10', flagged: true } });
    expect(findings[0]?.title).toBe('ana moved 2.5 GB on Jun 10, 2025, 13× its 28-day median');
  });

  it('keeps a credential with no owner as its own subject: one finding with the unresolved principal that used it', () => {
    const rollups = series('svc-batch', 41, (i) => (i === 40 ? 2.5e9 : 2e8), { credentialExternalId: 'AKIAORPHAN' });
    const findings = bulkExtractionRule.evaluate(
      aPostureInput({ credentials: [aCredential({ id: 'orphan', externalId: 'AKIAORPHAN', ownerIdentityId: null })], activity: { rollups, samples: [] } }),
      asOf,
      DEFAULT_FINDING_SETTINGS,
    );
    expect(findings.map((finding) => [finding.subject.type, finding.subject.id])).toEqual([['CREDENTIAL', 'orphan']]);
    expect(findings[0]?.evidence.filter((record) => record.type === 'bulk-credential')).toHaveLength(1);
  });

  it('keeps two unowned credentials of one unresolved principal as one finding on the principal', () => {
    const rollups = [
      ...series('svc-batch', 41, (i) => (i === 40 ? 2.5e9 : 2e8), { credentialExternalId: 'AKIAONE' }),
      ...series('svc-batch', 41, (i) => (i === 40 ? 3e9 : 1e8), { credentialExternalId: 'AKIATWO' }),
    ];
    // Ana's own incident beside it stays hers
    rollups.push(...series('ana@example.com', 41, (i) => (i === 40 ? 2.5e9 : 2e8)));
    const findings = evaluate(rollups);
    expect(findings.map((finding) => [finding.subject.type, finding.subject.id])).toEqual([
      ['PRINCIPAL', 'svc-batch'],
      ['IDENTITY', 'ana'],
    ]);
    expect(findings[0]?.evidence[0]?.data['credentials']).toBe('AKIAONE,AKIATWO');
  });

  it('sums a day split over several rollups (its sources and offshore activity included)', () => {
    // Day 40 arrives as two rollups: 1.5 GB from cloudtrail at home and 1 GB from postgres in CN, 2.5 GB together.
    const rollups = series('ana@example.com', 41, (i) => (i === 40 ? 1.5e9 : 2e8));
    rollups.push(aRollup({ day: isoDayOf(day0 + 40), principal: 'ana@example.com', credentialExternalId: 'ana@example.com-key', events: 0, bytes: 1e9, source: 'postgres', country: 'CN' }));
    const [finding] = evaluate(rollups);
    expect(finding).toMatchObject({ severity: 'CRITICAL', subject: { type: 'IDENTITY', id: 'ana' } });
    const [summary, , ...daily] = finding?.evidence ?? [];
    expect(summary).toMatchObject({ source: 'cloudtrail,postgres', data: { peakBytes: 2.5e9, offshore: true } });
    expect(daily[daily.length - 1]).toMatchObject({ data: { day: '2025-06-10', bytes: 2.5e9, events: 10, offshore: true, flagged: true } });
  });

  it('does not fire at 5x the baseline, nor at 100x below the absolute floor', () => {
    expect(evaluate(series('ana@example.com', 41, (i) => (i === 40 ? 1e9 : 2e8)))).toEqual([]);
    expect(evaluate(series('ana@example.com', 41, (i) => (i === 40 ? 9e8 : 9e6)))).toEqual([]);
  });

  it('fires on request counts for a source without volume (an Okta or sign-in log), against the same baseline logic', () => {
    // 30 requests a day, then 600 on day 40 (20x, above the 500-request floor); no bytes at all
    const requests = (spike: number) =>
      series('ana@example.com', 41, () => 0, { source: 'okta-system-log', credentialExternalId: null }).map((rollup, i) => ({ ...rollup, events: i === 40 ? spike : 30 }));
    const [finding] = evaluate(requests(600));
    expect(finding).toMatchObject({ subject: { id: 'ana' }, title: 'ana made 600 requests on Jun 10, 2025, 20× its 28-day median' });
    expect(finding?.evidence[0]).toMatchObject({ data: { measure: 'requests', peakRequests: 600, baselineMedianRequests: 30 } });
    // 15x but below the floor: ordinary work
    expect(evaluate(requests(450))).toEqual([]);
  });

  it('learns a new series before it may fire without a baseline; fires on a sparse old series above the no-baseline floor', () => {
    // 6 GB on the first day of a series: no baseline yet, still learning → nothing
    expect(evaluate(series('ana@example.com', 1, () => 6e9, { day: '2025-06-01' }))).toEqual([]);
    // active on day 0, then quiet, then 6 GB on day 20: past the 14-day learning period, still no baseline (2 days)
    const sparse = [...series('ana@example.com', 1, () => 1e8), ...series('ana@example.com', 1, () => 6e9, { day: isoDayOf(day0 + 20) })];
    expect(evaluate(sparse).map((finding) => finding.evidence[0]?.data['baselineMedianBytes'])).toEqual([null]);
    expect(evaluate([...sparse.slice(0, 1), { ...(sparse[1] as ActivityRollup), bytes: 4e9 }])).toEqual([]);
  });

  it('fires on a leaver’s volume above the ordinary floor even without a baseline, CRITICAL', () => {
    const leaver = aPostureInput({
      identities: [anIdentity({ id: 'ana', email: 'ana@example.com', status: 'TERMINATED', terminationDate: new Date('2025-05-01T00:00:00Z') })],
      activity: { rollups: series('ana@example.com', 1, () => 2e9, { day: '2025-06-01', country: 'CN' }), samples: [] },
    });
    const findings = bulkExtractionRule.evaluate(leaver, asOf, DEFAULT_FINDING_SETTINGS);
    expect(findings.map((finding) => [finding.subject.id, finding.severity])).toEqual([['ana', 'CRITICAL']]);
    expect(findings[0]?.evidence[0]).toMatchObject({ data: { afterDeparture: true, offshore: true, baselineMedianBytes: null } });
  });

  it('judges a leaver’s days on the lower leaver floors: 20x a small baseline after departure fires, before it does not', () => {
    // 10 MB a day, then 200 MB a day from day 30 (20x, below the 1 GB floor, above the 100 MB leaver floor)
    const rollups = series('ana@example.com', 41, (i) => (i < 30 ? 1e7 : 2e8));
    const leaver = (terminationDate: Date | null) =>
      bulkExtractionRule.evaluate(
        aPostureInput({
          identities: [anIdentity({ id: 'ana', email: 'ana@example.com', status: terminationDate ? 'TERMINATED' : 'ACTIVE', terminationDate })],
          activity: { rollups, samples: [] },
        }),
        asOf,
        DEFAULT_FINDING_SETTINGS,
      );
    // left on day 29 (2025-05-30): day 30 on is after the departure
    expect(leaver(new Date(Date.UTC(2025, 4, 30))).map((finding) => [finding.severity, finding.evidence[0]?.data['firstFlaggedDay']])).toEqual([['CRITICAL', '2025-05-31']]);
    expect(leaver(null)).toEqual([]);
  });

  it('clears once the flagged day leaves the 30-day lookback, and never sees a day after asOf', () => {
    const rollups = series('ana@example.com', 41, (i) => (i === 40 ? 2.5e9 : 2e8));
    expect(evaluate(rollups, new Date('2025-07-10T00:00:00Z'))).toEqual([]);
    expect(evaluate(rollups, new Date('2025-06-09T23:59:59Z'))).toEqual([]);
  });

  it('accepts a level that persists 14 days as the new normal: a steady heavy user is not flagged forever', () => {
    // 30 days at 200 MB, then 3 GB every day from day 30: flagged days 30..43, the new normal from day 44
    const rollups = series('ana@example.com', 120, (i) => (i < 30 ? 2e8 : 3e9));
    const at = (i: number) => endOfDay(day0 + i);
    expect(evaluate(rollups, at(43))[0]?.evidence[0]).toMatchObject({ data: { flaggedDays: 14, firstFlaggedDay: isoDayOf(day0 + 30), lastFlaggedDay: isoDayOf(day0 + 43) } });
    // the finding stays open for 30 days after the last flagged day (43 + 29 = 72), then clears for good
    expect(evaluate(rollups, at(72))).toHaveLength(1);
    expect(evaluate(rollups, at(73))).toEqual([]);
    expect(evaluate(rollups, at(119))).toEqual([]);
  });

  it('keeps firing through a leaver’s sustained extraction: what follows a departure never becomes normal', () => {
    const rollups = series('ana@example.com', 90, (i) => (i < 30 ? 2e8 : 3e9));
    const input = aPostureInput({
      identities: [anIdentity({ id: 'ana', email: 'ana@example.com', status: 'TERMINATED', terminationDate: new Date(Date.UTC(2025, 4, 30)) })],
      activity: { rollups, samples: [] },
    });
    const late = endOfDay(day0 + 89); // 2025-07-29
    const [finding] = bulkExtractionRule.evaluate(input, late, DEFAULT_FINDING_SETTINGS);
    // every extraction day in the 30-day lookback (days 60..89) is flagged; the episode began on day 30 (2025-05-31)
    expect(finding?.evidence[0]).toMatchObject({ data: { flaggedDays: 30, lastFlaggedDay: '2025-07-29', episodeStartDay: '2025-05-31', afterDeparture: true } });
  });
});

describe('BULK_EXTRACTION baselines (properties)', () => {
  const level = fc.double({ min: 1e6, max: 1e12, noNaN: true });
  /** Multiplicative noise within ×0.5..×1.5 of the level: at most 3x apart, never 10x. */
  const noise = fc.double({ min: -0.5, max: 0.5, noNaN: true });

  it('never fires on a stationary series with noise (active every day or every other day)', () => {
    fc.assert(
      fc.property(level, fc.array(fc.tuple(noise, fc.constantFrom(1, 1, 2)), { minLength: 20, maxLength: 90 }), (base, steps) => {
        let day = 0;
        const rollups = steps.map(([n, gap]) => {
          day += gap;
          return aRollup({ day: isoDayOf(day0 + day), principal: 'ana@example.com', credentialExternalId: 'ana@example.com-key', events: 10, bytes: Math.round(base * (1 + n)) });
        });
        expect(firstFiredDay(rollups, day + 1)).toBeNull();
      }),
      { numRuns: 60 },
    );
  });

  it('fires on the first day of any step ≥ 10x the median over a stable baseline (and above the floor)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e7, max: 1e10, noNaN: true }),
        fc.array(fc.double({ min: -0.2, max: 0.2, noNaN: true }), { minLength: 21, maxLength: 60 }),
        fc.double({ min: 12.5, max: 1000, noNaN: true }),
        (base, noises, factor) => {
          // the step is ≥ 12.5 × base ≥ 10 × (the median, at most 1.2 × base), and at least the 1 GB floor
          const stepBytes = Math.max(factor * base, 1e9 * 1.01, 12.5 * base);
          const rollups = [...noises.map((n) => Math.round(base * (1 + n))), Math.round(stepBytes)].map((bytes, i) =>
            aRollup({ day: isoDayOf(day0 + i), principal: 'ana@example.com', credentialExternalId: 'ana@example.com-key', events: 10, bytes }),
          );
          expect(firstFiredDay(rollups, noises.length + 1)).toBe(noises.length);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('does not fire forever on a series that begins high: it is quiet once the new-normal period and the lookback have passed', () => {
    fc.assert(
      fc.property(level, fc.array(noise, { minLength: 80, maxLength: 120 }), (base, noises) => {
        const rollups = noises.map((n, i) => aRollup({ day: isoDayOf(day0 + i), principal: 'ana@example.com', credentialExternalId: 'ana@example.com-key', events: 10, bytes: Math.round(base * 50 * (1 + n)) }));
        const settings = DEFAULT_FINDING_SETTINGS.bulkExtraction;
        const quietFrom = settings.learningDays + settings.newNormalDays + settings.lookbackDays;
        const input = inventory(rollups);
        for (let i = quietFrom; i < noises.length; i += 7) expect(bulkExtractionRule.evaluate(input, endOfDay(day0 + i), DEFAULT_FINDING_SETTINGS)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});

describe('BULK_EXTRACTION on count-only sources (properties)', () => {
  /** A day of Ana's Okta System Log: events only, no volume (the System Log records none). */
  const oktaDay = (i: number, events: number): ActivityRollup =>
    aRollup({ day: isoDayOf(day0 + i), principal: 'ana@example.com', credentialExternalId: null, source: 'okta-system-log', events, bytes: 0, records: 0 });
  /** Weekdays only (2025-05-01 is a Thursday): a weekend has no events, so no rollup. */
  const weekday = (i: number): boolean => ![2, 3].includes(i % 7);

  it('never fires on a person’s ordinary days, however uneven: 1 to 200 events a weekday (a sign-in writes a handful)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 20, maxLength: 90 }), (counts) => {
        const rollups = counts.flatMap((events, i) => (weekday(i) ? [oktaDay(i, events)] : []));
        expect(firstFiredDay(rollups, counts.length)).toBeNull();
      }),
      { numRuns: 60 },
    );
  });

  it('never fires on a heavy but steady user at any level (an administrator, an integration): ±50 % around 10 to 50,000 events a weekday', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 50_000 }), fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: 20, maxLength: 90 }), (base, noises) => {
        const rollups = noises.flatMap((n, i) => (weekday(i) ? [oktaDay(i, Math.max(1, Math.round(base * (1 + n))))] : []));
        expect(firstFiredDay(rollups, noises.length)).toBeNull();
      }),
      { numRuns: 60 },
    );
  });
});
