import type { ScoreBand, ScoreDomain } from '../model/enums.js';

/** Weights, penalties and bands of docs/scoring.md. */
export interface ScoreSettings {
  domainWeights: Record<ScoreDomain, number>;
  metricWeights: {
    rotation: number;
    ownership: number;
    usage: number;
    leavers: number;
    reviewCompletion: number;
    reviewQuality: number;
    offshoreActivity: number;
    offshoreApproval: number;
    sourceCoverage: number;
    sourceFreshness: number;
    anomalyFollowUp: number;
    useCoverage: number;
  };
  /** Points taken per open CRITICAL finding of a domain, up to the cap. */
  criticalPenalty: number;
  criticalPenaltyCap: number;
  /** Lowest score of each band, best first; below the last is CRITICAL. */
  bandFloors: { band: ScoreBand; min: number }[];
  /** Recent departures (days) counted in the leaver population. */
  leaverLookbackDays: number;
  /** Campaigns due within this many days count for review metrics. */
  reviewLookbackDays: number;
  /** An OPEN anomaly younger than this is still within its follow-up window. */
  anomalyFollowUpDays: number;
}

export const DEFAULT_SCORE_SETTINGS: ScoreSettings = {
  domainWeights: { KEY_MANAGEMENT: 30, ACCESS_GOVERNANCE: 30, CROSS_BORDER_ACCESS: 20, DETECTION: 20 },
  metricWeights: {
    rotation: 60,
    ownership: 20,
    usage: 20,
    leavers: 50,
    reviewCompletion: 30,
    reviewQuality: 20,
    offshoreActivity: 50,
    offshoreApproval: 50,
    sourceCoverage: 30,
    sourceFreshness: 30,
    anomalyFollowUp: 40,
    useCoverage: 10,
  },
  criticalPenalty: 10,
  criticalPenaltyCap: 40,
  bandFloors: [
    { band: 'STRONG', min: 80 },
    { band: 'ADEQUATE', min: 60 },
    { band: 'WEAK', min: 40 },
    { band: 'CRITICAL', min: 0 },
  ],
  leaverLookbackDays: 365,
  reviewLookbackDays: 365,
  anomalyFollowUpDays: 2,
};

export const bandOf = (score: number, settings: ScoreSettings = DEFAULT_SCORE_SETTINGS): ScoreBand => {
  for (const floor of settings.bandFloors) if (score >= floor.min) return floor.band;
  return 'CRITICAL';
};
