import { describe, expect, it } from '@jest/globals';
import { createFormatters } from './formatters.js';

const en = createFormatters('en');
const ko = createFormatters('ko');

describe('locale-aware formatting', () => {
  it('shows KRW without a minor unit and USD with cents', () => {
    expect(en.currency(5_520_000_000, 'KRW')).toBe('₩5,520,000,000');
    expect(ko.currency(1234.56, 'KRW')).toBe('₩1,235');
    expect(en.currency(1234.5, 'USD')).toBe('$1,234.50');
  });

  it('abbreviates large amounts in each language’s own units', () => {
    expect(en.compactCurrency(120_000_000_000, 'KRW')).toBe('₩120B');
    expect(ko.compactCurrency(120_000_000_000, 'KRW')).toBe('₩1200억');
  });

  it('formats ratios as percentages', () => {
    expect(en.percent(0.046)).toBe('4.6%');
    expect(ko.percent(0.002, 2)).toBe('0.20%');
  });

  it('formats dates in the reader’s language, on the UTC calendar day', () => {
    expect(en.date('2026-11-20T23:30:00Z')).toBe('Nov 20, 2026');
    expect(ko.date('2026-11-20T23:30:00Z')).toBe('2026. 11. 20.');
  });

  it('names countries in the reader’s language', () => {
    expect(en.country('KR')).toBe('South Korea');
    expect(ko.country('kr')).toBe('대한민국');
  });

  it('prints a date and time with its time zone, in either language', () => {
    expect(en.dateTime('2026-12-07T09:05:00Z')).toMatch(/2026.*(UTC|GMT|[A-Z]{2,4}[+-]?\d*)/);
    expect(ko.dateTime('2026-12-07T09:05:00Z')).toMatch(/2026/);
  });

  it('scales bytes to decimal units, rounded as the board report rounds them (its formatter spec holds the same values)', () => {
    expect(en.bytes(999)).toBe('999 byte');
    expect(en.bytes(1536)).toBe('1.5 kB');
    // 694 GB, not the 646.2 "GB" that 1024-based scaling printed beside the PDF's 694 GB.
    expect(en.bytes(694_000_000_000)).toBe('694 GB');
    expect(en.bytes(7_100_000_000)).toBe('7.1 GB');
    expect(en.bytes(3_310_000_000_000)).toBe('3.3 TB');
    expect(ko.bytes(120_000_000)).toBe('120MB');
  });

  it('signs week-over-week changes with the one decimal scores have, leaving zero unsigned', () => {
    expect(en.signed(3.14)).toBe('+3.1');
    expect(en.signed(1)).toBe('+1.0');
    expect(en.signed(-2)).toBe('-2.0');
    expect(en.signed(0)).toBe('0.0');
  });
});
