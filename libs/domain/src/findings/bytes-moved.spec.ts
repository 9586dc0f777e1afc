import fc from 'fast-check';
import { bytesMovedSince } from './bytes-moved.js';

const DAY = 86_400_000;

describe('bytes an extraction moved since it started', () => {
  it('counts the start day and every later day of the series, nothing before', () => {
    const series = [
      { day: '2026-11-01', bytes: 5 },
      { day: '2026-11-02', bytes: 7 },
      { day: new Date('2026-11-03T00:00:00Z'), bytes: 11 },
    ];
    expect(bytesMovedSince('2026-11-02', series)).toBe(18);
    expect(bytesMovedSince(new Date('2026-11-02T00:00:00Z'), series)).toBe(18);
  });

  it('is the sum of the days on or after the start, whether days are dates or ISO days (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1e9 }), { maxLength: 30 }), fc.nat({ max: 35 }), (bytes, startIndex) => {
        const base = Date.UTC(2026, 0, 1);
        const asDates = bytes.map((b, i) => ({ day: new Date(base + i * DAY), bytes: b }));
        const asDays = asDates.map((p) => ({ day: p.day.toISOString().slice(0, 10), bytes: p.bytes }));
        const start = new Date(base + startIndex * DAY);
        const expected = bytes.slice(startIndex).reduce((a, b) => a + b, 0);
        return bytesMovedSince(start, asDates) === expected && bytesMovedSince(start.toISOString().slice(0, 10), asDays) === expected;
      }),
    );
  });
});
