import fc from 'fast-check';
import { parseIsoDate } from './json-value.util.js';

/** The general path alone (as it was before the digit-by-digit fast path), as the reference. */
function generalParse(text: string): Date | null {
  const match = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i.exec(text);
  if (!match) return null;
  const normalised = text.replace(' ', 'T').replace(',', '.');
  const withZone = normalised.length > 10 && match[1] === undefined ? `${normalised}Z` : normalised;
  const date = new Date(withZone.replace(/([+-]\d{2})$/, '$1:00'));
  return Number.isNaN(date.getTime()) ? null : date;
}

const time = (date: Date | null) => (date === null ? null : date.getTime());

describe('parseIsoDate', () => {
  it.each([
    ['2024-03-02T03:04:05Z', Date.UTC(2024, 2, 2, 3, 4, 5)],
    ['2024-03-02T03:04:05.123Z', Date.UTC(2024, 2, 2, 3, 4, 5, 123)],
    ['2024-02-30T00:00:00Z', Date.UTC(2024, 2, 1)],
    ['2024-01-01T24:00:00Z', Date.UTC(2024, 0, 2)],
    ['0999-01-01T00:00:00Z', new Date('0999-01-01T00:00:00Z').getTime()],
    ['2024-03-02T03:04:05z', Date.UTC(2024, 2, 2, 3, 4, 5)],
    ['2024-03-02 03:04:05', Date.UTC(2024, 2, 2, 3, 4, 5)],
    ['2024-03-02T03:04:05+09', Date.UTC(2024, 2, 1, 18, 4, 5)],
  ])('reads %s', (text, expected) => {
    expect(time(parseIsoDate(text))).toBe(expected);
  });

  it.each(['2024-13-01T00:00:00Z', '2024-00-01T00:00:00Z', '2024-01-32T00:00:00Z', '2024-01-00T00:00:00Z', '2024-01-01T23:60:00Z', '2024-01-01T23:59:60Z', '2024-01-01T25:00:00Z', '2024-01-01T24:00:01Z', '2024-0a-01T00:00:00Z', 'not a time'])(
    'rejects %s',
    (text) => {
      expect(parseIsoDate(text)).toBeNull();
    },
  );

  it('reads UTC timestamps exactly as the general path does, whatever their digits', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const timestamp = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
        two(14),
        two(33),
        two(25),
        two(61),
        two(61),
        fc.option(fc.integer({ min: 0, max: 999 }).map((n) => `.${String(n).padStart(3, '0')}`), { nil: '' }),
      )
      .map(([y, mo, d, h, mi, s, fraction]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}Z`);
    fc.assert(
      fc.property(timestamp, (text) => {
        expect(time(parseIsoDate(text))).toBe(time(generalParse(text)));
      }),
      { numRuns: 5000 },
    );
    // Runs of timestamps on the same few days, as logs have them (the date part read last is reused).
    const days = ['2024-02-29', '2023-02-29', '2024-12-31', '2024-13-01', '0099-01-01'];
    const sameDays = fc.array(fc.tuple(fc.constantFrom(...days), timestamp), { maxLength: 20 }).map((pairs) => pairs.map(([day, text]) => day + text.slice(10)));
    fc.assert(
      fc.property(sameDays, (texts) => {
        expect(texts.map((text) => time(parseIsoDate(text)))).toEqual(texts.map((text) => time(generalParse(text))));
      }),
      { numRuns: 1000 },
    );
  });
});
