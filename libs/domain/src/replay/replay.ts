import { dayNumberOf, dayNumberOfIsoDay, endOfDay, isoDayOf } from '../model/date.util.js';
import { summariseDaysToDetect } from '../detection/days-to-detect.js';
import { FINDING_KINDS, type FindingKind, type Severity } from '../model/enums.js';
import type { FindingSubject } from '../model/finding.model.js';
import type { PostureInput } from '../model/posture-input.model.js';
import { severityRank } from '../model/severity.util.js';
import { FINDING_RULES } from '../findings/evaluate-findings.js';
import { DEFAULT_FINDING_SETTINGS, type FindingSettings } from '../findings/finding-settings.js';
import { PostureIndex } from '../findings/posture-index.js';
import { compareStrings } from '../model/compare.util.js';

/** One finding that would have fired in the window, and the first day it would have. */
export interface ReplayDetection {
  kind: FindingKind;
  subject: FindingSubject;
  fingerprint: string;
  /** Severity on the first day it fired. */
  severity: Severity;
  /** UTC day, `YYYY-MM-DD`. */
  firstDetectedOn: string;
  /** UTC day the condition began (the first day of the anomalous activity, a departure), as the rule saw it on `firstDetectedOn`; null where a rule has none. */
  activityStartedOn: string | null;
  /** Whole days from `activityStartedOn` to `firstDetectedOn` (0: detected the day it began); null without a start. */
  daysToDetect: number | null;
}

/**
 * Source freshness cannot be replayed: only the latest successful run is known, not the runs before it.
 */
export const REPLAY_DEFAULT_KINDS: readonly FindingKind[] = FINDING_KINDS.filter((kind) => kind !== 'DATA_SOURCE_STALE');

export interface ReplayOptions {
  kinds?: readonly FindingKind[];
  settings?: FindingSettings;
}

/**
 * The "days to detect" view: evaluates every UTC day from `from` to `to` (inclusive) at the end of that
 * day, on only what was known by then (rules ignore events after `asOf`, terminations not yet effective,
 * credentials not yet created), and reports the first day each fingerprint fired.
 */
export const replay = (input: PostureInput, from: Date, to: Date, options: ReplayOptions = {}): ReplayDetection[] => {
  const fromDay = dayNumberOf(from);
  const toDay = dayNumberOf(to);
  if (toDay < fromDay) throw new RangeError(`replay window ends (${isoDayOf(toDay)}) before it starts (${isoDayOf(fromDay)})`);
  // Replay reports what fired and when: building evidence for every day would be wasted work.
  const settings: FindingSettings = { ...(options.settings ?? DEFAULT_FINDING_SETTINGS), evidenceLimit: 0 };
  const kinds = options.kinds ?? REPLAY_DEFAULT_KINDS;
  const detections = new Map<string, ReplayDetection>();
  const rules = FINDING_RULES.filter((rule) => kinds.includes(rule.kind));
  // One index for every day: what the rules derive from the input (activity by day, flags) is derived once.
  const index = new PostureIndex(input);
  for (let day = fromDay; day <= toDay; day++) {
    const asOf = endOfDay(day);
    for (const rule of rules) {
      for (const candidate of rule.evaluate(index, asOf, settings)) {
        if (detections.has(candidate.fingerprint)) continue;
        const { kind, subject, fingerprint, severity } = candidate;
        const activityStartedOn = candidate.activityStartedOn ?? null;
        const daysToDetect = activityStartedOn === null ? null : Math.max(0, day - dayNumberOfIsoDay(activityStartedOn));
        detections.set(fingerprint, { kind, subject, fingerprint, severity, firstDetectedOn: isoDayOf(day), activityStartedOn, daysToDetect });
      }
    }
  }
  return [...detections.values()].sort(
    (a, b) =>
      compareStrings(a.firstDetectedOn, b.firstDetectedOn) ||
      severityRank(a.severity) - severityRank(b.severity) ||
      compareStrings(a.kind, b.kind) ||
      compareStrings(a.fingerprint, b.fingerprint),
  );
};

/**
 * The median days to detect of the detections first detected in [`from`, `to`] (UTC days, inclusive) that
 * have a start day (summariseDaysToDetect). Null when none has.
 */
export const medianDaysToDetect = (detections: readonly ReplayDetection[], from: Date, to: Date): number | null =>
  summariseDaysToDetect(
    detections.flatMap(({ activityStartedOn, firstDetectedOn }) => (activityStartedOn === null ? [] : [{ activityStartedOn, firstDetectedOn }])),
    from,
    to,
  ).medianDays;
