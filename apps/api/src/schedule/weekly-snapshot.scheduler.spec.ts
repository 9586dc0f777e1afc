import { weekStartOf } from './weekly-snapshot.scheduler.js';

describe('weekStartOf', () => {
  it('is Monday 00:00 UTC of the same week', () => {
    // 2026-11-21 is a Saturday → Monday 2026-11-16
    expect(weekStartOf(new Date('2026-11-21T15:30:00Z')).toISOString()).toBe('2026-11-16T00:00:00.000Z');
    // a Monday stays that Monday
    expect(weekStartOf(new Date('2026-11-16T00:00:00Z')).toISOString()).toBe('2026-11-16T00:00:00.000Z');
    // a Sunday belongs to the week that began six days earlier
    expect(weekStartOf(new Date('2026-11-22T23:59:59Z')).toISOString()).toBe('2026-11-16T00:00:00.000Z');
  });
});
