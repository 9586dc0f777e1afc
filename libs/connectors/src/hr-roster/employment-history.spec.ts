import fc from 'fast-check';
import { anIdentity, aPostureInput, departureOf, PostureIndex } from '@postureboard/domain';
import type { IdentityObservation } from '../core/observation.js';
import { mergeEmploymentHistory, type EmploymentRow } from './employment-history.js';

const DAY = 86_400_000;
const EPOCH = Date.UTC(2015, 0, 1);
const at = (day: number): Date => new Date(EPOCH + day * DAY);

const period = (start: number, end: number | null, line: number): EmploymentRow => ({
  line,
  identity: {
    kind: 'identity',
    externalId: 'E1',
    email: 'e1@example.com',
    employeeNumber: 'E1',
    displayName: 'E1',
    employmentType: 'EMPLOYEE',
    status: end === null ? 'ACTIVE' : 'TERMINATED',
    startDate: at(start),
    terminationDate: end === null ? null : at(end),
    workCountry: 'KR',
    department: null,
    managerEmail: null,
  },
});

/** Whether the merged person had left at `day`, as the domain reads it. */
const departedOn = (identity: IdentityObservation, day: number): boolean => {
  const person = anIdentity({ id: 'e1', status: identity.status, startDate: identity.startDate, terminationDate: identity.terminationDate });
  return departureOf(person, new PostureIndex(aPostureInput({ identities: [person] })), at(day)) !== null;
};

/** Consecutive employment periods with gaps (0 = a transfer the next day), the last one possibly still open. */
const historyArb = fc
  .record({
    first: fc.integer({ min: 0, max: 300 }),
    spans: fc.array(fc.record({ length: fc.integer({ min: 30, max: 900 }), gap: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 400 })) }), { minLength: 1, maxLength: 4 }),
    open: fc.boolean(),
    order: fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
  })
  .map(({ first, spans, open, order }) => {
    const periods: { start: number; end: number | null }[] = [];
    let start = first;
    spans.forEach(({ length, gap }, i) => {
      const last = i === spans.length - 1;
      const end = last && open ? null : start + length;
      periods.push({ start, end });
      if (end !== null) start = end + 1 + gap;
    });
    // Rows in any order in the file.
    const rows = periods.map((p, i) => period(p.start, p.end, (order[i] ?? 0) * 10 + i + 2));
    return { periods, rows: [...rows].sort((a, b) => a.line - b.line) };
  });

describe('mergeEmploymentHistory (property-based, read by the domain)', () => {
  it('is a leaver exactly after the latest period ended, or in the gap before the current employment (transfers are no gap)', () => {
    fc.assert(
      fc.property(historyArb, fc.integer({ min: 0, max: 5000 }), ({ periods, rows }, day) => {
        const merged = mergeEmploymentHistory(rows).identity;
        const latest = periods[periods.length - 1] as { start: number; end: number | null };
        // The current employment: back from the latest period over periods that follow within a day.
        let block = periods.length - 1;
        while (block > 0 && (periods[block] as { start: number }).start - ((periods[block - 1] as { end: number }).end) <= 1) block -= 1;
        const blockStart = (periods[block] as { start: number }).start;
        const gapStart = block > 0 ? (periods[block - 1] as { end: number }).end : null;
        let expected: boolean;
        if (latest.end !== null) expected = day >= latest.end;
        else if (day >= blockStart) expected = false;
        else expected = gapStart !== null && day >= gapStart;
        expect(departedOn(merged, day)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('takes the latest period whatever the order of the rows', () => {
    fc.assert(
      fc.property(historyArb, ({ periods, rows }) => {
        const latest = periods[periods.length - 1] as { start: number; end: number | null };
        if (latest.end !== null) expect(mergeEmploymentHistory(rows).identity.startDate).toEqual(at(latest.start));
        expect(mergeEmploymentHistory([...rows].reverse()).identity).toEqual(mergeEmploymentHistory(rows).identity);
      }),
    );
  });
});
