import fc from 'fast-check';
import { FINDING_STATUSES } from '../model/enums.js';
import { findingOverdue } from './finding-overdue.js';

const due = new Date('2025-07-10T12:00:00Z');

describe('findingOverdue', () => {
  it('counts whole days past the due date for a finding someone still has to act on', () => {
    // 2025-07-13T11:59 is 2 days 23:59 after the due date: 2 whole days
    expect(findingOverdue({ status: 'OPEN', dueAt: due }, new Date('2025-07-13T11:59:00Z'))).toEqual({ overdue: true, daysOverdue: 2 });
    expect(findingOverdue({ status: 'ACKNOWLEDGED', dueAt: due }, new Date('2025-07-13T12:00:00Z'))).toEqual({ overdue: true, daysOverdue: 3 });
  });

  it('is not overdue at the due instant, without a due date, or once a decision was taken', () => {
    expect(findingOverdue({ status: 'OPEN', dueAt: due }, due)).toEqual({ overdue: false, daysOverdue: 0 });
    expect(findingOverdue({ status: 'OPEN', dueAt: null }, new Date('2030-01-01T00:00:00Z'))).toEqual({ overdue: false, daysOverdue: 0 });
    for (const status of ['RISK_ACCEPTED', 'FALSE_POSITIVE', 'RESOLVED'] as const) {
      expect(findingOverdue({ status, dueAt: due }, new Date('2030-01-01T00:00:00Z')).overdue).toBe(false);
    }
  });

  it('days overdue never decrease as time passes, and are 0 exactly when not overdue (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FINDING_STATUSES), fc.integer({ min: -1e10, max: 1e10 }), fc.integer({ min: 0, max: 1e10 }), (status, offset, later) => {
        const asOf = new Date(due.getTime() + offset);
        const first = findingOverdue({ status, dueAt: due }, asOf);
        const second = findingOverdue({ status, dueAt: due }, new Date(asOf.getTime() + later));
        expect(second.daysOverdue).toBeGreaterThanOrEqual(first.daysOverdue);
        if (!first.overdue) expect(first.daysOverdue).toBe(0);
        expect(first.overdue).toBe((status === 'OPEN' || status === 'ACKNOWLEDGED') && offset > 0);
      }),
    );
  });
});
