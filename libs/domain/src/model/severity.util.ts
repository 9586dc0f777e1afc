import { SEVERITIES, type Severity } from './enums.js';

const RANKS: Readonly<Record<string, number>> = Object.fromEntries(SEVERITIES.map((severity, rank) => [severity, rank]));

/** 0 for CRITICAL … 3 for LOW: sort ascending to put the worst first. (A lookup: sorts of every finding call it.) */
export const severityRank = (severity: Severity): number => RANKS[severity] ?? -1;

export const maxSeverity = (a: Severity, b: Severity): Severity => (severityRank(a) <= severityRank(b) ? a : b);

/** Raise a severity by `levels`, never beyond CRITICAL. */
export const escalateSeverity = (severity: Severity, levels = 1): Severity =>
  SEVERITIES[Math.max(0, severityRank(severity) - levels)] as Severity;
