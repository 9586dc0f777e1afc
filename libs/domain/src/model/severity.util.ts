import { SEVERITIES, type Severity } from './enums.js';

/** 0 for CRITICAL … 3 for LOW: sort ascending to put the worst first. */
export const severityRank = (severity: Severity): number => SEVERITIES.indexOf(severity);

export const maxSeverity = (a: Severity, b: Severity): Severity => (severityRank(a) <= severityRank(b) ? a : b);

/** Raise a severity by `levels`, never beyond CRITICAL. */
export const escalateSeverity = (severity: Severity, levels = 1): Severity =>
  SEVERITIES[Math.max(0, severityRank(severity) - levels)] as Severity;
