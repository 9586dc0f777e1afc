import fc from 'fast-check';
import { parseDateTime } from './date-time.scalar.js';

describe('the DateTime scalar', () => {
  it('reads RFC 3339 date-times with Z or an offset, fractions, and plain dates as UTC midnight', () => {
    expect(parseDateTime('2026-12-07T09:30:00Z').toISOString()).toBe('2026-12-07T09:30:00.000Z');
    expect(parseDateTime('2026-12-07T18:30:00.250+09:00').toISOString()).toBe('2026-12-07T09:30:00.250Z');
    expect(parseDateTime('2026-12-07T01:00:00-05:30').toISOString()).toBe('2026-12-07T06:30:00.000Z');
    expect(parseDateTime('2026-12-07').toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(parseDateTime('2024-02-29T23:59:59Z').toISOString()).toBe('2024-02-29T23:59:59.000Z');
  });

  it.each(['not a date', '', '2026-02-30', '2025-02-29T00:00:00Z', '2026-12-07T25:00:00Z', '2026-12-07T09:60:00Z', '2026-13-01', '12/07/2026', '2026-12-07T09:30:00+24:00', '1765000000000'])(
    'refuses %j as bad input, naming what it got',
    (text) => {
      expect(() => parseDateTime(text)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
    },
  );

  it('refuses values that are not strings', () => {
    for (const value of [1765000000000, null, {}, true]) expect(() => parseDateTime(value)).toThrow(/must be an ISO 8601 date-time/);
  });

  it('reads back every instant it writes, whatever the offset it is written in', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: -14 * 60, max: 14 * 60 }), (date, offset) => {
        const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 23);
        const sign = offset < 0 ? '-' : '+';
        const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
        const mm = String(Math.abs(offset) % 60).padStart(2, '0');
        expect(parseDateTime(`${local}${sign}${hh}:${mm}`).getTime()).toBe(date.getTime());
        expect(parseDateTime(date.toISOString()).getTime()).toBe(date.getTime());
      }),
    );
  });
});
