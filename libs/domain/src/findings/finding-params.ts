import type { CredentialKind, FindingKind } from '../model/enums.js';

/**
 * The facts a finding's title is written from, typed per kind: stored with the finding (jsonb), rendered at
 * read time in the reader's language (finding-text.ts). Dates are UTC days (`YYYY-MM-DD`) or ISO instants,
 * numbers are plain numbers, countries ISO 3166 codes: never a sentence.
 */
export interface FindingParamsByKind {
  KEY_ROTATION_OVERDUE: { credentialKind: CredentialKind; name: string; dueOn: string };
  KEY_UNUSED: { credentialKind: CredentialKind; name: string; neverUsed: boolean; since: string };
  KEY_NO_OWNER: { credentialKind: CredentialKind; name: string };
  CERTIFICATE_EXPIRING: { credentialKind: CredentialKind; name: string; expiresOn: string };
  LEAVER_ACTIVE_ACCESS: {
    name: string;
    departedOn: string | null;
    activeAccounts: number;
    activeCredentials: number;
    /** Days with recorded activity after the departure; 0 when none. */
    daysUsedSince: number;
    /** The inventory reports a use (last login, last key use) after the departure. */
    usedSince: boolean;
  };
  LEAVER_RESIDUAL_ACCOUNT: { name: string; departedOn: string | null; accounts: number };
  ACCESS_REVIEW_OVERDUE: { campaign: string; dueOn: string; completion: number };
  ACCESS_REVIEW_RUBBER_STAMP: { reviewer: string; campaign: string; approved: number; decisions: number; medianSeconds: number };
  OFFSHORE_ACCESS:
    | { variant: 'activity'; name: string; countries: readonly string[] }
    | { variant: 'work-country'; name: string; workCountry: string; productionEntitlements: number };
  BULK_EXTRACTION: {
    name: string;
    measure: 'bytes' | 'records' | 'requests';
    value: number;
    peakOn: string;
    baselineDays: number;
    /** Peak over the baseline median, rounded; null with no baseline (`baselineMedian` null) or a zero one. */
    ratio: number | null;
    baselineMedian: number | null;
  };
  DATA_SOURCE_STALE: { name: string; lastDeliveredAt: string | null; addedAt: string; expectedEveryHours: number };
}

export type FindingParams = FindingParamsByKind[FindingKind];

/** A kind with its parameters, as one value: what the renderer reads. */
export type FindingFacts = { [K in FindingKind]: { kind: K; params: FindingParamsByKind[K] } }[FindingKind];
