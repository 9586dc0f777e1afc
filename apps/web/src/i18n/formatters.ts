import type { Language } from './language.js';

export interface Formatters {
  number(value: number, maximumFractionDigits?: number): string;
  percent(ratio: number, fractionDigits?: number): string;
  /** Amounts in the currency's own minor unit (none for KRW, two for USD). */
  currency(value: number, currency: string): string;
  compactCurrency(value: number, currency: string): string;
  date(value: string | Date): string;
  dateTime(value: string | Date): string;
  shortDate(value: string | Date): string;
  bytes(value: number): string;
  signed(value: number, fractionDigits?: number): string;
  /** A country's name from its ISO 3166 code, in the reader's language. */
  country(code: string): string;
}

const locales: Record<Language, string> = { en: 'en-US', ko: 'ko-KR' };
/** Decimal units (1 GB = 10^9 bytes), scaled and rounded as the board report does, so a page and the PDF agree. */
const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;

export function createFormatters(lang: Language): Formatters {
  const locale = locales[lang];
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const shortDateFormat = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const regionNames = new Intl.DisplayNames([locale], { type: 'region' });
  const toDate = (value: string | Date) => (value instanceof Date ? value : new Date(value));
  return {
    number: (value, maximumFractionDigits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value),
    percent: (ratio, fractionDigits = 1) =>
      new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(ratio),
    currency: (value, currency) => new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value),
    compactCurrency: (value, currency) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(value),
    date: (value) => dateFormat.format(toDate(value)),
    dateTime: (value) => dateTimeFormat.format(toDate(value)),
    shortDate: (value) => shortDateFormat.format(toDate(value)),
    bytes: (value) => {
      let unit = 0;
      let scaled = value;
      while (Math.abs(scaled) >= 1000 && unit < BYTE_UNITS.length - 1) {
        scaled /= 1000;
        unit += 1;
      }
      const maximumFractionDigits = unit === 0 || Math.abs(scaled) >= 100 ? 0 : 1;
      return new Intl.NumberFormat(locale, { style: 'unit', unit: BYTE_UNITS[unit], unitDisplay: 'short', maximumFractionDigits }).format(scaled);
    },
    country: (code) => {
      try {
        return regionNames.of(code.toUpperCase()) ?? code;
      } catch {
        return code;
      }
    },
    signed: (value, fractionDigits = 1) =>
      new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: fractionDigits }).format(value),
  };
}
