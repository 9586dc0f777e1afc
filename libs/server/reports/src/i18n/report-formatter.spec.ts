import { ReportFormatter } from './report-formatter.js';

describe('ReportFormatter', () => {
  const en = new ReportFormatter('en');
  const ko = new ReportFormatter('ko', 'Asia/Seoul');

  it('formats won without a minor unit in both languages, and dollars with cents', () => {
    expect(en.currency(82_000_000_000, 'KRW')).toBe('₩82,000,000,000');
    expect(ko.currency(1_234_567.4, 'KRW')).toBe('₩1,234,567');
    expect(en.currency(1234.5, 'USD')).toBe('US$1,234.50');
  });

  it('writes dates the way each language does, in the report’s time zone', () => {
    expect(en.date('2025-11-24T00:00:00Z')).toBe('24 Nov 2025');
    // 23:30 UTC is already the next day in Seoul.
    expect(ko.date('2025-11-23T23:30:00Z')).toBe('2025. 11. 24.');
    expect(en.dateTime('2025-11-24T09:05:00Z')).toBe('24 Nov 2025, 09:05 UTC');
  });

  it('keeps scores to one decimal, signs changes with a real minus, and writes ratios as percentages', () => {
    expect(en.score(44.66)).toBe('44.7');
    expect(en.score(null)).toBe('—');
    expect([en.change(1.25), en.change(-0.3), en.change(0)]).toEqual(['+1.3', '−0.3', '0.0']);
    expect(en.percent(82 / 1782.6)).toBe('4.6%');
    expect(ko.percent(0.002, 2)).toBe('0.20%');
  });

  it('scales bytes to a readable unit', () => {
    expect(en.bytes(999)).toBe('999 byte');
    expect(en.bytes(3_310_000_000_000)).toBe('3.3 TB');
    expect(ko.bytes(120_000_000)).toBe('120MB');
  });

  it('names countries in the report’s language and leaves non-country codes alone', () => {
    expect(en.country('KR')).toBe('South Korea');
    expect(ko.country('CN')).toBe('중국');
    expect(en.country('internal')).toBe('internal');
  });
});
