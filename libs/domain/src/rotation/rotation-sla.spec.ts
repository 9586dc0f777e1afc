import { computeRotationSla } from './rotation-sla.js';

const policy = { maxAgeDays: 90, warningDays: 14, graceDays: 0 };
const created = new Date('2025-01-01T00:00:00Z');
const dates = { createdAt: created, lastRotatedAt: null, firstSeenAt: new Date('2025-02-01T00:00:00Z') };

describe('computeRotationSla', () => {
  it('is WITHIN_POLICY before the warning window', () => {
    // 2025-01-01 → 2025-03-16 = 31 + 28 + 15 = 74 days; warning starts at 90 - 14 = 76
    const sla = computeRotationSla(dates, policy, new Date('2025-03-16T00:00:00Z'));
    expect(sla).toMatchObject({ status: 'WITHIN_POLICY', ageDays: 74, daysOverdue: 0, ageBasis: 'CREATED' });
    // due = 2025-01-01 + 90 days = 2025-04-01
    expect(sla.dueAt.toISOString()).toBe('2025-04-01T00:00:00.000Z');
  });

  it('is DUE_SOON from maxAge - warning days, up to and including the due day', () => {
    // 2025-01-01 → 2025-03-18 = 76 days = 90 - 14
    expect(computeRotationSla(dates, policy, new Date('2025-03-18T00:00:00Z')).status).toBe('DUE_SOON');
    // 2025-04-01T23:00 is 90 days old (floored): due, not yet overdue
    expect(computeRotationSla(dates, policy, new Date('2025-04-01T23:00:00Z'))).toMatchObject({ status: 'DUE_SOON', ageDays: 90 });
  });

  it('is OVERDUE past the due date and counts days overdue from it', () => {
    // 2025-01-01 → 2025-05-11 = 31 + 28 + 31 + 30 + 10 = 130 days; 130 - 90 = 40 days overdue
    expect(computeRotationSla(dates, policy, new Date('2025-05-11T00:00:00Z'))).toMatchObject({ status: 'OVERDUE', ageDays: 130, daysOverdue: 40 });
  });

  it('keeps a key in grace DUE_SOON, then counts overdue days from the due date, not the end of grace', () => {
    const withGrace = { ...policy, graceDays: 7 };
    // 95 days old: 95 <= 90 + 7
    expect(computeRotationSla(dates, withGrace, new Date('2025-04-06T00:00:00Z')).status).toBe('DUE_SOON');
    // 98 days old: 98 > 97, overdue by 98 - 90 = 8
    expect(computeRotationSla(dates, withGrace, new Date('2025-04-09T00:00:00Z'))).toMatchObject({ status: 'OVERDUE', daysOverdue: 8 });
  });

  it('ages from the last rotation, else creation, else first sight', () => {
    const asOf = new Date('2025-06-01T00:00:00Z');
    expect(computeRotationSla({ ...dates, lastRotatedAt: new Date('2025-05-01T00:00:00Z') }, policy, asOf)).toMatchObject({ ageBasis: 'LAST_ROTATED', ageDays: 31 });
    // 2025-02-01 → 2025-06-01 = 28 + 31 + 30 + 31 = 120
    expect(computeRotationSla({ ...dates, createdAt: null }, policy, asOf)).toMatchObject({ ageBasis: 'FIRST_SEEN', ageDays: 120 });
  });

  it('ignores a rotation that happened after asOf: it was not known then', () => {
    const sla = computeRotationSla({ ...dates, lastRotatedAt: new Date('2025-07-01T00:00:00Z') }, policy, new Date('2025-06-01T00:00:00Z'));
    // from creation: 2025-01-01 → 2025-06-01 = 151 days
    expect(sla).toMatchObject({ ageBasis: 'CREATED', ageDays: 151, status: 'OVERDUE', daysOverdue: 61 });
  });
});
