import fc from 'fast-check';
import { DAY_MS } from '../model/date.util.js';
import { ACTIVITY_WINDOW_DAYS, retentionPlan } from './retention-plan.js';

const month = (year: number, m: number) => `${year}-${String(m).padStart(2, '0')}`;

describe('retention plan', () => {
  it('keeps exactly the retention in days up to today and drops only months wholly before it', () => {
    // 2026-12-07 with 400 days kept: 2026-12-07 back to 2025-11-03 inclusive (399 days before today).
    const plan = retentionPlan(new Date('2026-12-07T15:00:00Z'), 400, ['2025-12', '2025-09', '2025-10', '2025-11', '2026-12']);
    expect(plan).toEqual({ cutoffDay: '2025-11-03', dropMonths: ['2025-09', '2025-10'] });
  });

  it('refuses a retention shorter than the evaluation window, naming it', () => {
    expect(() => retentionPlan(new Date(), ACTIVITY_WINDOW_DAYS - 1, [])).toThrow('at least 400 (the evaluation window)');
    expect(() => retentionPlan(new Date(), 400.5, [])).toThrow(/whole number/);
  });

  it('never drops a month with a day inside the evaluation window, and drops every month wholly before the cutoff', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }),
        fc.integer({ min: ACTIVITY_WINDOW_DAYS, max: 3000 }),
        fc.uniqueArray(fc.tuple(fc.integer({ min: 2015, max: 2035 }), fc.integer({ min: 1, max: 12 })), { maxLength: 40 }),
        (now, days, months) => {
          const names = months.map(([y, m]) => month(y, m));
          const plan = retentionPlan(now, days, names);
          const cutoff = Date.parse(`${plan.cutoffDay}T00:00:00Z`);
          const windowStart = Math.floor(now.getTime() / DAY_MS) * DAY_MS - (ACTIVITY_WINDOW_DAYS - 1) * DAY_MS;
          expect(cutoff).toBeLessThanOrEqual(windowStart);
          for (const name of names) {
            const end = Date.UTC(Number(name.slice(0, 4)), Number(name.slice(5, 7)), 1);
            expect(plan.dropMonths.includes(name)).toBe(end <= cutoff);
          }
          // Idempotent: planning again over what is left drops nothing more.
          expect(retentionPlan(now, days, names.filter((n) => !plan.dropMonths.includes(n))).dropMonths).toEqual([]);
        },
      ),
    );
  });
});
