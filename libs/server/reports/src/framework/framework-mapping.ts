import type { FindingKind } from '@postureboard/domain';
import type { ReportLang } from '../model/report-lang.js';

/**
 * Where each finding kind sits in the frameworks boards and auditors ask about. This is guidance for
 * finding the relevant requirement, not a compliance claim (the report says so next to the table).
 * Titles are the frameworks' own (ISMS-P's are Korean, with an English gloss for English reports).
 * Sources: ISO/IEC 27001:2022 Annex A; NIST CSF 2.0 (Feb 2024) subcategories; CIS Critical Security
 * Controls v8 Safeguards; ISMS-P 인증기준 (정보보호 및 개인정보보호 관리체계 인증 등에 관한 고시).
 */
export type Framework = 'iso27001' | 'nistCsf' | 'cisV8' | 'ismsP';

export interface Control {
  id: string;
  title: string;
  /** English gloss of a title given in another language. */
  titleEn?: string;
}

export interface FrameworkEntry {
  controls: Control[];
  note?: Record<ReportLang, string>;
}

export type FrameworkMapping = Record<Framework, FrameworkEntry>;

const iso = {
  a5_9: { id: 'A.5.9', title: 'Inventory of information and other associated assets' },
  a5_11: { id: 'A.5.11', title: 'Return of assets' },
  a5_15: { id: 'A.5.15', title: 'Access control' },
  a5_16: { id: 'A.5.16', title: 'Identity management' },
  a5_17: { id: 'A.5.17', title: 'Authentication information' },
  a5_18: { id: 'A.5.18', title: 'Access rights' },
  a5_19: { id: 'A.5.19', title: 'Information security in supplier relationships' },
  a6_5: { id: 'A.6.5', title: 'Responsibilities after termination or change of employment' },
  a6_7: { id: 'A.6.7', title: 'Remote working' },
  a8_2: { id: 'A.8.2', title: 'Privileged access rights' },
  a8_12: { id: 'A.8.12', title: 'Data leakage prevention' },
  a8_15: { id: 'A.8.15', title: 'Logging' },
  a8_16: { id: 'A.8.16', title: 'Monitoring activities' },
  a8_24: { id: 'A.8.24', title: 'Use of cryptography' },
} satisfies Record<string, Control>;

const nist = {
  gvRr04: { id: 'GV.RR-04', title: 'Cybersecurity is included in human resources practices' },
  idAm08: { id: 'ID.AM-08', title: 'Systems, hardware, software, services and data are managed throughout their life cycles' },
  prAa01: { id: 'PR.AA-01', title: 'Identities and credentials for authorized users, services and hardware are managed' },
  prAa05: { id: 'PR.AA-05', title: 'Access permissions, entitlements and authorizations are defined, managed, enforced and reviewed' },
  prDs01: { id: 'PR.DS-01', title: 'The confidentiality, integrity and availability of data-at-rest are protected' },
  prPs04: { id: 'PR.PS-04', title: 'Log records are generated and made available for continuous monitoring' },
  deCm03: { id: 'DE.CM-03', title: 'Personnel activity and technology usage are monitored' },
  deCm06: { id: 'DE.CM-06', title: 'External service provider activities and services are monitored' },
  deCm09: { id: 'DE.CM-09', title: 'Computing hardware and software, runtime environments and their data are monitored' },
  deAe02: { id: 'DE.AE-02', title: 'Potentially adverse events are analyzed' },
  deAe03: { id: 'DE.AE-03', title: 'Information is correlated from multiple sources' },
} satisfies Record<string, Control>;

const cis = {
  s3_14: { id: '3.14', title: 'Log Sensitive Data Access' },
  s5_1: { id: '5.1', title: 'Establish and Maintain an Inventory of Accounts' },
  s5_3: { id: '5.3', title: 'Disable Dormant Accounts' },
  s5_5: { id: '5.5', title: 'Establish and Maintain an Inventory of Service Accounts' },
  s6_1: { id: '6.1', title: 'Establish an Access Granting Process' },
  s6_2: { id: '6.2', title: 'Establish an Access Revoking Process' },
  s6_8: { id: '6.8', title: 'Define and Maintain Role-Based Access Control' },
  s8_2: { id: '8.2', title: 'Collect Audit Logs' },
  s8_9: { id: '8.9', title: 'Centralize Audit Logs' },
  s8_11: { id: '8.11', title: 'Conduct Audit Log Reviews' },
  s15_4: { id: '15.4', title: 'Ensure Service Provider Contracts Include Security Requirements' },
} satisfies Record<string, Control>;

const isms = {
  c2_1_3: { id: '2.1.3', title: '정보자산 관리', titleEn: 'Information asset management' },
  c2_2_5: { id: '2.2.5', title: '퇴직 및 직무변경 관리', titleEn: 'Termination and change of duties' },
  c2_3_3: { id: '2.3.3', title: '외부자 보안 이행 관리', titleEn: 'Managing third parties’ security' },
  c2_5_1: { id: '2.5.1', title: '사용자 계정 관리', titleEn: 'User account management' },
  c2_5_5: { id: '2.5.5', title: '특수 계정 및 권한 관리', titleEn: 'Special accounts and privileges' },
  c2_5_6: { id: '2.5.6', title: '접근권한 검토', titleEn: 'Review of access rights' },
  c2_6_6: { id: '2.6.6', title: '원격접근 통제', titleEn: 'Remote access control' },
  c2_7_2: { id: '2.7.2', title: '암호키 관리', titleEn: 'Cryptographic key management' },
  c2_9_4: { id: '2.9.4', title: '로그 및 접속기록 관리', titleEn: 'Logs and access records' },
  c2_9_5: { id: '2.9.5', title: '로그 및 접속기록 점검', titleEn: 'Review of logs and access records' },
  c2_11_3: { id: '2.11.3', title: '이상행위 분석 및 모니터링', titleEn: 'Analysis and monitoring of anomalous behaviour' },
  c3_3_4: { id: '3.3.4', title: '개인정보 국외이전', titleEn: 'Transfer of personal information abroad' },
} satisfies Record<string, Control>;

const entry = (...controls: Control[]): FrameworkEntry => ({ controls });

export const FRAMEWORK_MAPPING: Record<FindingKind, FrameworkMapping> = {
  KEY_ROTATION_OVERDUE: {
    iso27001: entry(iso.a8_24, iso.a5_17),
    nistCsf: entry(nist.prAa01, nist.prDs01),
    cisV8: {
      controls: [cis.s5_5],
      note: {
        en: 'No v8 Safeguard sets a rotation period; the CIS Benchmarks do (e.g. 90 days for cloud access keys).',
        ko: 'v8 세이프가드에는 교체 주기가 없으며 CIS 벤치마크가 정합니다(예: 클라우드 액세스 키 90일).',
      },
    },
    ismsP: entry(isms.c2_7_2),
  },
  KEY_UNUSED: {
    iso27001: entry(iso.a5_18, iso.a5_17),
    nistCsf: entry(nist.prAa01, nist.prAa05),
    cisV8: entry(cis.s5_3, cis.s5_5),
    ismsP: entry(isms.c2_5_1, isms.c2_5_6),
  },
  KEY_NO_OWNER: {
    iso27001: entry(iso.a5_9, iso.a5_17),
    nistCsf: entry(nist.prAa01, nist.idAm08),
    cisV8: entry(cis.s5_5, cis.s5_1),
    ismsP: entry(isms.c2_1_3, isms.c2_7_2),
  },
  // Certificate lifecycle: renewal before expiry.
  CERTIFICATE_EXPIRING: {
    iso27001: entry(iso.a8_24),
    nistCsf: entry(nist.prDs01),
    cisV8: entry(cis.s5_5),
    ismsP: entry(isms.c2_7_2),
  },
  LEAVER_ACTIVE_ACCESS: {
    iso27001: entry(iso.a5_18, iso.a6_5, iso.a5_11, iso.a5_16),
    nistCsf: entry(nist.prAa01, nist.prAa05, nist.gvRr04),
    cisV8: entry(cis.s6_2, cis.s5_3),
    ismsP: entry(isms.c2_2_5, isms.c2_5_1),
  },
  // Deleting accounts nobody can use any more: the account-lifecycle controls, without the access-rights ones.
  LEAVER_RESIDUAL_ACCOUNT: {
    iso27001: entry(iso.a5_16, iso.a6_5),
    nistCsf: entry(nist.prAa01),
    cisV8: entry(cis.s5_3),
    ismsP: entry(isms.c2_5_1),
  },
  ACCESS_REVIEW_OVERDUE: {
    iso27001: entry(iso.a5_18, iso.a8_2),
    nistCsf: entry(nist.prAa05),
    cisV8: entry(cis.s6_8, cis.s5_1),
    ismsP: entry(isms.c2_5_6, isms.c2_5_5),
  },
  ACCESS_REVIEW_RUBBER_STAMP: {
    iso27001: entry(iso.a5_18, iso.a8_2),
    nistCsf: entry(nist.prAa05),
    cisV8: entry(cis.s6_8),
    ismsP: entry(isms.c2_5_6),
  },
  OFFSHORE_ACCESS: {
    iso27001: entry(iso.a5_15, iso.a6_7, iso.a5_19),
    nistCsf: entry(nist.prAa05, nist.deCm03, nist.deCm06),
    cisV8: entry(cis.s6_1, cis.s15_4),
    ismsP: {
      controls: [isms.c2_6_6, isms.c2_3_3, isms.c3_3_4],
      note: { en: '3.3.4 applies where personal information is reached from abroad.', ko: '3.3.4는 국외에서 개인정보에 접근하는 경우에 해당합니다.' },
    },
  },
  BULK_EXTRACTION: {
    iso27001: entry(iso.a8_16, iso.a8_12, iso.a8_15),
    nistCsf: entry(nist.deCm03, nist.deCm09, nist.deAe02),
    cisV8: entry(cis.s3_14, cis.s8_11),
    ismsP: entry(isms.c2_11_3, isms.c2_9_5),
  },
  DATA_SOURCE_STALE: {
    iso27001: entry(iso.a8_15, iso.a8_16),
    nistCsf: entry(nist.prPs04, nist.deAe03),
    cisV8: entry(cis.s8_2, cis.s8_9),
    ismsP: entry(isms.c2_9_4, isms.c2_9_5),
  },
};
