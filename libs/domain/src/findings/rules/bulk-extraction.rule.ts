import type { ActivityRollup } from '../../model/activity.model.js';
import { dayNumberOf, endOfDay, isoDayOf } from '../../model/date.util.js';
import type { EvidenceRecord, FindingCandidate, FindingSubject } from '../../model/finding.model.js';
import type { Identity } from '../../model/identity.model.js';
import { medianOf } from '../../model/median.util.js';
import { credentialOwnerTeamId } from '../credential-owner.util.js';
import { departureOf } from '../departure.js';
import { buildCandidate } from '../finding-candidate.factory.js';
import type { FindingRule } from '../finding-rule.js';
import type { FindingSettings } from '../finding-settings.js';
import { postureIndexOf, type PostureIndex } from '../posture-index.js';
import { credentialSubject, identitySubject, principalSubject, unknownCredentialSubject } from '../subject.util.js';

/** One actor's or credential's daily totals, ascending by day (days without activity are absent). */
interface Series {
  subject: FindingSubject;
  ownerTeamId: string | null;
  identity: Identity | null;
  sources: Set<string>;
  days: number[];
  bytes: number[];
  records: number[];
  events: number[];
  offshore: boolean[];
}

interface FlaggedDay {
  position: number;
  day: number;
  baselineBytes: number | null;
  baselineRecords: number | null;
  leaver: boolean;
  offshore: boolean;
}

interface FlaggedSeries {
  series: Series;
  flags: FlaggedDay[];
}

const emptySeries = (subject: FindingSubject, identity: Identity | null, ownerTeamId: string | null): Series => ({
  subject, identity, ownerTeamId, sources: new Set(), days: [], bytes: [], records: [], events: [], offshore: [],
});

const addToSeries = (series: Series, rollup: ActivityRollup, day: number, offshore: boolean): void => {
  series.sources.add(rollup.source);
  const last = series.days.length - 1;
  if (last >= 0 && series.days[last] === day) {
    series.bytes[last] = (series.bytes[last] as number) + rollup.bytes;
    series.records[last] = (series.records[last] as number) + rollup.records;
    series.events[last] = (series.events[last] as number) + rollup.events;
    series.offshore[last] = (series.offshore[last] as boolean) || offshore;
  } else {
    series.days.push(day);
    series.bytes.push(rollup.bytes);
    series.records.push(rollup.records);
    series.events.push(rollup.events);
    series.offshore.push(offshore);
  }
};

/** One series per credential external id and one per actor (identity, else raw principal). */
const buildSeries = (index: PostureIndex): Series[] => {
  const { rollups, dayNumbers } = index.rollupTimeline;
  const byCredential = new Map<string, Series>();
  const byActor = new Map<Identity | string, Series>();
  for (let i = 0; i < rollups.length; i++) {
    const rollup = rollups[i] as ActivityRollup;
    const day = dayNumbers[i] as number;
    const offshore = index.isOffshoreCountry(rollup.country);
    const identity = index.identityOfActivity(rollup.principal, rollup.credentialExternalId);
    const externalId = rollup.credentialExternalId;
    if (externalId !== null) {
      let series = byCredential.get(externalId);
      if (!series) {
        const credential = index.credentialsByExternalId.get(externalId);
        const owner = credential && credential.ownerIdentityId !== null ? index.identitiesById.get(credential.ownerIdentityId) : undefined;
        series = credential
          ? emptySeries(credentialSubject(credential), owner ?? identity, credentialOwnerTeamId(credential, index))
          : emptySeries(unknownCredentialSubject(externalId), identity, identity?.teamId ?? null);
        byCredential.set(externalId, series);
      }
      addToSeries(series, rollup, day, offshore);
    }
    const actorKey = identity ?? rollup.principal;
    let series = byActor.get(actorKey);
    if (!series) {
      series = emptySeries(identity ? identitySubject(identity) : principalSubject(rollup.principal), identity, identity?.teamId ?? null);
      byActor.set(actorKey, series);
    }
    addToSeries(series, rollup, day, offshore);
  }
  return [...byCredential.values(), ...byActor.values()];
};

/** True when the series' identity had left before `day` (per what was effective by the end of that day). */
const leftBefore = (identity: Identity | null, day: number, index: PostureIndex): boolean => {
  if (identity === null) return false;
  const departure = departureOf(identity, index, endOfDay(day));
  return departure !== null && departure.departedAt !== null && dayNumberOf(departure.departedAt) < day;
};

/**
 * Flags each day on its own trailing window only (days before it), so a flag never depends on later
 * data: computed once per input and settings, then read for any `asOf` (replay needs exactly that).
 */
const flagSeries = (series: Series, index: PostureIndex, settings: FindingSettings['bulkExtraction']): FlaggedDay[] => {
  const flags: FlaggedDay[] = [];
  // Flagged days never join the baseline: a sustained extraction must not become its own "normal".
  const flaggedPositions = new Set<number>();
  let lastBaseline: { bytes: number; records: number } | null = null;
  let windowStart = 0;
  for (let i = 0; i < series.days.length; i++) {
    const day = series.days[i] as number;
    while ((series.days[windowStart] as number) < day - settings.baselineDays) windowStart++;
    const bytes = series.bytes[i] as number;
    const records = series.records[i] as number;
    if (bytes < settings.floorBytes && records < settings.floorRecords) continue;
    const leaver = leftBefore(series.identity, day, index);
    let flagged: boolean;
    let baselineBytes: number | null = null;
    let baselineRecords: number | null = null;
    const normalDays: number[] = [];
    let flaggedInWindow = false;
    for (let j = windowStart; j < i; j++) {
      if (flaggedPositions.has(j)) flaggedInWindow = true;
      else normalDays.push(j);
    }
    if (normalDays.length >= settings.minBaselineDays) {
      baselineBytes = medianOf(normalDays.map((j) => series.bytes[j] as number));
      baselineRecords = medianOf(normalDays.map((j) => series.records[j] as number));
      lastBaseline = { bytes: baselineBytes, records: baselineRecords };
    } else if (flaggedInWindow && lastBaseline !== null) {
      // An anomaly that has run longer than the window: compare with the last normal baseline.
      baselineBytes = lastBaseline.bytes;
      baselineRecords = lastBaseline.records;
    }
    if (baselineBytes !== null && baselineRecords !== null) {
      flagged =
        (bytes >= settings.floorBytes && bytes >= settings.multiplier * baselineBytes) ||
        (records >= settings.floorRecords && records >= settings.multiplier * baselineRecords);
    } else {
      flagged = bytes >= settings.noBaselineFloorBytes || records >= settings.noBaselineFloorRecords || leaver;
    }
    if (flagged) {
      flaggedPositions.add(i);
      flags.push({ position: i, day, baselineBytes, baselineRecords, leaver, offshore: series.offshore[i] as boolean });
    }
  }
  return flags;
};

const flaggedSeriesOf = (index: PostureIndex, settings: FindingSettings['bulkExtraction']): FlaggedSeries[] =>
  index.memo('bulk-extraction', settings, () =>
    buildSeries(index)
      .map((series) => ({ series, flags: flagSeries(series, index, settings) }))
      .filter((entry) => entry.flags.length > 0),
  );

const formatGb = (bytes: number): string => `${(bytes / 1e9).toFixed(1)} GB`;

const dailySeriesEvidence = (series: Series, recent: FlaggedDay[], asOf: Date, settings: FindingSettings): EvidenceRecord[] => {
  const asOfDay = dayNumberOf(asOf);
  const flaggedDays = new Set(recent.map((flag) => flag.day));
  const baselineByDay = new Map(recent.map((flag) => [flag.day, flag]));
  const fromDay = (recent[0] as FlaggedDay).day - settings.bulkExtraction.baselineDays;
  const sources = [...series.sources].sort().join(',');
  const daily: EvidenceRecord[] = [];
  for (let i = 0; i < series.days.length; i++) {
    const day = series.days[i] as number;
    if (day < fromDay || day > asOfDay) continue;
    const flag = baselineByDay.get(day);
    daily.push({
      source: sources,
      type: 'daily-volume',
      summary: `${isoDayOf(day)}: ${formatGb(series.bytes[i] as number)}, ${series.records[i]} records${flaggedDays.has(day) ? ' (flagged)' : ''}`,
      data: {
        day: isoDayOf(day),
        bytes: series.bytes[i] as number,
        records: series.records[i] as number,
        events: series.events[i] as number,
        offshore: series.offshore[i] as boolean,
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

const toCandidate = (entry: FlaggedSeries, recent: FlaggedDay[], asOf: Date, settings: FindingSettings): FindingCandidate => {
  const { series } = entry;
  const peak = recent.reduce((best, flag) => ((series.bytes[flag.position] as number) > (series.bytes[best.position] as number) ? flag : best));
  const peakBytes = series.bytes[peak.position] as number;
  const sources = [...series.sources].sort().join(',');
  const ratio = peak.baselineBytes !== null && peak.baselineBytes > 0 ? Math.round(peakBytes / peak.baselineBytes) : null;
  const against = peak.baselineBytes === null ? 'with no baseline' : ratio === null ? 'against a zero-byte baseline' : `${ratio}x its ${settings.bulkExtraction.baselineDays}-day median`;
  return buildCandidate(
    {
      kind: 'BULK_EXTRACTION',
      severity: recent.some((flag) => flag.leaver || flag.offshore) ? 'CRITICAL' : 'HIGH',
      subject: series.subject,
      ownerTeamId: series.ownerTeamId,
      title: `${series.subject.name} moved ${formatGb(peakBytes)} on ${isoDayOf(peak.day)}, ${against}`,
      evidence: () => [
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
            peakRecords: series.records[peak.position] as number,
            baselineMedianBytes: peak.baselineBytes,
            ratio,
            afterDeparture: recent.some((flag) => flag.leaver),
            offshore: recent.some((flag) => flag.offshore),
          },
        },
        ...dailySeriesEvidence(series, recent, asOf, settings),
      ],
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
      if (recent.length > 0) candidates.push(toCandidate(entry, recent, asOf, settings));
    }
    return candidates;
  },
};
