import { formatBytes } from '@postureboard/domain/format';
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
  /** A score, or a term of its explanation: one decimal always (docs/scoring.md), as in the report and the CLI. */
  score(value: number): string;
  signed(value: number, fractionDigits?: number): string;
  /** A country's name from its ISO 3166 code, in the reader's language. */
  country(code: string): string;
}

const locales: Record<Language, string> = { en: 'en-US', ko: 'ko-KR' };

export function createFormatters(lang: Language): Formatters {
  const locale = locales[lang];
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  // With its time zone: a time without one is ambiguous for a reader in another office. (dateStyle/timeStyle refuse timeZoneName.)
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
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
    score: (value) => new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value),
    // One rule with the report and the CLI: decimal units (docs/scoring.md).
    bytes: (value) => formatBytes(value, locale),
    country: (code) => {
      try {
        return regionNames.of(code.toUpperCase()) ?? code;
      } catch {
        return code;
      }
    },
    // Changes and points keep their decimals (+1.0 beside 52.0, as the report prints them), and zero no sign.
    signed: (value, fractionDigits = 1) =>
      new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value),
  };
}
