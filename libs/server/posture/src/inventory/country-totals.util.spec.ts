import fc from 'fast-check';
import { countryTotalsOf } from './country-totals.util.js';

describe('country totals of a window', () => {
  it('sums each country’s days, most events first, then by country code', () => {
    expect(
      countryTotalsOf([
        { day: '2026-11-01', country: 'US', events: 5, bytes: 50 },
        { day: '2026-11-01', country: 'KR', events: 7, bytes: 70 },
        { day: '2026-11-02', country: 'US', events: 4, bytes: 1 },
        { day: '2026-11-02', country: '', events: 9, bytes: 0 },
        { day: '2026-11-02', country: 'CN', events: 9, bytes: 2 },
      ]),
    ).toEqual([
      { country: '', events: 9, bytes: 0 },
      { country: 'CN', events: 9, bytes: 2 },
      { country: 'US', events: 9, bytes: 51 },
      { country: 'KR', events: 7, bytes: 70 },
    ]);
  });

  it('keeps every event and byte, once per country, in order', () => {
    const day = fc.record({ day: fc.constant('2026-11-01'), country: fc.constantFrom('', 'KR', 'US', 'CN', 'internal'), events: fc.nat(1e6), bytes: fc.nat(1e12) });
    fc.assert(
      fc.property(fc.array(day, { maxLength: 60 }), (days) => {
        const totals = countryTotalsOf(days);
        expect(new Set(totals.map((t) => t.country)).size).toBe(totals.length);
        expect(totals.reduce((n, t) => n + t.events, 0)).toBe(days.reduce((n, d) => n + d.events, 0));
        expect(totals.reduce((n, t) => n + t.bytes, 0)).toBe(days.reduce((n, d) => n + d.bytes, 0));
        for (let i = 1; i < totals.length; i++) expect(totals[i - 1]!.events).toBeGreaterThanOrEqual(totals[i]!.events);
      }),
    );
  });
});
