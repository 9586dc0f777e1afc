import { checkCron, latestFireTime } from './cron-schedule.util.js';

describe('cron schedules of data sources', () => {
  it('accepts five-field expressions and explains what is wrong with others', () => {
    expect(checkCron('0 * * * *')).toBeNull();
    expect(checkCron('*/15 2 * * 1-5')).toBeNull();
    expect(checkCron('0 * * *')).toMatch(/five-field/);
    expect(checkCron('0 0 * * * *')).toMatch(/five-field/);
    expect(checkCron('61 * * * *')).toMatch(/not a valid cron expression/);
  });

  it('finds the latest fire time at or before now, in UTC', () => {
    const now = new Date('2026-03-10T14:37:12Z');
    expect(latestFireTime('0 * * * *', now)).toEqual(new Date('2026-03-10T14:00:00Z'));
    expect(latestFireTime('30 2 * * *', now)).toEqual(new Date('2026-03-10T02:30:00Z'));
    // 2026-03-10 is a Tuesday: its own 06:00 is the latest weekday fire; Sunday's is two days back.
    expect(latestFireTime('0 6 * * 1-5', now)).toEqual(new Date('2026-03-10T06:00:00Z'));
    expect(latestFireTime('0 6 * * 0', now)).toEqual(new Date('2026-03-08T06:00:00Z'));
  });

  it('counts a fire exactly at now as fired', () => {
    const now = new Date('2026-03-10T14:00:00Z');
    expect(latestFireTime('0 * * * *', now)).toEqual(now);
  });
});
