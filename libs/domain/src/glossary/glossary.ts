/**
 * The product's words for its shared concepts, in each language the product speaks: one word per concept,
 * used by the web app's catalogue and the board report alike (a reader once met "취약" on screen and "미흡"
 * on paper for the same band). Plain data with no imports, so the browser can load it alone.
 */
export const GLOSSARY_LANGUAGES = ['en', 'ko'] as const;
export type GlossaryLanguage = (typeof GLOSSARY_LANGUAGES)[number];

type Words<K extends string> = Readonly<Record<K, string>>;

export interface Glossary {
  domains: Words<'KEY_MANAGEMENT' | 'ACCESS_GOVERNANCE' | 'CROSS_BORDER_ACCESS' | 'DETECTION'>;
  /** Score bands; NONE is a domain without data ("not measured"). */
  bands: Words<'STRONG' | 'ADEQUATE' | 'WEAK' | 'CRITICAL' | 'NONE'>;
  severities: Words<'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW'>;
  findingStatuses: Words<'OPEN' | 'ACKNOWLEDGED' | 'RISK_ACCEPTED' | 'FALSE_POSITIVE' | 'RESOLVED'>;
  findingKinds: Words<
    | 'KEY_ROTATION_OVERDUE'
    | 'KEY_UNUSED'
    | 'KEY_NO_OWNER'
    | 'CERTIFICATE_EXPIRING'
    | 'LEAVER_ACTIVE_ACCESS'
    | 'LEAVER_RESIDUAL_ACCOUNT'
    | 'ACCESS_REVIEW_OVERDUE'
    | 'ACCESS_REVIEW_RUBBER_STAMP'
    | 'OFFSHORE_ACCESS'
    | 'BULK_EXTRACTION'
    | 'DATA_SOURCE_STALE'
  >;
  /** How recently a data source delivered. */
  freshness: Words<'FRESH' | 'STALE' | 'NEVER'>;
  /** Credential kinds as a sentence starts with them ("Signing key nuri-auth …"). */
  credentialKinds: Words<'ACCESS_KEY' | 'SIGNING_KEY' | 'ENCRYPTION_KEY' | 'KMS_KEY' | 'CERTIFICATE' | 'CA_CERTIFICATE' | 'SECRET' | 'API_TOKEN' | 'SSH_KEY'>;
  /** Where a credential is used. */
  environments: Words<'PRODUCTION' | 'STAGING' | 'DEVELOPMENT' | 'TEST' | 'UNKNOWN'>;
  /** What a finding is about (its subject's type). */
  subjectTypes: Words<'CREDENTIAL' | 'IDENTITY' | 'PRINCIPAL' | 'ACCESS_REVIEW_CAMPAIGN' | 'DATA_SOURCE'>;
  /** Score metrics by their stable name (docs/scoring.md). */
  metrics: Words<
    | 'rotation'
    | 'ownership'
    | 'usage'
    | 'leavers'
    | 'review-completion'
    | 'review-quality'
    | 'offshore-activity'
    | 'offshore-approval'
    | 'source-coverage'
    | 'source-freshness'
    | 'anomaly-follow-up'
    | 'use-coverage'
  >;
}

export const GLOSSARY: Readonly<Record<GlossaryLanguage, Glossary>> = {
  en: {
    domains: { KEY_MANAGEMENT: 'Key management', ACCESS_GOVERNANCE: 'Access governance', CROSS_BORDER_ACCESS: 'Cross-border access', DETECTION: 'Detection and monitoring' },
    bands: { STRONG: 'Strong', ADEQUATE: 'Adequate', WEAK: 'Weak', CRITICAL: 'Critical', NONE: 'Not measured' },
    severities: { CRITICAL: 'Critical', HIGH: 'High', MEDIUM: 'Medium', LOW: 'Low' },
    findingStatuses: { OPEN: 'Open', ACKNOWLEDGED: 'Acknowledged', RISK_ACCEPTED: 'Risk accepted', FALSE_POSITIVE: 'False positive', RESOLVED: 'Resolved' },
    findingKinds: {
      KEY_ROTATION_OVERDUE: 'Key rotation overdue',
      KEY_UNUSED: 'Unused key or credential',
      KEY_NO_OWNER: 'Key without an owner',
      CERTIFICATE_EXPIRING: 'Certificate expiring soon',
      LEAVER_ACTIVE_ACCESS: 'Leaver with active access',
      LEAVER_RESIDUAL_ACCOUNT: 'Leaver account not deleted (unusable)',
      ACCESS_REVIEW_OVERDUE: 'Access review overdue',
      ACCESS_REVIEW_RUBBER_STAMP: 'Rubber-stamped access review',
      OFFSHORE_ACCESS: 'Unapproved cross-border access',
      BULK_EXTRACTION: 'Bulk data extraction',
      DATA_SOURCE_STALE: 'Stale data source',
    },
    freshness: { FRESH: 'Fresh', STALE: 'Stale', NEVER: 'Never run' },
    credentialKinds: {
      ACCESS_KEY: 'Access key',
      SIGNING_KEY: 'Signing key',
      ENCRYPTION_KEY: 'Encryption key',
      KMS_KEY: 'KMS key',
      CERTIFICATE: 'Certificate',
      CA_CERTIFICATE: 'CA certificate',
      SECRET: 'Secret',
      API_TOKEN: 'API token',
      SSH_KEY: 'SSH key',
    },
    environments: { PRODUCTION: 'Production', STAGING: 'Staging', DEVELOPMENT: 'Development', TEST: 'Test', UNKNOWN: 'Unknown' },
    subjectTypes: { CREDENTIAL: 'Credential', IDENTITY: 'Person', PRINCIPAL: 'Account', ACCESS_REVIEW_CAMPAIGN: 'Access review campaign', DATA_SOURCE: 'Data source' },
    metrics: {
      rotation: 'Credentials within rotation policy',
      ownership: 'Credentials with an owner',
      usage: 'Credentials in use',
      leavers: 'Leavers fully deprovisioned',
      'review-completion': 'Access reviews completed',
      'review-quality': 'Review decisions not rubber-stamped',
      'offshore-activity': 'Activity from approved countries',
      'offshore-approval': 'Offshore production access approved',
      'source-coverage': 'Log sources covered',
      'source-freshness': 'Sources delivering on time',
      'anomaly-follow-up': 'Anomalies followed up',
      'use-coverage': 'Credentials whose use is observed',
    },
  },
  ko: {
    domains: { KEY_MANAGEMENT: '키 관리', ACCESS_GOVERNANCE: '접근 권한 관리', CROSS_BORDER_ACCESS: '국외 접근', DETECTION: '탐지 및 모니터링' },
    bands: { STRONG: '우수', ADEQUATE: '양호', WEAK: '미흡', CRITICAL: '심각', NONE: '측정되지 않음' },
    severities: { CRITICAL: '심각', HIGH: '높음', MEDIUM: '보통', LOW: '낮음' },
    findingStatuses: { OPEN: '미해결', ACKNOWLEDGED: '확인됨', RISK_ACCEPTED: '위험 수용', FALSE_POSITIVE: '오탐', RESOLVED: '해결됨' },
    findingKinds: {
      KEY_ROTATION_OVERDUE: '키 교체 기한 초과',
      KEY_UNUSED: '사용되지 않는 키·자격 증명',
      KEY_NO_OWNER: '소유자 없는 키',
      CERTIFICATE_EXPIRING: '인증서 만료 임박',
      LEAVER_ACTIVE_ACCESS: '퇴사자 접근 권한 잔존',
      LEAVER_RESIDUAL_ACCOUNT: '퇴사자 미삭제 계정(사용 불가)',
      ACCESS_REVIEW_OVERDUE: '접근 권한 검토 기한 초과',
      ACCESS_REVIEW_RUBBER_STAMP: '형식적 접근 권한 검토',
      OFFSHORE_ACCESS: '미승인 국외 접근',
      BULK_EXTRACTION: '대량 데이터 반출',
      DATA_SOURCE_STALE: '데이터 소스 갱신 지연',
    },
    freshness: { FRESH: '최신', STALE: '지연', NEVER: '실행 이력 없음' },
    credentialKinds: {
      ACCESS_KEY: '액세스 키',
      SIGNING_KEY: '서명 키',
      ENCRYPTION_KEY: '암호화 키',
      KMS_KEY: 'KMS 키',
      CERTIFICATE: '인증서',
      CA_CERTIFICATE: 'CA 인증서',
      SECRET: '시크릿',
      API_TOKEN: 'API 토큰',
      SSH_KEY: 'SSH 키',
    },
    environments: { PRODUCTION: '운영', STAGING: '스테이징', DEVELOPMENT: '개발', TEST: '테스트', UNKNOWN: '알 수 없음' },
    subjectTypes: { CREDENTIAL: '자격 증명', IDENTITY: '사용자', PRINCIPAL: '계정', ACCESS_REVIEW_CAMPAIGN: '접근 권한 검토 캠페인', DATA_SOURCE: '데이터 소스' },
    metrics: {
      rotation: '교체 주기 내 자격 증명',
      ownership: '소유자가 지정된 자격 증명',
      usage: '사용 중인 자격 증명',
      leavers: '퇴사자 접근 권한 회수 완료',
      'review-completion': '접근 권한 검토 완료',
      'review-quality': '형식적이지 않은 검토 결정',
      'offshore-activity': '승인된 국가에서의 활동',
      'offshore-approval': '승인된 국외 운영 접근',
      'source-coverage': '로그 소스 수집 범위',
      'source-freshness': '적시에 수집되는 소스',
      'anomaly-follow-up': '이상 징후 후속 조치',
      'use-coverage': '사용 여부가 관측되는 자격 증명',
    },
  },
};

/** Glossary words keyed as the web catalogue keys them (`prefix.NAME`), for spreading into a message area. */
export const glossaryEntries = <P extends string, K extends string>(prefix: P, words: Readonly<Record<K, string>>): Record<`${P}.${K}`, string> =>
  Object.fromEntries(Object.entries(words).map(([name, word]) => [`${prefix}.${name}`, word])) as Record<`${P}.${K}`, string>;
