import fc from 'fast-check';
import { addDays, isoDayOf } from '../model/date.util.js';
import { daysToDetectPeriod, DAYS_TO_DETECT_PERIOD_DAYS, incidentsOfFindings, summariseDaysToDetect, type DetectionIncident } from './days-to-detect.js';

const BASE_DAY = 20_000; // 2024-10-04
const from = new Date(BASE_DAY * 86_400_000);
const to = addDays(from, 89);
const LAST_DAY = BASE_DAY + 89;

/** An incident begun up to 60 days before the period and detected 0–40 days later, or never. */
const incidentArb = fc
  .record({ start: fc.integer({ min: BASE_DAY - 60, max: LAST_DAY + 10 }), delay: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }) })
  .map(({ start, delay }): DetectionIncident => ({ activityStartedOn: isoDayOf(start), firstDetectedOn: delay === null ? null : isoDayOf(start + delay) }));

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const detectedInPeriod = (incident: DetectionIncident): boolean =>
  incident.firstDetectedOn !== null && day(incident.firstDetectedOn) >= BASE_DAY && day(incident.firstDetectedOn) <= LAST_DAY;
const delayOf = (incident: DetectionIncident): number => day(incident.firstDetectedOn as string) - day(incident.activityStartedOn);

describe('summariseDaysToDetect (properties)', () => {
  it('is a median of the per-incident days of the incidents detected in the period: at least half are at or below it, at least half at or above', () => {
    fc.assert(
      fc.property(fc.array(incidentArb, { maxLength: 40 }), (incidents) => {
        const summary = summariseDaysToDetect(incidents, from, to);
        const delays = incidents.filter(detectedInPeriod).map(delayOf);
        expect(summary.detected).toBe(delays.length);
        if (delays.length === 0) {
          expect(summary.medianDays).toBeNull();
          return;
        }
        const median = summary.medianDays as number;
        expect(delays.filter((d) => d <= median).length * 2).toBeGreaterThanOrEqual(delays.length);
        expect(delays.filter((d) => d >= median).length * 2).toBeGreaterThanOrEqual(delays.length);
        expect(median).toBeGreaterThanOrEqual(Math.min(...delays));
        expect(median).toBeLessThanOrEqual(Math.max(...delays));
      }),
    );
  });

  it('counts an incident not detected by the end of the period apart: the median does not move, "not detected yet" grows by one', () => {
    fc.assert(
      fc.property(
        fc.array(incidentArb, { maxLength: 40 }),
        fc.integer({ min: BASE_DAY - 60, max: LAST_DAY }),
        fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
        (incidents, start, afterPeriod) => {
          const missed: DetectionIncident = { activityStartedOn: isoDayOf(start), firstDetectedOn: afterPeriod === null ? null : isoDayOf(LAST_DAY + afterPeriod) };
          const before = summariseDaysToDetect(incidents, from, to);
          const after = summariseDaysToDetect([...incidents, missed], from, to);
          expect(after.medianDays).toBe(before.medianDays);
          expect(after.detected).toBe(before.detected);
          expect(after.notDetectedYet).toBe(before.notDetectedYet + 1);
        },
      ),
    );
  });

  it('moves by k when every detection in the period comes k days later (and stays in it)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ start: fc.integer({ min: BASE_DAY - 30, max: BASE_DAY + 40 }), delay: fc.integer({ min: 0, max: 20 }) }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 20 }), (rows, k) => {
        const at = (shift: number): DetectionIncident[] =>
          rows.map(({ start, delay }) => ({ activityStartedOn: isoDayOf(start), firstDetectedOn: isoDayOf(Math.max(start + delay, BASE_DAY) + shift) }));
        const base = summariseDaysToDetect(at(0), from, to);
        const later = summariseDaysToDetect(at(k), from, to);
        expect(later.detected).toBe(base.detected);
        expect(later.medianDays).toBe((base.medianDays as number) + k);
      }),
    );
  });

  it('is 0 when every incident is detected on the day it began', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: BASE_DAY, max: LAST_DAY }), { minLength: 1, maxLength: 30 }), (starts) => {
        const summary = summariseDaysToDetect(starts.map((s) => ({ activityStartedOn: isoDayOf(s), firstDetectedOn: isoDayOf(s) })), from, to);
        expect(summary).toEqual({ from: isoDayOf(BASE_DAY), to: isoDayOf(LAST_DAY), medianDays: 0, detected: starts.length, notDetectedYet: 0 });
      }),
    );
  });
});

describe('summariseDaysToDetect', () => {
  it('takes the median of the incidents detected in the period, the mean of the two middle ones for an even count', () => {
    const incidents: DetectionIncident[] = [
      { activityStartedOn: '2025-05-01', firstDetectedOn: '2025-05-30' }, // detected before the period: not counted
      { activityStartedOn: '2025-06-01', firstDetectedOn: '2025-06-01' }, // 0
      { activityStartedOn: '2025-06-05', firstDetectedOn: '2025-06-08' }, // 3
      { activityStartedOn: '2025-05-25', firstDetectedOn: '2025-06-02' }, // begun before the period, detected in it: 8
      { activityStartedOn: '2025-06-20', firstDetectedOn: '2025-06-30' }, // 10
      { activityStartedOn: '2025-06-25', firstDetectedOn: '2025-07-02' }, // detected after the period: not detected yet on 06-30
      { activityStartedOn: '2025-06-28', firstDetectedOn: null }, // not detected yet
      { activityStartedOn: '2025-07-01', firstDetectedOn: null }, // begun after the period: not in it
    ];
    expect(summariseDaysToDetect(incidents, new Date('2025-06-01T00:00:00Z'), new Date('2025-06-30T23:00:00Z'))).toEqual({
      from: '2025-06-01',
      to: '2025-06-30',
      medianDays: 5.5, // (3 + 8) / 2
      detected: 4,
      notDetectedYet: 2,
    });
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => summariseDaysToDetect([], new Date('2025-06-02T00:00:00Z'), new Date('2025-06-01T00:00:00Z'))).toThrow(RangeError);
  });

  it('reads tracked findings: only those with a start day are incidents, and one first detected after the as-of date is not detected yet', () => {
    const asOf = new Date('2025-06-30T12:00:00Z');
    expect(
      incidentsOfFindings(
        [
          { firstDetectedAt: new Date('2025-06-10T03:00:00Z'), activityStartedOn: '2025-06-08' },
          { firstDetectedAt: new Date('2025-06-10T03:00:00Z') },
          { firstDetectedAt: new Date('2025-06-10T03:00:00Z'), activityStartedOn: null },
          { firstDetectedAt: new Date('2025-07-01T03:00:00Z'), activityStartedOn: '2025-06-29' },
        ],
        asOf,
      ),
    ).toEqual([
      { activityStartedOn: '2025-06-08', firstDetectedOn: '2025-06-10' },
      { activityStartedOn: '2025-06-29', firstDetectedOn: null },
    ]);
  });

  it('looks back over the 90 days ending on the as-of day', () => {
    const { from: start, to: end } = daysToDetectPeriod(new Date('2025-06-30T12:00:00Z'));
    expect(DAYS_TO_DETECT_PERIOD_DAYS).toBe(90);
    expect(summariseDaysToDetect([], start, end)).toMatchObject({ from: '2025-04-02', to: '2025-06-30' }); // 29 + 31 + 30 = 90 days
  });
});
