import { addDays, dayNumberOf, dayNumberOfIsoDay, isoDayOf } from '../model/date.util.js';
import { medianOf } from '../model/median.util.js';

/** How far back the detection domain looks for its median days to detect: the 90 days up to the as-of date. */
export const DAYS_TO_DETECT_PERIOD_DAYS = 90;

/**
 * One incident for "days to detect": the first day of the anomalous activity (or the departure) and the first
 * day a finding fired about it (null: no finding has fired about it yet).
 */
export interface DetectionIncident {
  /** UTC day, `YYYY-MM-DD`. */
  activityStartedOn: string;
  /** UTC day, `YYYY-MM-DD`; null when not detected (yet). */
  firstDetectedOn: string | null;
}

/** Days to detect over a period (UTC days, both ends included). */
export interface DaysToDetectSummary {
  from: string;
  to: string;
  /** Median of the incidents detected in the period (whole days, or a half for an even count); null when none was. */
  medianDays: number | null;
  /** Incidents first detected in the period (the median is over these). */
  detected: number;
  /**
   * Incidents begun by the end of the period and not detected by then: counted apart, never as 0 days (that
   * would make missing an incident look like catching it at once) nor as the period's length (a guess).
   */
  notDetectedYet: number;
}

/**
 * The median days to detect of the incidents first detected in [`from`, `to`] (each: first detection day −
 * start day, at least 0), and how many incidents begun by `to` were not detected by then.
 */
export const summariseDaysToDetect = (incidents: readonly DetectionIncident[], from: Date, to: Date): DaysToDetectSummary => {
  const fromDay = dayNumberOf(from);
  const toDay = dayNumberOf(to);
  if (toDay < fromDay) throw new RangeError(`days-to-detect period ends (${isoDayOf(toDay)}) before it starts (${isoDayOf(fromDay)})`);
  const days: number[] = [];
  let notDetectedYet = 0;
  for (const incident of incidents) {
    const started = dayNumberOfIsoDay(incident.activityStartedOn);
    const detected = incident.firstDetectedOn === null ? null : dayNumberOfIsoDay(incident.firstDetectedOn);
    if (detected !== null && detected >= fromDay && detected <= toDay) days.push(Math.max(0, detected - started));
    else if (started <= toDay && (detected === null || detected > toDay)) notDetectedYet += 1;
  }
  return { from: isoDayOf(fromDay), to: isoDayOf(toDay), medianDays: days.length === 0 ? null : medianOf(days), detected: days.length, notDetectedYet };
};

/** The detection domain's period: the `DAYS_TO_DETECT_PERIOD_DAYS` UTC days ending on the as-of day. */
export const daysToDetectPeriod = (asOf: Date): { from: Date; to: Date } => ({ from: addDays(asOf, -(DAYS_TO_DETECT_PERIOD_DAYS - 1)), to: asOf });

/** What days to detect reads of a tracked finding: when it first fired, and the start day the rule gave then. */
export interface DetectedFinding {
  firstDetectedAt: Date;
  activityStartedOn?: string | null | undefined;
}

/**
 * The incidents of tracked findings: those whose rule gives a start day (an anomaly, a departure); a finding
 * first detected after `asOf` is not detected yet as of then.
 */
export const incidentsOfFindings = (findings: readonly DetectedFinding[], asOf: Date): DetectionIncident[] =>
  findings.flatMap((finding) =>
    finding.activityStartedOn == null
      ? []
      : [{ activityStartedOn: finding.activityStartedOn, firstDetectedOn: finding.firstDetectedAt.getTime() <= asOf.getTime() ? isoDayOf(dayNumberOf(finding.firstDetectedAt)) : null }],
  );
