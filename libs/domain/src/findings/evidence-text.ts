import type { EvidenceRecord, EvidenceValue } from '../model/finding.model.js';
import { wordsFor, type Language, type Words } from './finding-text.js';

type Data = Record<string, EvidenceValue>;
const str = (data: Data, key: string): string | null => (typeof data[key] === 'string' ? (data[key] as string) : null);
const num = (data: Data, key: string): number | null => (typeof data[key] === 'number' && Number.isFinite(data[key]) ? (data[key] as number) : null);

/** Account statuses as a sentence reads them. */
const ACCOUNT_STATUS: Record<Language, Record<string, string>> = {
  en: { ACTIVE: 'active', SUSPENDED: 'suspended', DEACTIVATED: 'deactivated' },
  ko: { ACTIVE: '활성', SUSPENDED: '정지', DEACTIVATED: '비활성' },
};

/** Where a departure was learnt. */
const VIA: Record<Language, Record<string, string>> = {
  en: { HR: 'HR', IDENTITY_PROVIDER: 'the identity provider' },
  ko: { HR: '인사 기록', IDENTITY_PROVIDER: 'ID 공급자' },
};
const viaOf = (via: string, w: Words): string => w.list(via.split(',').filter(Boolean).map((v) => VIA[w.lang][v] ?? v.toLowerCase().replace(/_/g, ' ')));
/** How a credential's age is counted ("last rotated Dec 8, 2023"). */
const AGE_BASIS: Record<Language, Record<string, string>> = {
  en: { LAST_ROTATED: 'last rotated', CREATED: 'created', FIRST_SEEN: 'first seen' },
  ko: { LAST_ROTATED: '마지막 교체', CREATED: '생성', FIRST_SEEN: '최초 확인' },
};
/** "Secret (Production)": the glossary's words for the kind and environment; null when either is not one. */
const credentialOf = (d: Data, w: Words): string | null => {
  const [kind, environment] = [str(d, 'kind'), str(d, 'environment')];
  const kindWord = kind === null || !Object.hasOwn(w.glossary.credentialKinds, kind) ? null : (w.glossary.credentialKinds as Record<string, string>)[kind]!;
  const environmentWord = environment === null || !Object.hasOwn(w.glossary.environments, environment) ? null : (w.glossary.environments as Record<string, string>)[environment]!;
  return kindWord === null || environmentWord === null ? null : `${kindWord} (${environmentWord})`;
};
/** A rotation finding's credential record (age basis and date), or a no-owner finding's (its owner fields). */
const credentialRecord = (d: Data, w: Words, noOwner: string): string | null => {
  const credential = credentialOf(d, w);
  if (credential === null) return null;
  if ('ownerIdentityId' in d) return `${credential}: ${noOwner}`;
  const [basis, from] = [str(d, 'ageBasis'), str(d, 'ageFrom')];
  return basis === null || from === null || !Object.hasOwn(AGE_BASIS[w.lang], basis) ? null : `${credential}, ${AGE_BASIS[w.lang][basis]} ${w.day(from)}`;
};
const countryOr = (d: Data, w: Words, unknown: string): string => (str(d, 'country') === null ? unknown : w.country(str(d, 'country') as string));

/**
 * One renderer per evidence type, from the record's structured `data` (and its `source` where that names the
 * system). Null when the data lacks what the sentence needs: the record's stored summary is shown instead.
 */
type Renderer = (data: Data, source: string, w: Words) => string | null;

const EN: Record<string, Renderer> = {
  credential: (d, _s, w) => credentialRecord(d, w, 'no owner identity or team recorded'),
  'rotation-sla': (d, _s, w) => {
    const [due, max] = [str(d, 'dueAt'), num(d, 'maxAgeDays')];
    return due === null || max === null ? null : `due ${w.day(due)} (max ${w.count(max, 'day', 'days')})`;
  },
  'campaign-progress': (d, _s, w) => {
    const [decided, total, due] = [num(d, 'decided'), num(d, 'totalItems'), str(d, 'dueAt')];
    return decided === null || total === null || due === null ? null : `${w.number(decided)} of ${w.count(total, 'item', 'items')} decided; due ${w.day(due)}`;
  },
  'reviewer-pattern': (d, _s, w) => {
    const [ratio, median, span] = [num(d, 'keepRatio'), num(d, 'medianSecondsBetweenDecisions'), num(d, 'spanSeconds')];
    return ratio === null || median === null || span === null ? null : `${w.percent(ratio)} kept, a median ${w.unit(median, 'second')} between decisions, ${w.unit(span, 'second')} in all`;
  },
  'kept-leaver': (d) => (str(d, 'entitlement') === null || str(d, 'subjectEmail') === null ? null : `kept ${str(d, 'entitlement')} for ${str(d, 'subjectEmail')}, who had already left`),
  'certificate-validity': (d, _s, w) => {
    const [from, to] = [str(d, 'validFrom'), str(d, 'expiresAt')];
    return to === null ? null : `valid ${from === null ? '(start unknown)' : w.day(from)} to ${w.day(to)}`;
  },
  'source-freshness': (d, _s, w) => {
    const [last, created, hours] = [str(d, 'lastSuccessfulRunAt'), str(d, 'createdAt'), num(d, 'expectedFreshnessHours')];
    if (created === null || hours === null) return null;
    return last === null
      ? `no successful run since it was added ${w.minute(created)}, expected every ${w.unit(hours, 'hour')}`
      : `last success ${w.minute(last)}, expected every ${w.unit(hours, 'hour')}`;
  },
  'credential-usage': (d, _s, w) => {
    const [last, since] = [str(d, 'lastUsedAt'), str(d, 'idleSince')];
    if (d['neverUsed'] === true) return since === null ? null : `no recorded use since ${w.day(since)}`;
    return last === null ? null : `last used ${w.day(last)}`;
  },
  departure: (d, _s, w) => {
    const [at, via] = [str(d, 'departedAt'), str(d, 'via')];
    return via === null ? null : `departed ${at === null ? '(date unknown)' : w.day(at)} per ${viaOf(via, w)}`;
  },
  'active-account': (d, s, w) => {
    const [user, status] = [str(d, 'userName'), str(d, 'status')];
    return user === null || status === null ? null : `${s} account ${user} is still ${ACCOUNT_STATUS[w.lang][status] ?? status.toLowerCase()}`;
  },
  'residual-account': (d, s, w) => {
    const [user, status] = [str(d, 'userName'), str(d, 'status')];
    return user === null || status === null ? null : `${s} account ${user} still exists but cannot be used (${ACCOUNT_STATUS[w.lang][status] ?? status.toLowerCase()})`;
  },
  'daily-volume': (d, _s, w) => {
    const [day, bytes, records, events] = [str(d, 'day'), num(d, 'bytes'), num(d, 'records'), num(d, 'events')];
    if (day === null || bytes === null || records === null || events === null) return null;
    return `${w.day(day)}: ${w.bytes(bytes)}, ${w.count(records, 'record', 'records')}, ${w.count(events, 'request', 'requests')}${d['flagged'] === true ? ' (flagged)' : ''}`;
  },
  'offshore-activity': (d, _s, w) => {
    const [events, country, first, last] = [num(d, 'events'), str(d, 'country'), str(d, 'firstSeen'), str(d, 'lastSeen')];
    if (events === null || country === null || first === null || last === null) return null;
    return `${w.count(events, 'event', 'events')} from ${w.country(country)} via ${str(d, 'credentialExternalId') ?? 'no credential'}, ${w.day(first)} to ${w.day(last)}`;
  },
  'production-entitlement': (d, s) => (str(d, 'entitlement') === null ? null : `${str(d, 'entitlement')} on ${s}${d['privileged'] === true ? ' (privileged)' : ''}`),
  'invalid-approval': (d) => (str(d, 'approver') === null || str(d, 'scope') === null ? null : `approval by ${str(d, 'approver')} for ${str(d, 'scope')} is not valid at this date`),
  'signed-tokens': (d, _s, w) => (num(d, 'activeTokens') === null ? null : `${w.count(num(d, 'activeTokens') as number, 'active token', 'active tokens')} signed by this key`),
  'active-credential': (d, _s, w) => {
    const [kind, id] = [str(d, 'kind'), str(d, 'externalId')];
    const word = kind === null ? undefined : (w.glossary.credentialKinds as Record<string, string>)[kind];
    return word === undefined || id === null ? null : `${word} ${id} is still active`;
  },
  'use-after-departure': (d, _s, w) => {
    const [events, bytes, day] = [num(d, 'events'), num(d, 'bytes'), str(d, 'day')];
    return events === null || bytes === null || day === null ? null : `${w.count(events, 'event', 'events')}, ${w.bytes(bytes)} on ${w.day(day)} from ${countryOr(d, w, 'an unknown country')}`;
  },
  'last-use-after-departure': (d, _s, w) => (str(d, 'what') === null || str(d, 'lastUsedAt') === null ? null : `${str(d, 'what')} last used ${w.minute(str(d, 'lastUsedAt') as string)}, after departure`),
  event: (d, _s, w) =>
    str(d, 'action') === null || str(d, 'occurredAt') === null
      ? null
      : `${str(d, 'action')} at ${w.minute(str(d, 'occurredAt') as string)} from ${str(d, 'sourceIp') ?? 'an unknown IP'} (${countryOr(d, w, 'unknown country')})`,
};

const KO: Record<string, Renderer> = {
  credential: (d, _s, w) => credentialRecord(d, w, '소유자 ID·팀 기록 없음'),
  'rotation-sla': (d, _s, w) => {
    const [due, max] = [str(d, 'dueAt'), num(d, 'maxAgeDays')];
    return due === null || max === null ? null : `기한 ${w.day(due)} (최대 ${w.number(max)}일)`;
  },
  'campaign-progress': (d, _s, w) => {
    const [decided, total, due] = [num(d, 'decided'), num(d, 'totalItems'), str(d, 'dueAt')];
    return decided === null || total === null || due === null ? null : `항목 ${w.number(total)}건 중 ${w.number(decided)}건 결정, 기한 ${w.day(due)}`;
  },
  'reviewer-pattern': (d, _s, w) => {
    const [ratio, median, span] = [num(d, 'keepRatio'), num(d, 'medianSecondsBetweenDecisions'), num(d, 'spanSeconds')];
    return ratio === null || median === null || span === null ? null : `${w.percent(ratio)} 유지, 결정 간격 중앙값 ${w.unit(median, 'second')}, 전체 ${w.unit(span, 'second')}`;
  },
  'kept-leaver': (d) => (str(d, 'entitlement') === null || str(d, 'subjectEmail') === null ? null : `이미 퇴사한 ${str(d, 'subjectEmail')}의 ${str(d, 'entitlement')} 권한 유지`),
  'certificate-validity': (d, _s, w) => {
    const [from, to] = [str(d, 'validFrom'), str(d, 'expiresAt')];
    return to === null ? null : `유효 기간 ${from === null ? '(시작일 알 수 없음)' : w.day(from)} ~ ${w.day(to)}`;
  },
  'source-freshness': (d, _s, w) => {
    const [last, created, hours] = [str(d, 'lastSuccessfulRunAt'), str(d, 'createdAt'), num(d, 'expectedFreshnessHours')];
    if (created === null || hours === null) return null;
    return last === null
      ? `${w.minute(created)} 추가 이후 성공한 수집 없음, 예상 주기 ${w.unit(hours, 'hour')}`
      : `마지막 성공 ${w.minute(last)}, 예상 주기 ${w.unit(hours, 'hour')}`;
  },
  'credential-usage': (d, _s, w) => {
    const [last, since] = [str(d, 'lastUsedAt'), str(d, 'idleSince')];
    if (d['neverUsed'] === true) return since === null ? null : `${w.day(since)} 이후 사용 기록 없음`;
    return last === null ? null : `마지막 사용 ${w.day(last)}`;
  },
  departure: (d, _s, w) => {
    const [at, via] = [str(d, 'departedAt'), str(d, 'via')];
    return via === null ? null : `${at === null ? '퇴사일 알 수 없음' : `${w.day(at)} 퇴사`} (${viaOf(via, w)} 기준)`;
  },
  'active-account': (d, s, w) => {
    const [user, status] = [str(d, 'userName'), str(d, 'status')];
    return user === null || status === null ? null : `${s} 계정 ${user}: 여전히 ${ACCOUNT_STATUS[w.lang][status] ?? status} 상태`;
  },
  'residual-account': (d, s, w) => {
    const [user, status] = [str(d, 'userName'), str(d, 'status')];
    return user === null || status === null ? null : `${s} 계정 ${user}: 남아 있으나 사용 불가(${ACCOUNT_STATUS[w.lang][status] ?? status})`;
  },
  'daily-volume': (d, _s, w) => {
    const [day, bytes, records, events] = [str(d, 'day'), num(d, 'bytes'), num(d, 'records'), num(d, 'events')];
    if (day === null || bytes === null || records === null || events === null) return null;
    return `${w.day(day)}: ${w.bytes(bytes)}, 레코드 ${w.number(records)}건, 요청 ${w.number(events)}건${d['flagged'] === true ? ' (이상 징후)' : ''}`;
  },
  'offshore-activity': (d, _s, w) => {
    const [events, country, first, last] = [num(d, 'events'), str(d, 'country'), str(d, 'firstSeen'), str(d, 'lastSeen')];
    if (events === null || country === null || first === null || last === null) return null;
    return `${w.country(country)}에서 ${str(d, 'credentialExternalId') ?? '자격 증명 없이'} 경유 이벤트 ${w.number(events)}건, ${w.day(first)} ~ ${w.day(last)}`;
  },
  'production-entitlement': (d, s) => (str(d, 'entitlement') === null ? null : `${s}의 ${str(d, 'entitlement')}${d['privileged'] === true ? ' (특권)' : ''}`),
  'invalid-approval': (d) => (str(d, 'approver') === null || str(d, 'scope') === null ? null : `${str(d, 'approver')}의 ${str(d, 'scope')} 승인은 이 날짜에 유효하지 않음`),
  'signed-tokens': (d, _s, w) => (num(d, 'activeTokens') === null ? null : `이 키로 서명된 활성 토큰 ${w.number(num(d, 'activeTokens') as number)}개`),
  'active-credential': (d, _s, w) => {
    const [kind, id] = [str(d, 'kind'), str(d, 'externalId')];
    const word = kind === null ? undefined : (w.glossary.credentialKinds as Record<string, string>)[kind];
    return word === undefined || id === null ? null : `${word} ${id}: 여전히 활성 상태`;
  },
  'use-after-departure': (d, _s, w) => {
    const [events, bytes, day] = [num(d, 'events'), num(d, 'bytes'), str(d, 'day')];
    return events === null || bytes === null || day === null ? null : `${w.day(day)}: ${countryOr(d, w, '알 수 없는 국가')}에서 이벤트 ${w.number(events)}건, ${w.bytes(bytes)}`;
  },
  'last-use-after-departure': (d, _s, w) => (str(d, 'what') === null || str(d, 'lastUsedAt') === null ? null : `${str(d, 'what')}: 퇴사 후 ${w.minute(str(d, 'lastUsedAt') as string)}에 마지막 사용`),
  event: (d, _s, w) =>
    str(d, 'action') === null || str(d, 'occurredAt') === null
      ? null
      : `${w.minute(str(d, 'occurredAt') as string)} ${str(d, 'action')}, ${str(d, 'sourceIp') ?? '알 수 없는 IP'} (${countryOr(d, w, '알 수 없는 국가')})`,
};

const RENDERERS: Record<Language, Record<string, Renderer>> = { en: EN, ko: KO };

/** An evidence record's summary in `lang`, from its type and data; its stored (English) summary where no renderer applies. */
export const evidenceSummary = (record: EvidenceRecord, lang: Language): string =>
  (Object.hasOwn(RENDERERS[lang], record.type) ? RENDERERS[lang][record.type]!(record.data, record.source, wordsFor(lang)) : null) ?? record.summary;
