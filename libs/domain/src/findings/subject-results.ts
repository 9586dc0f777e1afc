import { addDays, DAY_MS } from '../model/date.util.js';
import type { FindingKind } from '../model/enums.js';
import type { FindingCandidate } from '../model/finding.model.js';
import type { FindingSettings } from './finding-settings.js';

/**
 * What one subject (a credential, an identity) gave an inventory rule at one as-of: it holds, re-dated, at any
 * later as-of before `until` while the subject's inputs are the very same objects (and values). A new day of
 * activity changes no credential, so most of the inventory is not evaluated again; dates do move the result
 * (a key becomes overdue, a certificate enters its expiry window) and each rule says when, as `until`.
 */
export interface SubjectResult {
  /** What the result was computed from, compared element by element with `===`. */
  readonly inputs: readonly unknown[];
  /** The as-of it was computed at, and the first instant at which it may differ (ms since the epoch). */
  readonly from: number;
  readonly until: number;
  readonly candidates: readonly FindingCandidate[];
}

/** One rule's results by subject key, valid for the settings object they were computed with. */
export interface RuleResults {
  readonly settings: FindingSettings;
  readonly bySubject: ReadonlyMap<string, SubjectResult>;
}

/** Every inventory rule's results, as an evaluation returns them for the next one (part of FindingsState). */
export type SubjectResultsState = ReadonlyMap<FindingKind, RuleResults>;

/** How a rule evaluates one subject: its key, its inputs, and the candidates with the instant they stop holding. */
export interface SubjectRule<S> {
  key(subject: S): string;
  inputs(subject: S): readonly unknown[];
  evaluate(subject: S): { candidates: FindingCandidate[]; until: number };
}

const sameInputs = (a: readonly unknown[], b: readonly unknown[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/** A candidate found earlier, as a rule would build it at `asOf` (buildCandidate: detected then, due by severity). */
const redated = (candidate: FindingCandidate, asOf: Date, settings: FindingSettings): FindingCandidate =>
  candidate.detectedAt.getTime() === asOf.getTime() ? candidate : { ...candidate, detectedAt: asOf, dueAt: addDays(asOf, settings.slaDays[candidate.severity]) };

/**
 * Runs `rule` over `subjects` at `asOf`, reusing `previous` for each subject whose inputs are unchanged and whose
 * result still holds at `asOf` (computed at or before it, not past its `until`). Returns the candidates, in
 * subject order, and the results for the next evaluation (a new value: `previous` is only read).
 */
export const evaluateBySubject = <S>(
  subjects: Iterable<S>,
  rule: SubjectRule<S>,
  asOf: Date,
  settings: FindingSettings,
  previous: RuleResults | undefined,
): { candidates: FindingCandidate[]; results: RuleResults } => {
  const at = asOf.getTime();
  const known = previous !== undefined && previous.settings === settings ? previous.bySubject : undefined;
  const bySubject = new Map<string, SubjectResult>();
  const candidates: FindingCandidate[] = [];
  for (const subject of subjects) {
    const key = rule.key(subject);
    const inputs = rule.inputs(subject);
    const kept = known?.get(key);
    let result: SubjectResult;
    if (kept !== undefined && kept.from <= at && at < kept.until && sameInputs(kept.inputs, inputs)) {
      result = kept.candidates.length === 0 ? kept : { ...kept, candidates: kept.candidates.map((c) => redated(c, asOf, settings)) };
    } else {
      const evaluated = rule.evaluate(subject);
      result = { inputs, from: at, until: evaluated.until, candidates: evaluated.candidates };
    }
    bySubject.set(key, result);
    for (const candidate of result.candidates) candidates.push(candidate);
  }
  return { candidates, results: { settings, bySubject } };
};

/**
 * The first of `instants` (ms, or dates) after `asOf`, else +Infinity: a rule lists every instant at which a
 * comparison of its with the as-of may flip, and its result holds until the first of them.
 */
export const nextChangeAfter = (asOf: Date, instants: Iterable<number | Date | null | undefined>): number => {
  const at = asOf.getTime();
  let next = Number.POSITIVE_INFINITY;
  for (const instant of instants) {
    if (instant === null || instant === undefined) continue;
    const t = typeof instant === 'number' ? instant : instant.getTime();
    if (t > at && t < next) next = t;
  }
  return next;
};

/**
 * The instants at which a whole-day count from `anchor` (wholeDaysBetween(anchor, asOf), floored) reaches each of
 * `days`: a rule comparing that count with a threshold changes there and nowhere else.
 */
export const dayMarks = (anchor: Date | null, days: readonly number[]): number[] =>
  anchor === null ? [] : days.map((d) => anchor.getTime() + d * DAY_MS);

/**
 * The instants at which the whole days left until `end` (wholeDaysBetween(asOf, end), floored) drop below each of
 * `days`: the first millisecond with fewer than `d` days left.
 */
export const daysLeftMarks = (end: Date, days: readonly number[]): number[] => days.map((d) => end.getTime() - d * DAY_MS + 1);

/** Where a credential's activity may flip (isCredentialActiveAt): it appears, expires, is deactivated. */
export const credentialActivityMarks = (credential: { createdAt: Date | null; firstSeenAt: Date; expiresAt: Date | null; deactivatedAt: Date | null }): (Date | null)[] => [
  credential.createdAt ?? credential.firstSeenAt,
  credential.expiresAt,
  credential.deactivatedAt,
];
