import { formatBytes } from '@postureboard/domain';
import type { ReportLang } from '../model/report-lang.js';

const LOCALES: Record<ReportLang, string> = { en: 'en-GB', ko: 'ko-KR' };
const MINUS = '\u2212';

/**
 * Locale-aware formatting for the report: every number, date, amount and country name on the page
 * goes through here, so a Korean report reads as Korean and an English one as English.
 */
export class ReportFormatter {
  readonly locale: string;
  private readonly integerFormat: Intl.NumberFormat;
  private readonly scoreFormat: Intl.NumberFormat;
  private readonly dateFormat: Intl.DateTimeFormat;
  private readonly dateTimeFormat: Intl.DateTimeFormat;
  private readonly monthFormat: Intl.DateTimeFormat;
  private readonly dayMonthFormat: Intl.DateTimeFormat;
  private readonly utcDayFormat: Intl.DateTimeFormat;
  private readonly regionNames: Intl.DisplayNames;
  /** Intl formats are costly to build and a report formats thousands of values. */
  private readonly numberFormats = new Map<string, Intl.NumberFormat>();

  constructor(
    readonly lang: ReportLang,
    readonly timeZone = 'UTC',
  ) {
    this.locale = LOCALES[lang];
    this.integerFormat = new Intl.NumberFormat(this.locale, { maximumFractionDigits: 0 });
    this.scoreFormat = new Intl.NumberFormat(this.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    this.dateFormat = new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeZone });
    this.dateTimeFormat = new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone, hourCycle: 'h23' });
    this.monthFormat = new Intl.DateTimeFormat(this.locale, { month: 'short', year: '2-digit', timeZone });
    this.dayMonthFormat = new Intl.DateTimeFormat(this.locale, { month: 'short', day: 'numeric', timeZone });
    this.utcDayFormat = new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeZone: 'UTC' });
    this.regionNames = new Intl.DisplayNames([this.locale], { type: 'region', fallback: 'code' });
  }

  integer(value: number): string {
    return this.integerFormat.format(value);
  }

  /** Scores carry one decimal, as stored; null is a dash (not measured is said in words elsewhere). */
  score(value: number | null): string {
    return value === null ? '—' : this.scoreFormat.format(value);
  }

  /** A signed change in points: +3.2, −1.4, 0.0. */
  change(value: number): string {
    const text = this.scoreFormat.format(Math.abs(value));
    return value > 0 ? `+${text}` : value < 0 ? `${MINUS}${text}` : text;
  }

  /** A term of a score's explanation: two decimals, signed (a term of full marks or a weighted domain unsigned). */
  points(value: number, signed = true): string {
    const text = this.numberFormat({ minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Math.abs(value));
    return !signed ? (value < 0 ? `${MINUS}${text}` : text) : value > 0 ? `+${text}` : value < 0 ? `${MINUS}${text}` : text;
  }

  percent(ratio: number | null, fractionDigits = 1): string {
    if (ratio === null) return '—';
    return this.numberFormat({ style: 'percent', minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(ratio);
  }

  /** Money in the organisation's currency; the currency decides its minor unit (KRW has none). */
  currency(amount: number, currency: string, compact = false): string {
    return this.numberFormat({ style: 'currency', currency, ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}) }).format(amount);
  }

  /** Data volumes by the one rule of every surface (decimal units; the domain's formatBytes). */
  bytes(value: number): string {
    return formatBytes(value, this.locale);
  }

  private numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
    const key = JSON.stringify(options);
    let format = this.numberFormats.get(key);
    if (!format) {
      format = new Intl.NumberFormat(this.locale, options);
      this.numberFormats.set(key, format);
    }
    return format;
  }

  date(iso: string): string {
    return this.dateFormat.format(new Date(iso));
  }

  /** A UTC day (`YYYY-MM-DD`) as that day, in whatever zone the report prints its instants. */
  day(isoDay: string): string {
    return this.utcDayFormat.format(new Date(`${isoDay}T00:00:00Z`));
  }

  /** A count of days: whole, or with one decimal (a median of an even count can end in .5). */
  days(value: number): string {
    return this.numberFormat({ maximumFractionDigits: 1 }).format(value);
  }

  dateTime(iso: string): string {
    return `${this.dateTimeFormat.format(new Date(iso))} ${this.timeZone}`;
  }

  /** Axis labels: month and two-digit year. */
  month(iso: string): string {
    return this.monthFormat.format(new Date(iso));
  }

  dayMonth(iso: string): string {
    return this.dayMonthFormat.format(new Date(iso));
  }

  /** Country name for an ISO 3166 alpha-2 code in the report's language; unknown codes stay codes. */
  country(code: string): string {
    try {
      return /^[A-Z]{2}$/i.test(code) ? (this.regionNames.of(code.toUpperCase()) ?? code) : code;
    } catch {
      return code;
    }
  }
}
