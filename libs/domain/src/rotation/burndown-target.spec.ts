import fc from 'fast-check';
import { defaultTargetDay, formatTargetDay, idealBurndown, keysBehindTarget, parseTargetDay } from './burndown-target.js';

const WEEK_MS = 7 * 86_400_000;
const weeksFrom = (first: string, count: number): Date[] => Array.from({ length: count }, (_, i) => new Date(new Date(first).getTime() + i * WEEK_MS));

describe('parseTargetDay', () => {
  it('reads a calendar day and refuses what is not one', () => {
    expect(parseTargetDay('2026-12-31')?.toISOString()).toBe('2026-12-31T00:00:00.000Z');
    expect(parseTargetDay('2028-02-29')?.toISOString()).toBe('2028-02-29T00:00:00.000Z');
    for (const text of ['2026-02-29', '2026-13-01', '2026-04-31', '26-01-01', '2026-1-1', '2026-01-01T00:00:00Z', '']) expect(parseTargetDay(text)).toBeNull();
  });

  it('round-trips every day through formatTargetDay', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), (at) => {
        const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
        expect(parseTargetDay(formatTargetDay(day))?.getTime()).toBe(day.getTime());
      }),
    );
  });
});

describe('defaultTargetDay', () => {
  it('is the last day of the calendar quarter holding asOf (UTC)', () => {
    expect(formatTargetDay(defaultTargetDay(new Date('2026-01-01T00:00:00Z')))).toBe('2026-03-31');
    expect(formatTargetDay(defaultTargetDay(new Date('2026-05-15T12:00:00Z')))).toBe('2026-06-30');
    expect(formatTargetDay(defaultTargetDay(new Date('2026-09-30T23:59:59Z')))).toBe('2026-09-30');
    expect(formatTargetDay(defaultTargetDay(new Date('2026-12-07T17:00:00Z')))).toBe('2026-12-31');
  });

  it('is never before asOf’s day and at most 92 days after it', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), (asOf) => {
        const target = defaultTargetDay(asOf).getTime();
        const day = Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth(), asOf.getUTCDate());
        expect(target).toBeGreaterThanOrEqual(day);
        expect(target - day).toBeLessThan(92 * 86_400_000);
      }),
    );
  });
});

describe('idealBurndown', () => {
  it('falls in a straight line from the first week’s count to zero at the target day, then stays at zero', () => {
    // First week 2026-01-05; target 2026-02-02 is 4 weeks later: 12 → 9 → 6 → 3 → 0, then 0.
    expect(idealBurndown(weeksFrom('2026-01-05T00:00:00Z', 6), 12, new Date('2026-02-02T00:00:00Z'))).toEqual([12, 9, 6, 3, 0, 0]);
  });

  it('stands above zero at the window’s end when the target lies beyond it', () => {
    // Target 8 weeks after the first week, window of 3 weeks: 8 → 7 → 6.
    expect(idealBurndown(weeksFrom('2026-01-05T00:00:00Z', 3), 8, new Date('2026-03-02T00:00:00Z'))).toEqual([8, 7, 6]);
  });

  it('is zero throughout when the target day was on or before the first week', () => {
    expect(idealBurndown(weeksFrom('2026-01-05T00:00:00Z', 3), 5, new Date('2026-01-05T00:00:00Z'))).toEqual([0, 0, 0]);
    expect(idealBurndown(weeksFrom('2026-01-05T00:00:00Z', 3), 5, new Date('2025-12-01T00:00:00Z'))).toEqual([0, 0, 0]);
    expect(idealBurndown([], 5, new Date('2026-12-31T00:00:00Z'))).toEqual([]);
  });

  it('starts at the first count (target ahead), never rises, never goes below zero nor above the start', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 104 }), fc.nat({ max: 10_000 }), fc.integer({ min: -400, max: 800 }), (weeks, start, targetOffsetDays) => {
        const weekStarts = weeksFrom('2026-01-05T00:00:00Z', weeks);
        const target = new Date(weekStarts[0]!.getTime() + targetOffsetDays * 86_400_000);
        const line = idealBurndown(weekStarts, start, target);
        expect(line).toHaveLength(weeks);
        if (targetOffsetDays > 0) expect(line[0]).toBe(start);
        line.forEach((value, i) => {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(start);
          if (i > 0) expect(value).toBeLessThanOrEqual(line[i - 1]!);
          if (weekStarts[i]!.getTime() >= target.getTime()) expect(value).toBe(0);
        });
      }),
    );
  });
});

describe('keysBehindTarget', () => {
  it('is 0 on or under the line, else the whole keys to rotate to be back on it', () => {
    expect(keysBehindTarget(3, 3)).toBe(0);
    expect(keysBehindTarget(2, 3)).toBe(0);
    // 4 overdue against a line at 0.4: 3.6 keys over, so 4 keys to rotate.
    expect(keysBehindTarget(4, 0.4)).toBe(4);
    expect(keysBehindTarget(4, 3.5)).toBe(1);
    // A line computed as 3.0000000000000004 does not make 3 overdue keys "1 behind".
    expect(keysBehindTarget(3, 3 - 4e-16)).toBe(0);
  });

  it('is the least whole number of keys that puts the count on or under the line', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000 }), fc.double({ min: 0, max: 10_000, noNaN: true }), (overdue, target) => {
        const behind = keysBehindTarget(overdue, target);
        expect(Number.isInteger(behind) && behind >= 0).toBe(true);
        expect(overdue - behind).toBeLessThanOrEqual(target + 1e-9);
        if (behind > 0) expect(overdue - behind + 1).toBeGreaterThan(target);
      }),
    );
  });
});
