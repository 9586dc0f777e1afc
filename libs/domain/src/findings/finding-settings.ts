import type { CredentialKind, Severity } from '../model/enums.js';

/** Every threshold the rules use; documented in docs/findings.md. Override with `resolveFindingSettings`. */
export interface FindingSettings {
  /** Days from detection to the SLA due date, per severity. */
  slaDays: Record<Severity, number>;
  /** Most records of one list kept as evidence (daily series, events, accounts); 0 skips evidence (replay). */
  evidenceLimit: number;
  keyUnused: {
    unusedDays: number;
    /** TIER_1/TIER_2 credentials unused this long are HIGH. */
    highAfterDays: number;
    /** Kinds whose use the sources observe; signing keys and certificates are excluded by default. */
    kinds: readonly CredentialKind[];
  };
  certificateExpiry: {
    /** A leaf certificate expiring in fewer days than this raises CERTIFICATE_EXPIRING. */
    withinDays: number;
    /** …HIGH (production) with this many days or fewer left. */
    highWithinDays: number;
  };
  leaver: {
    /** Exposure (days since departure) from which a leaver with only accounts left is HIGH. */
    highExposureDays: number;
  };
  accessReviewOverdue: {
    /** Campaigns due longer ago than this are history, not findings. */
    lookbackDays: number;
    highAfterDaysOverdue: number;
    /** Completion below this share is HIGH. */
    highBelowCompletion: number;
  };
  rubberStamp: {
    minDecisions: number;
    /** Share of KEEP decisions at or above which a reviewer "approved everything". */
    minKeepRatio: number;
    /** Median seconds between consecutive decisions at or below which it is implausibly fast. */
    maxMedianSecondsBetweenDecisions: number;
  };
  offshore: {
    /** Activity from unapproved countries in this many days up to `asOf` is reported. */
    activityLookbackDays: number;
  };
  bulkExtraction: {
    baselineDays: number;
    /** Normal active days a baseline needs (taken from before the window when the window has fewer). */
    minBaselineDays: number;
    multiplier: number;
    /** Robust sigmas (1.4826 × MAD) above the median a day must also reach. */
    madMultiplier: number;
    floorBytes: number;
    floorRecords: number;
    /** Events (API calls, sign-ins, requests): the measure of sources that carry no volume. */
    floorRequests: number;
    noBaselineFloorBytes: number;
    noBaselineFloorRecords: number;
    noBaselineFloorRequests: number;
    /** The floors after the identity's departure (lower: a leaver's usual volume may be small). */
    leaverFloors: { floorBytes: number; floorRecords: number; floorRequests: number };
    /** Days from a series' first activity during which it cannot fire without a baseline. */
    learningDays: number;
    /** Days after which a run of flagged days joins the baseline (the new normal); never for a leaver's days. */
    newNormalDays: number;
    /** Flagged days this recent keep the finding open. */
    lookbackDays: number;
  };
  dataSourceStale: {
    /** Staleness (age / expected freshness) at which a source is MEDIUM, then HIGH. */
    mediumRatio: number;
    highRatio: number;
  };
}

export const DEFAULT_FINDING_SETTINGS: FindingSettings = {
  slaDays: { CRITICAL: 7, HIGH: 30, MEDIUM: 60, LOW: 90 },
  evidenceLimit: 60,
  keyUnused: { unusedDays: 45, highAfterDays: 365, kinds: ['ACCESS_KEY', 'API_TOKEN', 'SECRET', 'SSH_KEY', 'KMS_KEY'] },
  certificateExpiry: { withinDays: 30, highWithinDays: 7 },
  leaver: { highExposureDays: 30 },
  accessReviewOverdue: { lookbackDays: 365, highAfterDaysOverdue: 30, highBelowCompletion: 0.5 },
  rubberStamp: { minDecisions: 10, minKeepRatio: 1, maxMedianSecondsBetweenDecisions: 10 },
  offshore: { activityLookbackDays: 30 },
  bulkExtraction: {
    baselineDays: 28,
    minBaselineDays: 7,
    multiplier: 10,
    madMultiplier: 5,
    floorBytes: 1e9,
    floorRecords: 100_000,
    floorRequests: 500,
    noBaselineFloorBytes: 5e9,
    noBaselineFloorRecords: 1_000_000,
    noBaselineFloorRequests: 10_000,
    leaverFloors: { floorBytes: 1e8, floorRecords: 10_000, floorRequests: 50 },
    learningDays: 14,
    newNormalDays: 14,
    lookbackDays: 30,
  },
  dataSourceStale: { mediumRatio: 2, highRatio: 7 },
};

export type FindingSettingsOverrides = { [K in keyof FindingSettings]?: Partial<FindingSettings[K]> };

/** Defaults with per-section overrides (an organisation's configured thresholds). */
export const resolveFindingSettings = (overrides: FindingSettingsOverrides = {}): FindingSettings => {
  const d = DEFAULT_FINDING_SETTINGS;
  return {
    slaDays: { ...d.slaDays, ...overrides.slaDays },
    evidenceLimit: overrides.evidenceLimit ?? d.evidenceLimit,
    keyUnused: { ...d.keyUnused, ...overrides.keyUnused },
    certificateExpiry: { ...d.certificateExpiry, ...overrides.certificateExpiry },
    leaver: { ...d.leaver, ...overrides.leaver },
    accessReviewOverdue: { ...d.accessReviewOverdue, ...overrides.accessReviewOverdue },
    rubberStamp: { ...d.rubberStamp, ...overrides.rubberStamp },
    offshore: { ...d.offshore, ...overrides.offshore },
    bulkExtraction: { ...d.bulkExtraction, ...overrides.bulkExtraction },
    dataSourceStale: { ...d.dataSourceStale, ...overrides.dataSourceStale },
  };
};
