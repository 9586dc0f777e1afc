import { formatBytes } from '../format/units.js';
import { GLOSSARY, GLOSSARY_LANGUAGES, type GlossaryLanguage } from '../glossary/glossary.js';
import type { FindingKind } from '../model/enums.js';
import type { FindingFacts, FindingParamsByKind } from './finding-params.js';

/** A language the product writes in (the web app's, the report's, a notification channel's). */
export type Language = GlossaryLanguage;

const LOCALES: Record<Language, string> = { en: 'en-US', ko: 'ko-KR' };

/** Formatting in one language: numbers, UTC dates, countries and English plurals (Korean counts with 개/건/일). */
export class Words {
  private readonly locale: string;
  private readonly plural: Intl.PluralRules;
  private readonly dayFormat: Intl.DateTimeFormat;
  private readonly minuteFormat: Intl.DateTimeFormat;
  private readonly regions: Intl.DisplayNames;
  private readonly lists: Intl.ListFormat;

  constructor(readonly lang: Language) {
    this.locale = LOCALES[lang];
    this.plural = new Intl.PluralRules(this.locale);
    this.dayFormat = new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeZone: 'UTC' });
    // With its time zone: a time without one is ambiguous for a reader in another office.
    this.minuteFormat = new Intl.DateTimeFormat(this.locale, {
      year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC', timeZoneName: 'short',
    });
    this.regions = new Intl.DisplayNames([this.locale], { type: 'region', fallback: 'code' });
    this.lists = new Intl.ListFormat(this.locale, { type: 'conjunction' });
  }

  get glossary() {
    return GLOSSARY[this.lang];
  }

  /** A finite number in the reader's digits; anything else as a dash (never "NaN"). */
  number(value: number): string {
    return Number.isFinite(value) ? new Intl.NumberFormat(this.locale, { maximumFractionDigits: 1 }).format(value) : '—';
  }

  /** "1 day", "2 days": English by Intl.PluralRules; `one`/`other` are the noun forms. */
  count(value: number, one: string, other: string): string {
    return `${this.number(value)} ${Number.isFinite(value) && this.plural.select(value) === 'one' ? one : other}`;
  }

  unit(value: number, unit: 'second' | 'hour'): string {
    return Number.isFinite(value) ? new Intl.NumberFormat(this.locale, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 1 }).format(value) : '—';
  }

  percent(ratio: number): string {
    // Floored: a review at 99.6% is not "100% complete".
    return Number.isFinite(ratio) ? new Intl.NumberFormat(this.locale, { style: 'percent', maximumFractionDigits: 0 }).format(Math.floor(ratio * 100) / 100) : '—';
  }

  bytes(value: number): string {
    return Number.isFinite(value) ? formatBytes(value, this.locale) : '—';
  }

  day(value: string): string {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? value : this.dayFormat.format(date);
  }

  minute(value: string): string {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? value : this.minuteFormat.format(date);
  }

  country(code: string): string {
    if (!/^[A-Za-z]{2}$/.test(code)) return code;
    try {
      return this.regions.of(code.toUpperCase()) ?? code;
    } catch {
      return code;
    }
  }

  list(values: readonly string[]): string {
    return this.lists.format(values);
  }
}

const words: Record<Language, Words> = { en: new Words('en'), ko: new Words('ko') };

/** The formatting of one language, shared by titles and evidence summaries. */
export const wordsFor = (lang: Language): Words => words[lang];

type Renderer<K extends FindingKind> = (params: FindingParamsByKind[K], w: Words) => string;
type Renderers = { [K in FindingKind]: Renderer<K> };

const EN: Renderers = {
  KEY_ROTATION_OVERDUE: (p, w) => `${w.glossary.credentialKinds[p.credentialKind]} ${p.name} has been overdue for rotation since ${w.day(p.dueOn)}`,
  KEY_UNUSED: (p, w) =>
    p.neverUsed
      ? `${w.glossary.credentialKinds[p.credentialKind]} ${p.name} has never been used (since ${w.day(p.since)})`
      : `${w.glossary.credentialKinds[p.credentialKind]} ${p.name} has not been used since ${w.day(p.since)}`,
  KEY_NO_OWNER: (p, w) => `${w.glossary.credentialKinds[p.credentialKind]} ${p.name} has no owner`,
  CERTIFICATE_EXPIRING: (p, w) => `${w.glossary.credentialKinds[p.credentialKind]} ${p.name} expires on ${w.day(p.expiresOn)}`,
  LEAVER_ACTIVE_ACCESS: (p, w) => {
    const held = [
      ...(p.activeAccounts > 0 ? [w.count(p.activeAccounts, 'active account', 'active accounts')] : []),
      ...(p.activeCredentials > 0 ? [w.count(p.activeCredentials, 'active credential', 'active credentials')] : []),
    ];
    const used = p.daysUsedSince > 0 ? `, used on ${w.count(p.daysUsedSince, 'day', 'days')} since` : p.usedSince ? ', used since' : '';
    return `${p.name} left${p.departedOn === null ? '' : ` on ${w.day(p.departedOn)}`} but still has ${held.length > 0 ? w.list(held) : 'active access'}${used}`;
  },
  LEAVER_RESIDUAL_ACCOUNT: (p, w) =>
    `${p.name} left${p.departedOn === null ? '' : ` on ${w.day(p.departedOn)}`}; ${w.count(p.accounts, 'account still exists', 'accounts still exist')} but cannot be used`,
  ACCESS_REVIEW_OVERDUE: (p, w) => `Access review "${p.campaign}" was due ${w.day(p.dueOn)} and is ${w.percent(p.completion)} complete`,
  ACCESS_REVIEW_RUBBER_STAMP: (p, w) =>
    `${p.reviewer} approved ${w.number(p.approved)} of ${w.count(p.decisions, 'item', 'items')} in "${p.campaign}", a median ${w.unit(p.medianSeconds, 'second')} apart`,
  OFFSHORE_ACCESS: (p, w) =>
    p.variant === 'activity'
      ? `${p.name} accessed systems from ${w.list(p.countries.map((code) => w.country(code)))}, outside the approved countries`
      : `${p.name} works from ${w.country(p.workCountry)} with ${w.count(p.productionEntitlements, 'production entitlement', 'production entitlements')} and no valid approval`,
  BULK_EXTRACTION: (p, w) => {
    const did =
      p.measure === 'bytes' ? `moved ${w.bytes(p.value)}` : p.measure === 'records' ? `read ${w.count(p.value, 'record', 'records')}` : `made ${w.count(p.value, 'request', 'requests')}`;
    const against =
      p.baselineMedian === null ? 'with no baseline' : p.ratio === null ? 'against a zero baseline' : `${w.number(p.ratio)}× its ${w.number(p.baselineDays)}-day median`;
    return `${p.name} ${did} on ${w.day(p.peakOn)}, ${against}`;
  },
  DATA_SOURCE_STALE: (p, w) =>
    p.lastDeliveredAt === null
      ? `${p.name} has never delivered (added ${w.minute(p.addedAt)})`
      : `${p.name} last delivered ${w.minute(p.lastDeliveredAt)} (expected every ${w.unit(p.expectedEveryHours, 'hour')})`,
};

const KO: Renderers = {
  KEY_ROTATION_OVERDUE: (p, w) => `${w.glossary.credentialKinds[p.credentialKind]} ${p.name}: ${w.day(p.dueOn)}부터 교체 기한 초과`,
  KEY_UNUSED: (p, w) =>
    p.neverUsed
      ? `${w.glossary.credentialKinds[p.credentialKind]} ${p.name}: 사용 기록 없음(${w.day(p.since)} 이후)`
      : `${w.glossary.credentialKinds[p.credentialKind]} ${p.name}: ${w.day(p.since)} 이후 사용되지 않음`,
  KEY_NO_OWNER: (p, w) => `${w.glossary.credentialKinds[p.credentialKind]} ${p.name}: 소유자 없음`,
  CERTIFICATE_EXPIRING: (p, w) => `${w.glossary.credentialKinds[p.credentialKind]} ${p.name}: ${w.day(p.expiresOn)} 만료`,
  LEAVER_ACTIVE_ACCESS: (p, w) => {
    const held = [
      ...(p.activeAccounts > 0 ? [`활성 계정 ${w.number(p.activeAccounts)}개`] : []),
      ...(p.activeCredentials > 0 ? [`활성 자격 증명 ${w.number(p.activeCredentials)}개`] : []),
    ];
    const used = p.daysUsedSince > 0 ? `, 퇴사 후 ${w.number(p.daysUsedSince)}일 사용` : p.usedSince ? ', 퇴사 후 사용됨' : '';
    return `${p.name}: ${p.departedOn === null ? '' : `${w.day(p.departedOn)} `}퇴사 후에도 ${held.length > 0 ? held.join(', ') : '접근 권한'} 유지${used}`;
  },
  LEAVER_RESIDUAL_ACCOUNT: (p, w) =>
    `${p.name}: ${p.departedOn === null ? '' : `${w.day(p.departedOn)} `}퇴사 후 계정 ${w.number(p.accounts)}개가 삭제되지 않음(사용 불가)`,
  ACCESS_REVIEW_OVERDUE: (p, w) => `접근 권한 검토 "${p.campaign}": ${w.day(p.dueOn)} 기한, ${w.percent(p.completion)} 완료`,
  ACCESS_REVIEW_RUBBER_STAMP: (p, w) =>
    `${p.reviewer}: "${p.campaign}"에서 ${w.number(p.decisions)}건 중 ${w.number(p.approved)}건 승인, 결정 간격 중앙값 ${w.unit(p.medianSeconds, 'second')}`,
  OFFSHORE_ACCESS: (p, w) =>
    p.variant === 'activity'
      ? `${p.name}: 승인되지 않은 국가(${w.list(p.countries.map((code) => w.country(code)))})에서 시스템 접근`
      : `${p.name}: ${w.country(p.workCountry)}에서 근무, 유효한 승인 없이 운영 환경 권한 ${w.number(p.productionEntitlements)}개 보유`,
  BULK_EXTRACTION: (p, w) => {
    const did = p.measure === 'bytes' ? `${w.bytes(p.value)} 전송` : p.measure === 'records' ? `레코드 ${w.number(p.value)}건 조회` : `요청 ${w.number(p.value)}건`;
    const against =
      p.baselineMedian === null ? '기준선 없음' : p.ratio === null ? '기준선 0 대비' : `${w.number(p.baselineDays)}일 중앙값의 ${w.number(p.ratio)}배`;
    return `${p.name}: ${w.day(p.peakOn)} ${did}(${against})`;
  },
  DATA_SOURCE_STALE: (p, w) =>
    p.lastDeliveredAt === null
      ? `${p.name}: ${w.minute(p.addedAt)} 추가 이후 수집된 적 없음`
      : `${p.name}: 마지막 수집 ${w.minute(p.lastDeliveredAt)}(예상 주기 ${w.unit(p.expectedEveryHours, 'hour')})`,
};

const RENDERERS: Record<Language, Renderers> = { en: EN, ko: KO };

/** A finding's title in `lang`, written from its kind and parameters. */
export const renderFindingTitle = (facts: FindingFacts, lang: Language): string =>
  (RENDERERS[lang][facts.kind] as (params: FindingFacts['params'], w: Words) => string)(facts.params, words[lang]);

/**
 * The title a reader sees: rendered from the parameters, or, for a finding stored before findings carried
 * parameters (`params` null), the English title stored with it.
 */
export const findingTitle = (finding: { kind: FindingKind; params: FindingFacts['params'] | null; title: string }, lang: Language): string =>
  finding.params === null ? finding.title : renderFindingTitle({ kind: finding.kind, params: finding.params } as FindingFacts, lang);

/**
 * The text a search by title matches: the finding's title in every language, one per line. Stored beside the
 * finding when it is written, so a search runs in the database over titles a reader may have seen in either.
 */
export const findingSearchText = (finding: { kind: FindingKind; params: FindingFacts['params'] | null; title: string }): string =>
  [...new Set(GLOSSARY_LANGUAGES.map((lang) => findingTitle(finding, lang)))].join('\n');

export const isLanguage = (value: string): value is Language => value === 'en' || value === 'ko';
