import type { ActivityRollup } from '../model/activity.model.js';
import { dayNumberOfIsoDay } from '../model/date.util.js';
import type { Identity } from '../model/identity.model.js';
import type { PostureInput } from '../model/posture-input.model.js';
import type { PostureIndex, RollupTimeline } from './posture-index.js';

/**
 * Several rollups' sum on one day of a series (in timeline order). A day with a single rollup is that rollup
 * itself (no copy): most days of most series have exactly one.
 */
export class DayTotal {
  bytes: number;
  records: number;
  events: number;
  offshore: boolean;
  /** Whether any of the rollups had events (the credential was used that day). */
  used: boolean;
  sources: string[];
  constructor(
    first: ActivityRollup,
    firstOffshore: boolean,
    /** The identity behind the first rollup. */
    readonly identity: Identity | null,
  ) {
    this.bytes = first.bytes;
    this.records = first.records;
    this.events = first.events;
    this.offshore = firstOffshore;
    this.used = first.events > 0;
    this.sources = [first.source];
  }

  add(rollup: ActivityRollup, offshore: boolean): void {
    this.bytes += rollup.bytes;
    this.records += rollup.records;
    this.events += rollup.events;
    this.offshore = this.offshore || offshore;
    this.used = this.used || rollup.events > 0;
    if (!this.sources.includes(rollup.source)) this.sources.push(rollup.source);
  }
}

/** What one credential or actor did on one day: its only rollup, or the sum of several. */
export type DayValue = ActivityRollup | DayTotal;

/** Whether any of the day's activity was offshore. */
export const offshoreOfDay = (value: DayValue, index: PostureIndex): boolean =>
  value instanceof DayTotal ? value.offshore : index.isOffshoreCountry(value.country);
/** Whether any of the day's rollups had events. */
export const usedOnDay = (value: DayValue): boolean => (value instanceof DayTotal ? value.used : value.events > 0);
/** The sources of the day's activity. */
export const sourcesOfDay = (value: DayValue): readonly string[] => (value instanceof DayTotal ? value.sources : [value.source]);
/** The identity behind the day's first rollup. */
export const identityOfDay = (value: DayValue, index: PostureIndex): Identity | null =>
  value instanceof DayTotal ? value.identity : index.identityOfActivity(value.principal, value.credentialExternalId);

/** Adds `rollup` to a day's value (absent for the day's first rollup). */
const plus = (value: DayValue | undefined, rollup: ActivityRollup, index: PostureIndex): DayValue => {
  if (value === undefined) return rollup;
  const offshore = index.isOffshoreCountry(rollup.country);
  if (value instanceof DayTotal) {
    value.add(rollup, offshore);
    return value;
  }
  const total = new DayTotal(value, index.isOffshoreCountry(value.country), index.identityOfActivity(value.principal, value.credentialExternalId));
  total.add(rollup, offshore);
  return total;
};

/**
 * One credential's (by external id) or actor's (identity, else raw principal) daily values, ascending by
 * day; days without activity are absent. Empty once its last day is gone (it is then dropped).
 */
export interface ActivitySeries {
  credentialExternalId: string | null;
  /** For an actor's series: the identity, else the principal. */
  actor: Identity | string | null;
  days: number[];
  values: DayValue[];
}

type ActorKey = Identity | string;

/** Activity attributed to one identity (events > 0), in timeline order. */
export interface IdentityActivity {
  days: number[];
  rollups: ActivityRollup[];
}

/** The parts of the inventory that attribution (principal → identity, offshore countries) reads. */
interface ActivityDeps {
  identities: readonly unknown[];
  accounts: readonly unknown[];
  credentials: readonly unknown[];
  principalAliases: readonly unknown[];
  approvedCountries: readonly string[];
}

const depsOf = (input: PostureInput): ActivityDeps => ({
  identities: input.identities,
  accounts: input.accounts,
  credentials: input.credentials,
  principalAliases: input.principalAliases,
  approvedCountries: input.organisation.approvedCountries,
});

const sameElements = <T>(a: readonly T[], b: readonly T[]): boolean => {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/** The same records (objects are reused while unchanged, so identity is equality). */
const sameDeps = (a: ActivityDeps, b: ActivityDeps): boolean =>
  sameElements(a.identities, b.identities) &&
  sameElements(a.accounts, b.accounts) &&
  sameElements(a.credentials, b.credentials) &&
  sameElements(a.principalAliases, b.principalAliases) &&
  sameElements(a.approvedCountries, b.approvedCountries);

/** First index whose value is >= `value` in an ascending array. */
export const lowerBoundOf = (sorted: ArrayLike<number>, value: number): number => {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
};

/** One day's value per key (a credential or an actor). */
type DayTotals<K> = Map<K, DayValue>;

/** One day's derived facts, read from its rollups in input order. */
interface DayScan {
  day: number;
  byIdentity: Map<string, ActivityRollup[]>;
  credentialTotals: DayTotals<string>;
  actorTotals: DayTotals<ActorKey>;
}

const scanDay = (day: number, rollups: readonly ActivityRollup[], start: number, end: number, index: PostureIndex): DayScan => {
  const scan: DayScan = { day, byIdentity: new Map(), credentialTotals: new Map(), actorTotals: new Map() };
  for (let i = start; i < end; i++) {
    const rollup = rollups[i] as ActivityRollup;
    const identity = index.identityOfActivity(rollup.principal, rollup.credentialExternalId);
    const externalId = rollup.credentialExternalId;
    if (rollup.events > 0) {
      if (identity !== null) {
        const list = scan.byIdentity.get(identity.id);
        if (list) list.push(rollup);
        else scan.byIdentity.set(identity.id, [rollup]);
      }
    }
    if (externalId !== null) scan.credentialTotals.set(externalId, plus(scan.credentialTotals.get(externalId), rollup, index));
    const actor = identity ?? rollup.principal;
    scan.actorTotals.set(actor, plus(scan.actorTotals.get(actor), rollup, index));
  }
  return scan;
};

const pushDay = (series: ActivitySeries, day: number, value: DayValue): void => {
  series.days.push(day);
  series.values.push(value);
};

const seriesOf = (credentialExternalId: string | null, actor: ActorKey | null): ActivitySeries => ({
  credentialExternalId,
  actor,
  days: [],
  values: [],
});

/** Adds a rollup to the series' last day if it is `day`, else appends the day (the build, in timeline order). */
const addToSeries = (series: ActivitySeries, day: number, rollup: ActivityRollup, index: PostureIndex): void => {
  const last = series.days.length - 1;
  if (last >= 0 && series.days[last] === day) series.values[last] = plus(series.values[last], rollup, index);
  else pushDay(series, day, rollup);
};

const trimSeries = (series: ActivitySeries): void => {
  series.days = series.days.slice();
  series.values = series.values.slice();
};

/** Days present in a timeline: ascending `days`, and each one's rollups at [offsets[i], offsets[i + 1]). */
interface DayRanges {
  days: Int32Array;
  offsets: Int32Array;
}

/**
 * The activity of one input organised by day, with what the activity policies derive from it (per-identity
 * activity, per-credential and per-actor daily series, whose days refer to the rollups themselves: only a day
 * with several rollups holds a sum, see DayTotal). Handed to the next evaluation, it is brought up to date for the days whose rollups changed (compared by identity: an unchanged day's
 * rollups are the same objects) instead of being derived again from every rollup. The result is the same as
 * deriving it afresh. Deriving the next state takes over (mutates) this one's structures: this one is then
 * spent, and an index that still holds it derives its own afresh.
 */
export class ActivityState {
  private spent = false;
  /**
   * Shared by every state derived from one build: state computed on the series of one state (the bulk-extraction
   * flags) can be brought up to date on a later state of the same lineage, whose series are the same objects.
   */
  private lineageId: object = {};
  /** 0 for a build, one more for each derivation in the lineage. */
  private generationNumber = 0;
  /** The generation after which `changes` were collected. */
  private changesAfter = 0;
  /** Series changed after generation `changesAfter`, each with its first changed position (emptied ones included). */
  private readonly changeMap = new Map<ActivitySeries, number>();

  private constructor(
    private readonly deps: ActivityDeps,
    /** Where each day's rollups are in the timeline. */
    private readonly ranges: DayRanges,
    readonly timeline: RollupTimeline,
    readonly byIdentity: Map<string, IdentityActivity>,
    readonly credentialSeries: Map<string, ActivitySeries>,
    readonly actorSeries: Map<ActorKey, ActivitySeries>,
  ) {}

  get isSpent(): boolean {
    return this.spent;
  }

  get lineage(): object {
    return this.lineageId;
  }

  get generation(): number {
    return this.generationNumber;
  }

  get changesSince(): number {
    return this.changesAfter;
  }

  /** The series changed after generation `changesSince`, each with its first changed position. */
  get changes(): ReadonlyMap<ActivitySeries, number> {
    return this.changeMap;
  }

  /**
   * The state of `index`'s input, derived from `previous` when it is usable (same attribution inputs, not spent).
   * `syncedGeneration` is the generation of `previous`'s lineage that state derived from it (the bulk-extraction
   * flags) was last brought up to date with: the changes are collected from there on.
   */
  static of(index: PostureIndex, previous: ActivityState | null, syncedGeneration: number | null = null): ActivityState {
    const deps = depsOf(index.input);
    const old = previous !== null && !previous.spent && sameDeps(previous.deps, deps) ? previous : null;
    const { timeline, ranges } = timelineOf(index.input.activity.rollups);
    const dayCount = ranges.days.length;

    let state: ActivityState;
    if (old) {
      old.spent = true;
      state = new ActivityState(deps, ranges, timeline, old.byIdentity, old.credentialSeries, old.actorSeries);
      state.lineageId = old.lineageId;
      state.generationNumber = old.generationNumber + 1;
      if (syncedGeneration === old.generationNumber) state.changesAfter = old.generationNumber;
      else {
        // What depends on the series is behind by more than this step: the older changes are still owed to it.
        state.changesAfter = old.changesAfter;
        for (const [series, position] of old.changeMap) state.changeMap.set(series, position);
      }
    } else {
      state = new ActivityState(deps, ranges, timeline, new Map(), new Map(), new Map());
      state.build(index);
      return state;
    }
    const removed: DayScan[] = [];
    const added: DayScan[] = [];
    const oldRanges = old.ranges;
    const oldRollups = old.timeline.rollups;
    const present = new Set<number>();
    for (let d = 0; d < dayCount; d++) {
      const day = ranges.days[d] as number;
      present.add(day);
      const start = ranges.offsets[d] as number;
      const end = ranges.offsets[d + 1] as number;
      const at = lowerBoundOf(oldRanges.days, day);
      if (oldRanges.days[at] === day) {
        const oldStart = oldRanges.offsets[at] as number;
        const oldEnd = oldRanges.offsets[at + 1] as number;
        let same = oldEnd - oldStart === end - start;
        for (let i = 0; same && i < end - start; i++) same = oldRollups[oldStart + i] === timeline.rollups[start + i];
        if (same) continue;
        removed.push(scanDay(day, oldRollups, oldStart, oldEnd, index));
      }
      added.push(scanDay(day, timeline.rollups, start, end, index));
    }
    for (let d = 0; d < oldRanges.days.length; d++) {
      const day = oldRanges.days[d] as number;
      if (!present.has(day)) removed.push(scanDay(day, oldRollups, oldRanges.offsets[d] as number, oldRanges.offsets[d + 1] as number, index));
    }
    state.apply(removed, added);
    return state;
  }

  /**
   * Derives everything afresh in one pass over the timeline: what applying every day in turn gives (the same
   * sums in the same order), without a scan per day. Nothing is noted as changed: the flags start afresh too.
   */
  private build(index: PostureIndex): void {
    const { rollups, dayNumbers } = this.timeline;
    for (let i = 0; i < rollups.length; i++) {
      const rollup = rollups[i] as ActivityRollup;
      const day = dayNumbers[i] as number;
      const identity = index.identityOfActivity(rollup.principal, rollup.credentialExternalId);
      const externalId = rollup.credentialExternalId;
      if (rollup.events > 0) {
        if (identity !== null) {
          const activity = this.byIdentity.get(identity.id);
          if (activity) {
            activity.days.push(day);
            activity.rollups.push(rollup);
          } else this.byIdentity.set(identity.id, { days: [day], rollups: [rollup] });
        }
      }
      if (externalId !== null) {
        let series = this.credentialSeries.get(externalId);
        if (!series) this.credentialSeries.set(externalId, (series = seriesOf(externalId, null)));
        addToSeries(series, day, rollup, index);
      }
      const actor = identity ?? rollup.principal;
      let series = this.actorSeries.get(actor);
      if (!series) this.actorSeries.set(actor, (series = seriesOf(null, actor)));
      addToSeries(series, day, rollup, index);
    }
    // Pushing leaves spare capacity in every list; these are kept, so they are copied to their exact size.
    for (const series of this.credentialSeries.values()) trimSeries(series);
    for (const series of this.actorSeries.values()) trimSeries(series);
    for (const activity of this.byIdentity.values()) {
      activity.days = activity.days.slice();
      activity.rollups = activity.rollups.slice();
    }
  }

  /** Takes out the removed days' contributions and puts in the added days' (ascending). */
  private apply(removed: DayScan[], added: DayScan[]): void {
    if (removed.length === 0 && added.length === 0) return;
    for (const scan of removed) {
      for (const identityId of scan.byIdentity.keys()) {
        const activity = this.byIdentity.get(identityId);
        if (!activity) continue;
        const from = lowerBoundOf(activity.days, scan.day);
        const to = lowerBoundOf(activity.days, scan.day + 1);
        activity.days.splice(from, to - from);
        activity.rollups.splice(from, to - from);
        if (activity.days.length === 0) this.byIdentity.delete(identityId);
      }
    }
    for (const scan of added) {
      for (const [identityId, rollups] of scan.byIdentity) {
        let activity = this.byIdentity.get(identityId);
        if (!activity) this.byIdentity.set(identityId, (activity = { days: [], rollups: [] }));
        const from = lowerBoundOf(activity.days, scan.day + 1);
        if (from === activity.days.length) {
          for (const rollup of rollups) {
            activity.days.push(scan.day);
            activity.rollups.push(rollup);
          }
        } else {
          activity.days.splice(from, 0, ...rollups.map(() => scan.day));
          activity.rollups.splice(from, 0, ...rollups);
        }
      }
    }
    this.applySeries(removed, added);
  }

  private applySeries(removed: DayScan[], added: DayScan[]): void {
    const changedDays = new Set<number>();
    for (const scan of removed) changedDays.add(scan.day);
    for (const scan of added) changedDays.add(scan.day);
    this.applySeriesOf(
      this.credentialSeries,
      (externalId) => seriesOf(externalId, null),
      removed.map((scan) => ({ day: scan.day, totals: scan.credentialTotals })),
      added.map((scan) => ({ day: scan.day, totals: scan.credentialTotals })),
      changedDays,
    );
    this.applySeriesOf(
      this.actorSeries,
      (actor) => seriesOf(null, actor),
      removed.map((scan) => ({ day: scan.day, totals: scan.actorTotals })),
      added.map((scan) => ({ day: scan.day, totals: scan.actorTotals })),
      changedDays,
    );
  }

  private noteChange(series: ActivitySeries, position: number): void {
    const known = this.changeMap.get(series);
    if (known === undefined || position < known) this.changeMap.set(series, position);
  }

  /**
   * Days appended after a series' last day are pushed; a series with a removed day, or a day added before its
   * last, is merged from its first changed day on (positions before it are untouched).
   */
  private applySeriesOf<K>(
    seriesByKey: Map<K, ActivitySeries>,
    make: (key: K) => ActivitySeries,
    removed: { day: number; totals: DayTotals<K> }[],
    added: { day: number; totals: DayTotals<K> }[],
    changedDays: ReadonlySet<number>,
  ): void {
    const mergeFrom = new Map<K, number>();
    for (const { day, totals } of removed) {
      for (const key of totals.keys()) {
        const known = mergeFrom.get(key);
        if (known === undefined || day < known) mergeFrom.set(key, day);
      }
    }
    type Addition = { day: number; value: DayValue };
    const additions = new Map<K, Addition[]>();
    for (const { day, totals } of added) {
      for (const [key, value] of totals) {
        let from = mergeFrom.get(key);
        if (from === undefined) {
          let series = seriesByKey.get(key);
          if (!series) seriesByKey.set(key, (series = make(key)));
          const last = series.days[series.days.length - 1];
          if (last === undefined || last < day) {
            this.noteChange(series, series.days.length);
            pushDay(series, day, value);
            continue;
          }
          mergeFrom.set(key, (from = day));
        }
        if (day < from) mergeFrom.set(key, day);
        const list = additions.get(key);
        if (list) list.push({ day, value });
        else additions.set(key, [{ day, value }]);
      }
    }
    for (const [key, fromDay] of mergeFrom) {
      let series = seriesByKey.get(key);
      if (!series) seriesByKey.set(key, (series = make(key)));
      const position = lowerBoundOf(series.days, fromDay);
      const adds = additions.get(key) ?? [];
      const oldDays = series.days.splice(position);
      const oldValues = series.values.splice(position);
      let a = 0;
      const pushAddition = (next: Addition): void => pushDay(series, next.day, next.value);
      for (let i = 0; i < oldDays.length; i++) {
        const day = oldDays[i] as number;
        if (changedDays.has(day)) continue;
        while (a < adds.length && (adds[a] as Addition).day < day) pushAddition(adds[a++] as Addition);
        pushDay(series, day, oldValues[i] as DayValue);
      }
      for (; a < adds.length; a++) pushAddition(adds[a] as Addition);
      if (series.days.length === 0) seriesByKey.delete(key);
      this.noteChange(series, position);
    }
  }
}

/** Rollups in day order (input order within a day): what a stable sort by day gives, with each day's range. */
export const timelineOf = (source: readonly ActivityRollup[]): { timeline: RollupTimeline; ranges: DayRanges } => {
  const total = source.length;
  const inputDays = new Int32Array(total);
  // A year of activity names a few hundred distinct days: each is parsed (and validated) once.
  const parsed = new Map<string, number>();
  const counts = new Map<number, number>();
  let runDay: string | null = null;
  let day = 0;
  for (let i = 0; i < total; i++) {
    const rollup = source[i] as ActivityRollup;
    // Rollups usually come day by day: look the day up once per run.
    if (rollup.day !== runDay) {
      runDay = rollup.day;
      let known = parsed.get(runDay);
      if (known === undefined) parsed.set(runDay, (known = dayNumberOfIsoDay(runDay)));
      day = known;
    }
    inputDays[i] = day;
  }
  // Counted and placed run by run (a run: consecutive rollups of one day), not rollup by rollup: two map
  // operations per rollup were most of this function's time on 600,000 rollups.
  const runEnd = (i: number): number => {
    let j = i + 1;
    while (j < total && inputDays[j] === inputDays[i]) j++;
    return j;
  };
  for (let i = 0; i < total; ) {
    const end = runEnd(i);
    const d = inputDays[i] as number;
    counts.set(d, (counts.get(d) ?? 0) + end - i);
    i = end;
  }
  const days = Int32Array.from(counts.keys()).sort();
  const offsets = new Int32Array(days.length + 1);
  const next = new Map<number, number>();
  for (let d = 0; d < days.length; d++) {
    next.set(days[d] as number, offsets[d] as number);
    offsets[d + 1] = (offsets[d] as number) + (counts.get(days[d] as number) as number);
  }
  const rollups = new Array<ActivityRollup>(total);
  const dayNumbers = new Int32Array(total);
  for (let i = 0; i < total; ) {
    const end = runEnd(i);
    const d = inputDays[i] as number;
    let at = next.get(d) as number;
    for (let k = i; k < end; k++, at++) {
      rollups[at] = source[k] as ActivityRollup;
      dayNumbers[at] = d;
    }
    next.set(d, at);
    i = end;
  }
  return { timeline: { rollups, dayNumbers }, ranges: { days, offsets } };
};
