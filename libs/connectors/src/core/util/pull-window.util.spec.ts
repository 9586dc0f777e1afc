import fc from 'fast-check';
import { PULL_OVERLAP_MS, pullWindowStart } from './pull-window.util.js';

const DAY = 86_400_000;
const now = new Date('2025-06-01T12:00:00Z');

describe('pullWindowStart', () => {
  it('reads lookbackDays back on a first pull, and from an hour before the last pull after that', () => {
    expect(pullWindowStart({ now }, 2, 30).toISOString()).toBe('2025-05-30T12:00:00.000Z');
    expect(pullWindowStart({ now, lastSuccessfulRunAt: new Date('2025-06-01T11:00:00Z') }, 2, 30).toISOString()).toBe('2025-06-01T10:00:00.000Z');
    // Runs were missed for ten days: the pull covers them, not only the lookback.
    expect(pullWindowStart({ now, lastSuccessfulRunAt: new Date('2025-05-22T12:00:00Z') }, 2, 30).toISOString()).toBe('2025-05-22T11:00:00.000Z');
  });

  it('never starts before what the source keeps, nor after now minus the overlap', () => {
    const instant = fc.integer({ min: now.getTime() - 400 * DAY, max: now.getTime() + DAY });
    fc.assert(
      fc.property(fc.option(instant, { nil: null }), fc.integer({ min: 1, max: 180 }), fc.integer({ min: 1, max: 400 }), (last, lookback, retention) => {
        const start = pullWindowStart({ now, lastSuccessfulRunAt: last === null ? null : new Date(last) }, lookback, retention).getTime();
        expect(start).toBeGreaterThanOrEqual(now.getTime() - retention * DAY);
        expect(start).toBeLessThanOrEqual(Math.max(now.getTime() - PULL_OVERLAP_MS, now.getTime() - retention * DAY));
        if (last !== null) expect(start).toBe(Math.max(now.getTime() - retention * DAY, Math.min(last, now.getTime()) - PULL_OVERLAP_MS));
      }),
    );
  });
});
