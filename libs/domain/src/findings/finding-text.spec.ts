import { findingSearchText, findingTitle, renderFindingTitle } from './finding-text.js';

describe('a finding title in the reader language', () => {
  it('names a credential kind in words, never by its enum name, in English and Korean', () => {
    const facts = { kind: 'KEY_ROTATION_OVERDUE', params: { credentialKind: 'SIGNING_KEY', name: 'nuri-auth-2015', dueOn: '2016-06-30' } } as const;
    expect(renderFindingTitle(facts, 'en')).toBe('Signing key nuri-auth-2015 has been overdue for rotation since Jun 30, 2016');
    expect(renderFindingTitle(facts, 'ko')).toBe('서명 키 nuri-auth-2015: 2016. 6. 30.부터 교체 기한 초과');
  });

  it('counts with English plurals and Korean counters, leaving out what is zero', () => {
    const params = { name: 'Kim Minjun', departedOn: '2025-06-24', activeAccounts: 1, activeCredentials: 0, daysUsedSince: 1, usedSince: false };
    expect(renderFindingTitle({ kind: 'LEAVER_ACTIVE_ACCESS', params }, 'en')).toBe('Kim Minjun left on Jun 24, 2025 but still has 1 active account, used on 1 day since');
    expect(renderFindingTitle({ kind: 'LEAVER_ACTIVE_ACCESS', params: { ...params, activeAccounts: 2, activeCredentials: 3, daysUsedSince: 148 } }, 'en')).toBe(
      'Kim Minjun left on Jun 24, 2025 but still has 2 active accounts and 3 active credentials, used on 148 days since',
    );
    expect(renderFindingTitle({ kind: 'LEAVER_ACTIVE_ACCESS', params: { ...params, activeAccounts: 2, activeCredentials: 3, daysUsedSince: 148 } }, 'ko')).toBe(
      'Kim Minjun: 2025. 6. 24. 퇴사 후에도 활성 계정 2개, 활성 자격 증명 3개 유지, 퇴사 후 148일 사용',
    );
  });

  it('writes volumes by the one byte rule (decimal units) and countries by name', () => {
    const bulk = { kind: 'BULK_EXTRACTION', params: { name: 'svc-export', measure: 'bytes', value: 694_000_000_000, peakOn: '2025-11-18', baselineDays: 28, ratio: 52, baselineMedian: 13_300_000_000 } } as const;
    expect(renderFindingTitle(bulk, 'en')).toBe('svc-export moved 694 GB on Nov 18, 2025, 52× its 28-day median');
    expect(renderFindingTitle(bulk, 'ko')).toBe('svc-export: 2025. 11. 18. 694GB 전송(28일 중앙값의 52배)');
    const offshore = { kind: 'OFFSHORE_ACCESS', params: { variant: 'activity', name: 'Lee', countries: ['CN', 'VN'] } } as const;
    expect(renderFindingTitle(offshore, 'en')).toBe('Lee accessed systems from China and Vietnam, outside the approved countries');
    expect(renderFindingTitle(offshore, 'ko')).toBe('Lee: 승인되지 않은 국가(중국 및 베트남)에서 시스템 접근');
  });

  it('shows the stored English title of a finding stored before findings carried parameters', () => {
    expect(findingTitle({ kind: 'KEY_NO_OWNER', params: null, title: 'SIGNING_KEY old has no owner' }, 'ko')).toBe('SIGNING_KEY old has no owner');
    expect(findingTitle({ kind: 'KEY_NO_OWNER', params: { credentialKind: 'API_TOKEN', name: 'ci' }, title: 'stored' }, 'ko')).toBe('API 토큰 ci: 소유자 없음');
  });

  it('searches a finding by its title in every language, and by the stored title of one without parameters', () => {
    const params = { credentialKind: 'ACCESS_KEY', name: 'legacy-batch' } as const;
    expect(findingSearchText({ kind: 'KEY_NO_OWNER', params, title: 'ignored' })).toBe('Access key legacy-batch has no owner\n액세스 키 legacy-batch: 소유자 없음');
    expect(findingSearchText({ kind: 'KEY_NO_OWNER', params: null, title: 'ACCESS_KEY legacy-batch has no owner' })).toBe('ACCESS_KEY legacy-batch has no owner');
  });
});
