import fc from 'fast-check';
import type { EvidenceRecord } from '../model/finding.model.js';
import { evidenceSummary } from './evidence-text.js';

const TYPES = [
  'campaign-progress', 'reviewer-pattern', 'kept-leaver', 'certificate-validity', 'source-freshness', 'credential-usage', 'departure', 'active-account',
  'residual-account', 'daily-volume', 'offshore-activity', 'production-entitlement', 'invalid-approval', 'signed-tokens', 'active-credential',
  'use-after-departure', 'last-use-after-departure', 'event', 'credential', 'rotation-sla',
];

const record = (type: string, data: EvidenceRecord['data'], source = 'okta'): EvidenceRecord => ({ source, type, summary: 'stored summary', data });

describe('an evidence summary in the reader language', () => {
  it('is written from the record data in English and Korean, with plurals, units and country names', () => {
    const volume = record('daily-volume', { day: '2025-11-18', bytes: 694_000_000_000, records: 1, events: 2, flagged: true });
    expect(evidenceSummary(volume, 'en')).toBe('Nov 18, 2025: 694 GB, 1 record, 2 requests (flagged)');
    expect(evidenceSummary(volume, 'ko')).toBe('2025. 11. 18.: 694GB, 레코드 1건, 요청 2건 (이상 징후)');
    const abroad = record('offshore-activity', { events: 1, country: 'CN', credentialExternalId: 'tok-7f3a', firstSeen: '2025-06-24', lastSeen: '2025-11-18' });
    expect(evidenceSummary(abroad, 'en')).toBe('1 event from China via tok-7f3a, Jun 24, 2025 to Nov 18, 2025');
    expect(evidenceSummary(abroad, 'ko')).toBe('중국에서 tok-7f3a 경유 이벤트 1건, 2025. 6. 24. ~ 2025. 11. 18.');
    const account = record('active-account', { userName: 'kim', status: 'ACTIVE' }, 'aws-iam');
    expect(evidenceSummary(account, 'en')).toBe('aws-iam account kim is still active');
    expect(evidenceSummary(account, 'ko')).toBe('aws-iam 계정 kim: 여전히 활성 상태');
    const departure = record('departure', { via: 'HR,IDENTITY_PROVIDER', departedAt: '2026-06-30T00:00:00.000Z' }, 'hr');
    expect(evidenceSummary(departure, 'en')).toBe('departed Jun 30, 2026 per HR and the identity provider');
    expect(evidenceSummary(departure, 'ko')).toBe('2026. 6. 30. 퇴사 (인사 기록 및 ID 공급자 기준)');
    const key = record('active-credential', { kind: 'ACCESS_KEY', externalId: 'AKIA1' }, 'iam');
    expect([evidenceSummary(key, 'en'), evidenceSummary(key, 'ko')]).toEqual(['Access key AKIA1 is still active', '액세스 키 AKIA1: 여전히 활성 상태']);
  });

  it("writes a rotation finding's credential and SLA records with the glossary's words, never the enum names", () => {
    const rotated = record('credential', { kind: 'SECRET', environment: 'PRODUCTION', ageBasis: 'LAST_ROTATED', ageFrom: '2023-12-08T03:12:00.000Z' }, 'entra-app-credentials');
    expect(evidenceSummary(rotated, 'en')).toBe('Secret (Production), last rotated Dec 8, 2023');
    expect(evidenceSummary(rotated, 'ko')).toBe('시크릿 (운영), 마지막 교체 2023. 12. 8.');
    const unowned = record('credential', { kind: 'SIGNING_KEY', environment: 'STAGING', ownerIdentityId: null, teamId: null }, 'jwks');
    expect(evidenceSummary(unowned, 'en')).toBe('Signing key (Staging): no owner identity or team recorded');
    expect(evidenceSummary(unowned, 'ko')).toBe('서명 키 (스테이징): 소유자 ID·팀 기록 없음');
    const sla = record('rotation-sla', { dueAt: '2024-03-07T03:12:00.000Z', maxAgeDays: 1 }, 'rotation-policy');
    expect(evidenceSummary(sla, 'en')).toBe('due Mar 7, 2024 (max 1 day)');
    expect(evidenceSummary({ ...sla, data: { ...sla.data, maxAgeDays: 90 } }, 'ko')).toBe('기한 2024. 3. 7. (최대 90일)');
    expect(evidenceSummary(record('credential', { kind: 'SECRET', environment: 'MOON', ageBasis: 'CREATED', ageFrom: '2023-12-08' }), 'en')).toBe('stored summary');
  });

  it('falls back to the stored summary for a type it does not know or data it cannot read', () => {
    expect(evidenceSummary(record('use-after-departure', { events: 3 }), 'ko')).toBe('stored summary');
    expect(evidenceSummary(record('daily-volume', { day: '2025-11-18', bytes: 'many' }), 'ko')).toBe('stored summary');
    expect(evidenceSummary(record('toString', {}), 'en')).toBe('stored summary');
  });

  it('never shows undefined, NaN or a raw enum name, whatever the data holds', () => {
    const value = fc.oneof(fc.string({ maxLength: 12 }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));
    const keys = ['decided', 'totalItems', 'dueAt', 'keepRatio', 'medianSecondsBetweenDecisions', 'spanSeconds', 'entitlement', 'subjectEmail', 'validFrom', 'expiresAt',
      'lastSuccessfulRunAt', 'createdAt', 'expectedFreshnessHours', 'lastUsedAt', 'idleSince', 'neverUsed', 'departedAt', 'via', 'userName', 'status', 'day', 'bytes',
      'records', 'events', 'flagged', 'country', 'credentialExternalId', 'firstSeen', 'lastSeen', 'privileged', 'approver', 'scope', 'activeTokens', 'kind', 'externalId',
      'what', 'action', 'occurredAt', 'sourceIp', 'environment', 'ageBasis', 'ageFrom', 'maxAgeDays', 'ownerIdentityId'];
    fc.assert(
      fc.property(fc.constantFrom(...TYPES), fc.dictionary(fc.constantFrom(...keys), value), fc.constantFrom('en' as const, 'ko' as const), (type, data, lang) => {
        const text = evidenceSummary(record(type, data), lang);
        const written = Object.values(data).filter((v): v is string => typeof v === 'string' && v.length > 0).sort((a, b) => b.length - a.length).reduce((rest, v) => rest.split(v).join(''), text);
        expect(written).not.toMatch(/undefined|NaN|\[object/);
        expect(written).not.toMatch(/\b(ACTIVE|SUSPENDED|DEACTIVATED|IDENTITY_PROVIDER)\b|[A-Z]+_[A-Z]+/);
      }),
    );
  });
});
