import { dayNumberOf, endOfDay, isoDayOf } from '../../model/date.util.js';
import type { EvidenceRecord, FindingCandidate, FindingSubject } from '../../model/finding.model.js';
import type { Identity } from '../../model/identity.model.js';
import { medianOf } from '../../model/median.util.js';
import { credentialOwnerTeamId } from '../credential-owner.util.js';
import { departureOf } from '../departure.js';
import { buildCandidate } from '../finding-candidate.factory.js';
import type { FindingRule } from '../finding-rule.js';
import type { FindingSettings } from '../finding-settings.js';
import { identityOfDay, lowerBoundOf, offshoreOfDay, sourcesOfDay, type ActivitySeries, type DayValue } from '../activity-state.js';
import { postureIndexOf, type PostureIndex } from '../posture-index.js';
import { credentialSubject, identitySubject, principalSubject, unknownCredentialSubject } from '../subject.util.js';

/** Who a series is about. */
interface SeriesMeta {
  subject: FindingSubject;
  ownerTeamId: string | null;
  identity: Identity | null;
}

interface FlaggedDay {
  position: number;
  day: number;
  baselineBytes: number | null;
  baselineRecords: number | null;
  leaver: boolean;
  offshore: boolean;
}

/**
 * A series with its flags (ascending by position) and, so that flagging can resume at any position, each
 * normal baseline computed, as (position, bytes, records) triples ascending by position. A series with neither
 * is not kept: resuming it is flagging it from the start.
 */
interface FlaggedSeries {
  series: ActivitySeries;
  /** Read when a day passes the floor (who left when) and for a candidate: worked out on first need. */
  meta: SeriesMeta | null;
  flags: FlaggedDay[];
  baselines: number[];
}

/** A credential's series is about the credential, else about the actor (identity, else raw principal). */
const metaOf = (series: ActivitySeries, index: PostureIndex): SeriesMeta => {
  const externalId = series.credentialExternalId;
  if (externalId !== null) {
    const identity = identityOfDay(series.values[0] as DayValue, index);
    const credential = index.credentialsByExternalId.get(externalId);
    if (!credential) return { subject: unknownCredentialSubject(externalId), identity, ownerTeamId: identity?.teamId ?? null };
    const owner = credential.ownerIdentityId !== null ? index.identitiesById.get(credential.ownerIdentityId) : undefined;
    return { subject: credentialSubject(credential), identity: owner ?? identity, ownerTeamId: credentialOwnerTeamId(credential, index) };
  }
  const actor = series.actor as Identity | string;
  if (typeof actor !== 'string') return { subject: identitySubject(actor), identity: actor, ownerTeamId: actor.teamId };
  return { subject: principalSubject(actor), identity: null, ownerTeamId: null };
};

const metaOfEntry = (entry: FlaggedSeries, index: PostureIndex): SeriesMeta => (entry.meta ??= metaOf(entry.series, index));

/** True when the series' identity had left before `day` (per what was effective by the end of that day). */
const leftBefore = (identity: Identity | null, day: number, index: PostureIndex): boolean => {
  if (identity === null) return false;
  const departure = departureOf(identity, index, endOfDay(day));
  return departure !== null && departure.departedAt !== null && dayNumberOf(departure.departedAt) < day;
};

/**
 * Flags each day on its own trailing window only (days before it), so a flag never depends on later
 * data: computed once per input and settings, then read for any `asOf` (replay needs exactly that). The
 * flags before `from` are kept (their days are unchanged); flagging resumes there.
 */
const flagSeriesFrom = (entry: FlaggedSeries, from: number, index: PostureIndex, settings: FindingSettings['bulkExtraction']): void => {
  const { days, values } = entry.series;
  const { flags, baselines } = entry;
  while (flags.length > 0 && (flags[flags.length - 1] as FlaggedDay).position >= from) flags.pop();
  while (baselines.length > 0 && (baselines[baselines.length - 3] as number) >= from) baselines.length -= 3;
  // Flagged days never join the baseline: a sustained extraction must not become its own "normal".
  let lastBaseline: { bytes: number; records: number } | null = null;
  if (baselines.length > 0) lastBaseline = { bytes: baselines[baselines.length - 2] as number, records: baselines[baselines.length - 1] as number };
  let windowStart = from < days.length ? lowerBoundOf(days, (days[from] as number) - settings.baselineDays) : 0;
  // The first flag at or after windowStart.
  let windowFlag = 0;
  while (windowFlag < flags.length && (flags[windowFlag] as FlaggedDay).position < windowStart) windowFlag++;
  for (let i = from; i < days.length; i++) {
    const day = days[i] as number;
    while ((days[windowStart] as number) < day - settings.baselineDays) windowStart++;
    while (windowFlag < flags.length && (flags[windowFlag] as FlaggedDay).position < windowStart) windowFlag++;
    const value = values[i] as DayValue;
    const { bytes, records } = value;
    if (bytes < settings.floorBytes && records < settings.floorRecords) continue;
    const leaver = leftBefore(metaOfEntry(entry, index).identity, day, index);
    let baselineBytes: number | null = null;
    let baselineRecords: number | null = null;
    const normalDays: number[] = [];
    let flaggedInWindow = false;
    let k = windowFlag;
    for (let j = windowStart; j < i; j++) {
      if (k < flags.length && (flags[k] as FlaggedDay).position === j) {
        flaggedInWindow = true;
        k++;
      } else normalDays.push(j);
    }
    if (normalDays.length >= settings.minBaselineDays) {
      baselineBytes = medianOf(normalDays.map((j) => (values[j] as DayValue).bytes));
      baselineRecords = medianOf(normalDays.map((j) => (values[j] as DayValue).records));
      lastBaseline = { bytes: baselineBytes, records: baselineRecords };
      baselines.push(i, baselineBytes, baselineRecords);
    } else if (flaggedInWindow && lastBaseline !== null) {
      // An anomaly that has run longer than the window: compare with the last normal baseline.
      baselineBytes = lastBaseline.bytes;
      baselineRecords = lastBaseline.records;
    }
    let flagged: boolean;
    if (baselineBytes !== null && baselineRecords !== null) {
      flagged =
        (bytes >= settings.floorBytes && bytes >= settings.multiplier * baselineBytes) ||
        (records >= settings.floorRecords && records >= settings.multiplier * baselineRecords);
    } else {
      flagged = bytes >= settings.noBaselineFloorBytes || records >= settings.noBaselineFloorRecords || leaver;
    }
    if (flagged) flags.push({ position: i, day, baselineBytes, baselineRecords, leaver, offshore: offshoreOfDay(value, index) });
  }
};

interface BulkFlags {
  settings: FindingSettings['bulkExtraction'];
  /** Only the series with flags or baselines. */
  bySeries: Map<ActivitySeries, FlaggedSeries>;
  flaggedList: FlaggedSeries[] | null;
}

/**
 * The series with flags. Kept in the activity state and brought up to date for the series whose days changed
 * since (from the first changed position on): a day appended costs its own window, not the whole history.
 */
const flaggedSeriesOf = (index: PostureIndex, settings: FindingSettings['bulkExtraction']): FlaggedSeries[] => {
  const state = index.activity;
  let store = state.bulkFlags as BulkFlags | null;
  const fresh = store === null || store.settings !== settings;
  if (store === null || fresh) {
    store = { settings, bySeries: new Map(), flaggedList: null };
    state.bulkFlags = store;
  }
  const pending = state.takeSeriesChanges();
  let changed = false;
  const update = (series: ActivitySeries, position: number, bySeries: Map<ActivitySeries, FlaggedSeries>): void => {
    changed = true;
    if (series.days.length === 0) {
      bySeries.delete(series);
      return;
    }
    let entry = bySeries.get(series);
    if (!entry || position === 0) entry = { series, meta: null, flags: [], baselines: [] };
    flagSeriesFrom(entry, position, index, settings);
    if (entry.flags.length > 0 || entry.baselines.length > 0) bySeries.set(series, entry);
    else bySeries.delete(series);
  };
  if (fresh) {
    for (const series of state.credentialSeries.values()) update(series, 0, store.bySeries);
    for (const series of state.actorSeries.values()) update(series, 0, store.bySeries);
  } else {
    for (const [series, position] of pending) update(series, position, store.bySeries);
  }
  if (changed || store.flaggedList === null) store.flaggedList = [...store.bySeries.values()].filter((entry) => entry.flags.length > 0);
  return store.flaggedList;
};

/** Every source the series' activity came from, sorted and joined. */
const sourcesOf = (series: ActivitySeries): string => {
  const sources = new Set<string>();
  for (const value of series.values) for (const source of sourcesOfDay(value)) sources.add(source);
  return [...sources].sort().join(',');
};

const formatGb = (bytes: number): string => `${(bytes / 1e9).toFixed(1)} GB`;

const dailySeriesEvidence = (series: ActivitySeries, sources: string, recent: FlaggedDay[], index: PostureIndex, asOf: Date, settings: FindingSettings): EvidenceRecord[] => {
  const asOfDay = dayNumberOf(asOf);
  const flaggedDays = new Set(recent.map((flag) => flag.day));
  const baselineByDay = new Map(recent.map((flag) => [flag.day, flag]));
  const fromDay = (recent[0] as FlaggedDay).day - settings.bulkExtraction.baselineDays;
  const daily: EvidenceRecord[] = [];
  for (let i = 0; i < series.days.length; i++) {
    const day = series.days[i] as number;
    if (day < fromDay || day > asOfDay) continue;
    const flag = baselineByDay.get(day);
    const value = series.values[i] as DayValue;
    const { bytes, records } = value;
    daily.push({
      source: sources,
      type: 'daily-volume',
      summary: `${isoDayOf(day)}: ${formatGb(bytes)}, ${records} records${flaggedDays.has(day) ? ' (flagged)' : ''}`,
      data: {
        day: isoDayOf(day),
        bytes,
        records,
        events: value.events,
        offshore: offshoreOfDay(value, index),
        flagged: flaggedDays.has(day),
        baselineMedianBytes: flag?.baselineBytes ?? null,
        baselineMedianRecords: flag?.baselineRecords ?? null,
      },
    });
  }
  return daily.slice(-settings.evidenceLimit);
};

/**
 * The day the ongoing episode began: walking back from the first flag in the lookback, flags no further
 * apart than the lookback belong to the same episode (a months-long extraction started long before the
 * lookback window).
 */
const episodeStartOf = (flags: readonly FlaggedDay[], firstRecent: FlaggedDay, gapDays: number): number => {
  let start = firstRecent.day;
  for (let i = flags.indexOf(firstRecent) - 1; i >= 0; i--) {
    const day = (flags[i] as FlaggedDay).day;
    if (start - day > gapDays) break;
    start = day;
  }
  return start;
};

const toCandidate = (entry: FlaggedSeries, recent: FlaggedDay[], index: PostureIndex, asOf: Date, settings: FindingSettings): FindingCandidate => {
  const { series } = entry;
  const meta = metaOfEntry(entry, index);
  const bytesAt = (position: number): number => (series.values[position] as DayValue).bytes;
  const peak = recent.reduce((best, flag) => (bytesAt(flag.position) > bytesAt(best.position) ? flag : best));
  const peakBytes = bytesAt(peak.position);
  const ratio = peak.baselineBytes !== null && peak.baselineBytes > 0 ? Math.round(peakBytes / peak.baselineBytes) : null;
  const against = peak.baselineBytes === null ? 'with no baseline' : ratio === null ? 'against a zero-byte baseline' : `${ratio}x its ${settings.bulkExtraction.baselineDays}-day median`;
  return buildCandidate(
    {
      kind: 'BULK_EXTRACTION',
      severity: recent.some((flag) => flag.leaver || flag.offshore) ? 'CRITICAL' : 'HIGH',
      subject: meta.subject,
      ownerTeamId: meta.ownerTeamId,
      title: `${meta.subject.name} moved ${formatGb(peakBytes)} on ${isoDayOf(peak.day)}, ${against}`,
      // Evidence is built only when asked for (a replay asks for none): the sources walk the whole series.
      evidence: () => {
        const sources = sourcesOf(series);
        return [
          {
            source: sources,
            type: 'bulk-summary',
            summary: `${recent.length} flagged day(s) from ${isoDayOf((recent[0] as FlaggedDay).day)}; peak ${formatGb(peakBytes)}`,
            data: {
              flaggedDays: recent.length,
              firstFlaggedDay: isoDayOf((recent[0] as FlaggedDay).day),
              episodeStartDay: isoDayOf(episodeStartOf(entry.flags, recent[0] as FlaggedDay, settings.bulkExtraction.lookbackDays)),
              lastFlaggedDay: isoDayOf((recent[recent.length - 1] as FlaggedDay).day),
              peakDay: isoDayOf(peak.day),
              peakBytes,
              peakRecords: (series.values[peak.position] as DayValue).records,
              baselineMedianBytes: peak.baselineBytes,
              ratio,
              afterDeparture: recent.some((flag) => flag.leaver),
              offshore: recent.some((flag) => flag.offshore),
            },
          },
          ...dailySeriesEvidence(series, sources, recent, index, asOf, settings),
        ];
      },
    },
    asOf,
    settings,
  );
};

/**
 * Per credential and per actor: a day whose bytes (or records) reach `multiplier` × the median of the
 * active, unflagged days in the trailing `baselineDays` window and the absolute floor (flagged days are
 * left out of the baseline so a months-long extraction keeps firing instead of becoming the norm); with fewer than
 * `minBaselineDays` active days there is no baseline, and the day fires above the no-baseline floor, or
 * above the ordinary floor for someone who had already left. Flagged days in the last `lookbackDays`
 * keep the finding open.
 */
export const bulkExtractionRule: FindingRule = {
  kind: 'BULK_EXTRACTION',
  domain: 'DETECTION',
  description: 'A credential or principal whose daily data volume departs sharply from its own baseline.',
  evaluate(input, asOf, settings) {
    const index = postureIndexOf(input);
    const asOfDay = dayNumberOf(asOf);
    const fromDay = asOfDay - settings.bulkExtraction.lookbackDays + 1;
    const candidates: FindingCandidate[] = [];
    for (const entry of flaggedSeriesOf(index, settings.bulkExtraction)) {
      const recent = entry.flags.filter((flag) => flag.day >= fromDay && flag.day <= asOfDay);
      if (recent.length > 0) candidates.push(toCandidate(entry, recent, index, asOf, settings));
    }
    return candidates;
  },
};
