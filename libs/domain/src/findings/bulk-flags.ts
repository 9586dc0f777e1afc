import { dayNumberOf, endOfDay } from '../model/date.util.js';
import type { FindingSubject } from '../model/finding.model.js';
import type { Identity } from '../model/identity.model.js';
import { medianOf } from '../model/median.util.js';
import { identityOfDay, offshoreOfDay, type ActivitySeries, type ActivityState, type DayValue } from './activity-state.js';
import { departureOf } from './departure.js';
import type { FindingSettings } from './finding-settings.js';
import type { PostureIndex } from './posture-index.js';
import { fingerprintOf } from './finding-candidate.factory.js';
import { credentialSubject, identitySubject, principalSubject, unknownCredentialSubject } from './subject.util.js';

export type BulkSettings = FindingSettings['bulkExtraction'];

/** What a day of a series is measured by: data volume where the source carries it, and counts everywhere. */
export const BULK_MEASURES = ['bytes', 'records', 'requests'] as const;
export type BulkMeasure = (typeof BULK_MEASURES)[number];
export type Measures = Record<BulkMeasure, number>;

/** A day's measures: `requests` is the number of events (every source has it; some have nothing else). */
export const measuresOf = (value: DayValue): Measures => ({ bytes: value.bytes, records: value.records, requests: value.events });

/** Median and MAD (median absolute deviation) of each measure over a baseline's days. */
export interface Baseline {
  days: number;
  median: Measures;
  mad: Measures;
}

export interface FlaggedDay {
  position: number;
  day: number;
  /** Null when the day fired without a baseline. */
  baseline: Baseline | null;
  /** The measures that fired, in BULK_MEASURES order. */
  fired: BulkMeasure[];
  leaver: boolean;
  offshore: boolean;
  /** The day of the first flag of the run of consecutive flagged active days this one belongs to. */
  episodeStart: number;
}

/** A series with its flags (ascending by position). Only series with flags are kept. */
export interface FlaggedSeries {
  series: ActivitySeries;
  flags: FlaggedDay[];
}

/**
 * The bulk-extraction flags of every series of one activity state, for one settings object. A value the
 * evaluation returns (FindingsState) and the next evaluation passes back: it is then brought up to date for the
 * series whose days changed, from the first changed position on, and the value passed in is spent.
 */
export interface BulkFlagState {
  readonly settings: BulkSettings;
  /** The activity lineage (ActivityState.lineage) the flags were computed on: series are compared by identity. */
  readonly lineage: object;
  /** The activity generation the flags are up to date with. */
  readonly generation: number;
  readonly bySeries: Map<ActivitySeries, FlaggedSeries>;
  readonly flagged: readonly FlaggedSeries[];
  /** The BULK_EXTRACTION risk acceptances the flags were computed with (acceptancesKeyOf): others mean afresh. */
  readonly acceptances: string;
}

const ROBUST_SIGMA = 1.4826;

/** The identity a series is about: a credential's owner, else the identity behind its activity, else the actor. */
export const seriesIdentityOf = (series: ActivitySeries, index: PostureIndex): Identity | null => {
  if (series.credentialExternalId !== null) {
    const credential = index.credentialsByExternalId.get(series.credentialExternalId);
    const owner = credential?.ownerIdentityId ? index.identitiesById.get(credential.ownerIdentityId) : undefined;
    if (owner) return owner;
    const first = series.values[0];
    return first === undefined ? null : identityOfDay(first, index);
  }
  return typeof series.actor === 'string' || series.actor === null ? null : series.actor;
};

/**
 * Who answers for a series' flags (the subject of its BULK_EXTRACTION finding): its identity (a credential's
 * owner, else the identity behind its activity, else the actor), else the credential, else the raw principal.
 */
export const seriesSubjectOf = (series: ActivitySeries, index: PostureIndex): FindingSubject => {
  const identity = seriesIdentityOf(series, index);
  if (identity !== null) return identitySubject(identity);
  const externalId = series.credentialExternalId;
  if (externalId !== null) {
    const credential = index.credentialsByExternalId.get(externalId);
    return credential ? credentialSubject(credential) : unknownCredentialSubject(externalId);
  }
  return principalSubject(series.actor as string);
};

/** The UTC days a person accepted the BULK_EXTRACTION risk of each fingerprint on, ascending. */
export type AcceptedDays = ReadonlyMap<string, readonly number[]>;

export const bulkAcceptedDaysOf = (index: PostureIndex): AcceptedDays => {
  const byFingerprint = new Map<string, number[]>();
  for (const acceptance of index.input.riskAcceptances ?? []) {
    if (!acceptance.fingerprint.startsWith('BULK_EXTRACTION:')) continue;
    const list = byFingerprint.get(acceptance.fingerprint) ?? [];
    list.push(dayNumberOf(acceptance.acceptedAt));
    byFingerprint.set(acceptance.fingerprint, list);
  }
  for (const list of byFingerprint.values()) list.sort((a, b) => a - b);
  return byFingerprint;
};

/** One string for a set of acceptances: flags computed with the same one need not be computed again. */
export const acceptancesKeyOf = (accepted: AcceptedDays): string =>
  [...accepted.entries()]
    .map(([fingerprint, days]) => `${fingerprint}@${days.join(',')}`)
    .sort()
    .join('|');

/** True when the identity had left before `day` (per what was effective by the end of that day). */
const leftBefore = (identity: Identity | null, day: number, index: PostureIndex): boolean => {
  if (identity === null) return false;
  const departure = departureOf(identity, index, endOfDay(day));
  return departure !== null && departure.departedAt !== null && dayNumberOf(departure.departedAt) < day;
};

/** The absolute floor of a measure; after the identity's departure, the (lower) leaver floor. */
const floorOf = (settings: BulkSettings, measure: BulkMeasure, leaver = false): number => {
  const { floorBytes, floorRecords, floorRequests } = leaver ? settings.leaverFloors : settings;
  return measure === 'bytes' ? floorBytes : measure === 'records' ? floorRecords : floorRequests;
};

const noBaselineFloorOf = (settings: BulkSettings, measure: BulkMeasure): number =>
  measure === 'bytes' ? settings.noBaselineFloorBytes : measure === 'records' ? settings.noBaselineFloorRecords : settings.noBaselineFloorRequests;

const baselineOf = (values: readonly DayValue[], positions: readonly number[]): Baseline => {
  const median = {} as Measures;
  const mad = {} as Measures;
  for (const measure of BULK_MEASURES) {
    const list = positions.map((j) => measuresOf(values[j] as DayValue)[measure]);
    const m = medianOf(list);
    median[measure] = m;
    mad[measure] = medianOf(list.map((x) => Math.abs(x - m)));
  }
  return { days: positions.length, median, mad };
};

/** A day fires on a measure at or above its floor, `multiplier` × the median, and the median + k robust sigmas. */
const firesOver = (value: number, baseline: Baseline, measure: BulkMeasure, settings: BulkSettings, leaver: boolean): boolean => {
  const median = baseline.median[measure];
  return (
    value >= floorOf(settings, measure, leaver) &&
    value >= settings.multiplier * median &&
    value >= median + settings.madMultiplier * ROBUST_SIGMA * baseline.mad[measure]
  );
};

/**
 * Flags each day from `from` on, on what came before it only (a flag never depends on later data: computed
 * once, then read for any `asOf`, as replay needs). Flags before `from` are kept.
 *
 * - Baseline: the day's normal days in the trailing `baselineDays` window; with fewer than `minBaselineDays`
 *   there, the window reaches back to the last `minBaselineDays` normal days (a series that had a baseline
 *   keeps one through quiet weeks).
 * - Normal days: unflagged days, and flagged days of a run that has lasted `newNormalDays` (a level that
 *   persists is the new normal), or whose risk a person accepted on a day before (a reviewed level is the new
 *   normal at once: its run is normal and the days before it leave the baseline). A day flagged after its
 *   identity had left never becomes normal.
 * - Learning: with no baseline, a day fires on the no-baseline floors only once `learningDays` have passed
 *   since the series' first day; a leaver's day fires on the leaver floors.
 * - After the identity's departure the absolute floors are the (lower) `leaverFloors`: any multiple of the
 *   usual volume taken by someone who has left is an extraction, however small the usual was.
 */
export const flagSeriesFrom = (
  series: ActivitySeries,
  previous: readonly FlaggedDay[],
  from: number,
  index: PostureIndex,
  settings: BulkSettings,
  accepted: AcceptedDays = new Map(),
): FlaggedDay[] => {
  const { days, values } = series;
  const flags = previous.filter((flag) => flag.position < from);
  const flagAt = new Map(flags.map((flag) => [flag.position, flag]));
  const firstDay = days[0] as number;
  let identity: Identity | null | undefined;
  const subject = accepted.size === 0 ? null : seriesSubjectOf(series, index);
  const acceptedDays = subject === null ? undefined : accepted.get(fingerprintOf('BULK_EXTRACTION', subject.type, subject.id));
  for (let i = from; i < days.length; i++) {
    const day = days[i] as number;
    const value = values[i] as DayValue;
    // A day below every floor cannot fire, whatever its baseline (most days of most series: read without allocating).
    const low = settings.leaverFloors;
    if (value.bytes < low.floorBytes && value.records < low.floorRecords && value.events < low.floorRequests) continue;
    const belowOrdinary = value.bytes < settings.floorBytes && value.records < settings.floorRecords && value.events < settings.floorRequests;
    identity ??= seriesIdentityOf(series, index);
    // Between the two floors only a leaver's day can fire: whether the identity had left is read first.
    const leaver = leftBefore(identity, day, index);
    if (belowOrdinary && !leaver) continue;
    const measures = measuresOf(value);
    const normal: number[] = [];
    const windowStart = day - settings.baselineDays;
    const acceptedEpisode = acceptedDays === undefined ? null : acceptedEpisodeStart(acceptedDays, day, flags);
    for (let j = i - 1; j >= 0; j--) {
      // An accepted level is the baseline from the day after the acceptance: what came before it has left.
      if (acceptedEpisode !== null && (days[j] as number) < acceptedEpisode) break;
      if ((days[j] as number) < windowStart && normal.length >= settings.minBaselineDays) break;
      const flag = flagAt.get(j);
      if (flag === undefined || (!flag.leaver && (day - flag.episodeStart >= settings.newNormalDays || flag.episodeStart === acceptedEpisode))) normal.push(j);
    }
    let baseline: Baseline | null = null;
    let fired: BulkMeasure[];
    // A level a person accepted is a baseline from its first day: they said what normal is.
    if (normal.length >= (acceptedEpisode === null ? settings.minBaselineDays : 1)) {
      baseline = baselineOf(values, normal);
      const known = baseline;
      fired = BULK_MEASURES.filter((measure) => firesOver(measures[measure], known, measure, settings, leaver));
    } else {
      const learning = day - firstDay < settings.learningDays;
      fired = BULK_MEASURES.filter(
        (measure) => (!learning && measures[measure] >= noBaselineFloorOf(settings, measure)) || (leaver && measures[measure] >= floorOf(settings, measure, true)),
      );
    }
    if (fired.length === 0) continue;
    const before = flagAt.get(i - 1);
    const flag: FlaggedDay = { position: i, day, baseline, fired, leaver, offshore: offshoreOfDay(value, index), episodeStart: before?.episodeStart ?? day };
    flags.push(flag);
    flagAt.set(i, flag);
  }
  return flags;
};

/**
 * The start of the episode a person accepted (RISK_ACCEPTED on the series' finding) before `day`: the run of
 * flagged days under way on the latest acceptance day before `day` (its last flag on or before that day), unless
 * it was flagged after the identity's departure (a leaver's extraction never becomes normal). Null when none.
 */
const acceptedEpisodeStart = (acceptedDays: readonly number[], day: number, flags: readonly FlaggedDay[]): number | null => {
  let acceptedOn: number | null = null;
  for (const accepted of acceptedDays) if (accepted < day) acceptedOn = accepted;
  if (acceptedOn === null) return null;
  let latest: FlaggedDay | null = null;
  for (const flag of flags) if (flag.day <= acceptedOn && (latest === null || flag.day > latest.day)) latest = flag;
  return latest === null || latest.leaver ? null : latest.episodeStart;
};

/**
 * The flags of `activity`'s series: brought up to date from `previous` when it was computed on the same
 * activity lineage and settings, at the generation the activity's changes were collected after (only the
 * series changed since are flagged again), else computed afresh. `previous` is spent (its map is reused).
 */
export const bulkFlagsOf = (activity: ActivityState, index: PostureIndex, settings: BulkSettings, previous: BulkFlagState | null): BulkFlagState => {
  const accepted = bulkAcceptedDaysOf(index);
  const acceptances = acceptancesKeyOf(accepted);
  const sameLine = previous !== null && previous.settings === settings && previous.lineage === activity.lineage && previous.acceptances === acceptances;
  if (sameLine && previous.generation === activity.generation) return previous;
  const resumable = sameLine && previous.generation === activity.changesSince;
  const bySeries = resumable ? previous.bySeries : new Map<ActivitySeries, FlaggedSeries>();
  const update = (series: ActivitySeries, position: number): void => {
    if (series.days.length === 0) {
      bySeries.delete(series);
      return;
    }
    const flags = flagSeriesFrom(series, bySeries.get(series)?.flags ?? [], position, index, settings, accepted);
    if (flags.length > 0) bySeries.set(series, { series, flags });
    else bySeries.delete(series);
  };
  if (resumable) {
    for (const [series, position] of activity.changes) update(series, position);
  } else {
    for (const series of activity.credentialSeries.values()) update(series, 0);
    for (const series of activity.actorSeries.values()) update(series, 0);
  }
  return { settings, lineage: activity.lineage, generation: activity.generation, bySeries, flagged: [...bySeries.values()], acceptances };
};
