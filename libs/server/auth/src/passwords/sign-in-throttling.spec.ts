import { RateLimiter } from './rate-limiter.js';
import { lockedUntilAfter } from './sign-in-lockout.js';

describe('sign-in lockout', () => {
  const now = new Date('2025-01-01T00:00:00Z');
  const lockSeconds = (failures: number) => {
    const until = lockedUntilAfter(failures, now);
    return until ? (until.getTime() - now.getTime()) / 1000 : 0;
  };

  it('allows four failures, then locks for a minute, doubling up to an hour', () => {
    expect([1, 2, 3, 4].map(lockSeconds)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8].map(lockSeconds)).toEqual([60, 120, 240, 480]);
    expect(lockSeconds(11)).toBe(3600);
    expect(lockSeconds(40)).toBe(3600);
  });
});

describe('RateLimiter', () => {
  it('allows the limit per window per key, then says how long to wait, without counting the checks', () => {
    const limiter = new RateLimiter(3, 60_000);
    for (const t of [0, 1, 2]) {
      expect(limiter.check('1.2.3.4', t)).toBe(0);
      limiter.record('1.2.3.4', t);
    }
    expect(limiter.check('1.2.3.4', 30_000)).toBe(30);
    expect(limiter.check('1.2.3.4', 30_000)).toBe(30);
    expect(limiter.check('5.6.7.8', 30_000)).toBe(0);
    expect(limiter.check('1.2.3.4', 60_000)).toBe(0);
  });
});
