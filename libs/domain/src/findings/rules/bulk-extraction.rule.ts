import type { ActivityRollup } from '../../model/activity.model.js';
import { dayNumberOf, isoDayOf } from '../../model/date.util.js';
import type { EvidenceRecord, FindingCandidate, FindingSubject } from '../../model/finding.model.js';
import { credentialOwnerTeamId } from '../credential-owner.util.js';
import { buildCandidate } from '../finding-candidate.factory.js';
import type { FindingRule } from '../finding-rule.js';
import type { FindingSettings } from '../finding-settings.js';
import { offshoreOfDay, sourcesOfDay, type ActivitySeries, type DayValue } from '../activity-state.js';
import { BULK_MEASURES, measuresOf, seriesSubjectOf, type BulkMeasure, type FlaggedDay, type FlaggedSeries } from '../bulk-flags.js';
import { indexOf, type PostureIndex } from '../posture-index.js';

/** One flagged series with its flags in the lookback. */
interface Member {
  entry: FlaggedSeries;
  recent: FlaggedDay[];
}

/** One incident: everything one subject did, through itself and through its credentials. */
interface Incident {
  subject: FindingSubject;
  ownerTeamId: string | null;
  members: Member[];
}

/**
 * Who answers for a series' flags. A principal's activity through its credential is one incident of the
 * principal: a credential with an owner (or whose activity resolves to an identity) belongs to that identity;
 * a credential with no owner is its own subject; an actor is its identity, else its raw principal.
 */
const incidentOf = (series: ActivitySeries, index: PostureIndex): { key: string; subject: FindingSubject; ownerTeamId: string | null } => {
  const subject = seriesSubjectOf(series, index);
  if (subject.type === 'IDENTITY') return { key: `IDENTITY:${subject.id}`, subject, ownerTeamId: index.identitiesById.get(subject.id)?.teamId ?? null };
  if (subject.type === 'CREDENTIAL') {
    const credential = index.credentialsByExternalId.get(subject.externalId);
    return { key: `CREDENTIAL:${subject.id}`, subject, ownerTeamId: credential ? credentialOwnerTeamId(credential, index) : null };
  }
  return { key: `PRINCIPAL:${subject.id}`, subject, ownerTeamId: null };
};

/** Every source the series' activity came from, sorted and joined. */
const sourcesOf = (series: ActivitySeries): string => {
  const sources = new Set<string>();
  for (const value of series.values) for (const source of sourcesOfDay(value)) sources.add(source);
  return [...sources].sort().join(',');
};

const formatGb = (bytes: number): string => `${(bytes / 1e9).toFixed(1)} GB`;

const valueAt = (series: ActivitySeries, position: number): DayValue => series.values[position] as DayValue;

/** The measure a member is reported by: the first (bytes, records, requests) that fired in the lookback. */
const measureOf = (member: Member): BulkMeasure => BULK_MEASURES.find((measure) => member.recent.some((flag) => flag.fired.includes(measure))) as BulkMeasure;

/** The flagged day with the largest value of the member's measure. */
const peakOf = (member: Member): { flag: FlaggedDay; measure: BulkMeasure; value: number } => {
  const measure = measureOf(member);
  const at = (flag: FlaggedDay): number => measuresOf(valueAt(member.entry.series, flag.position))[measure];
  const flag = member.recent.reduce((best, candidate) => (at(candidate) > at(best) ? candidate : best));
  return { flag, measure, value: at(flag) };
};

const describe = (measure: BulkMeasure, value: number): string =>
  measure === 'bytes' ? `moved ${formatGb(value)}` : measure === 'records' ? `read ${value} records` : `made ${value} requests`;

/**
 * The day the ongoing episode began: walking back from the first flag in the lookback, flags no further
 * apart than the lookback belong to the same episode (a months-long extraction started long before the
 * lookback window).
 */
export const episodeStartOf = (flags: readonly FlaggedDay[], firstRecent: FlaggedDay, gapDays: number): number => {
  let start = firstRecent.day;
  for (let i = flags.indexOf(firstRecent) - 1; i >= 0; i--) {
    const day = (flags[i] as FlaggedDay).day;
    if (start - day > gapDays) break;
    start = day;
  }
  return start;
};

const dailySeriesEvidence = (member: Member, sources: string, index: PostureIndex, asOf: Date, settings: FindingSettings): EvidenceRecord[] => {
  const { series } = member.entry;
  const asOfDay = dayNumberOf(asOf);
  const flagByDay = new Map(member.recent.map((flag) => [flag.day, flag]));
  const fromDay = (member.recent[0] as FlaggedDay).day - settings.bulkExtraction.baselineDays;
  const daily: EvidenceRecord[] = [];
  for (let i = 0; i < series.days.length; i++) {
    const day = series.days[i] as number;
    if (day < fromDay || day > asOfDay) continue;
    const flag = flagByDay.get(day);
    const value = valueAt(series, i);
    daily.push({
      source: sources,
      type: 'daily-volume',
      summary: `${isoDayOf(day)}: ${formatGb(value.bytes)}, ${value.records} records, ${value.events} requests${flag ? ' (flagged)' : ''}`,
      data: {
        day: isoDayOf(day),
        bytes: value.bytes,
        records: value.records,
        events: value.events,
        offshore: offshoreOfDay(value, index),
        flagged: flag !== undefined,
        baselineMedianBytes: flag?.baseline?.median.bytes ?? null,
        baselineMedianRecords: flag?.baseline?.median.records ?? null,
        baselineMedianRequests: flag?.baseline?.median.requests ?? null,
      },
    });
  }
  return daily.slice(-settings.evidenceLimit);
};

/** A credential the incident went through, as one evidence line. */
const credentialEvidence = (member: Member, subject: FindingSubject, index: PostureIndex): EvidenceRecord => {
  const externalId = member.entry.series.credentialExternalId as string;
  const credential = index.credentialsByExternalId.get(externalId);
  const { flag, measure, value } = peakOf(member);
  return {
    source: sourcesOf(member.entry.series),
    type: 'bulk-credential',
    summary: `through ${credential?.name ?? externalId}: ${member.recent.length} flagged day(s), peak ${measure === 'bytes' ? formatGb(value) : `${value} ${measure}`} on ${isoDayOf(flag.day)}`,
    data: {
      credentialId: credential?.id ?? null,
      credentialExternalId: externalId,
      credentialName: credential?.name ?? externalId,
      ownedBySubject: subject.type === 'IDENTITY' && credential?.ownerIdentityId === subject.id,
      flaggedDays: member.recent.length,
      peakDay: isoDayOf(flag.day),
      peakBytes: valueAt(member.entry.series, flag.position).bytes,
    },
  };
};

/** The member that tells the story: the subject's own series when it fired, else the credential with the largest peak. */
const primaryOf = (incident: Incident): Member => {
  const own = incident.members.find((member) => member.entry.series.credentialExternalId === null);
  if (own) return own;
  return incident.members.reduce((best, member) => (peakOf(member).value > peakOf(best).value ? member : best));
};

const toCandidate = (incident: Incident, index: PostureIndex, asOf: Date, settings: FindingSettings): FindingCandidate => {
  const { subject } = incident;
  const primary = primaryOf(incident);
  const { series } = primary.entry;
  const { recent } = primary;
  const peak = peakOf(primary);
  const median = peak.flag.baseline?.median[peak.measure] ?? null;
  const ratio = median !== null && median > 0 ? Math.round(peak.value / median) : null;
  const allFlags = incident.members.flatMap((member) => member.recent);
  const credentials = incident.members.filter((member) => member.entry.series.credentialExternalId !== null);
  return buildCandidate(
    {
      kind: 'BULK_EXTRACTION',
      severity: allFlags.some((flag) => flag.leaver || flag.offshore) ? 'CRITICAL' : 'HIGH',
      subject,
      ownerTeamId: incident.ownerTeamId,
      params: {
        name: subject.name,
        measure: peak.measure,
        value: peak.value,
        peakOn: isoDayOf(peak.flag.day),
        baselineDays: settings.bulkExtraction.baselineDays,
        ratio,
        baselineMedian: median,
      },
      activityStartDay: Math.min(
        ...incident.members.map((member) => episodeStartOf(member.entry.flags, member.recent[0] as FlaggedDay, settings.bulkExtraction.lookbackDays)),
      ),
      // Evidence is built only when asked for (a replay asks for none): the sources walk the whole series.
      evidence: () => {
        const sources = sourcesOf(series);
        const peakValue = valueAt(series, peak.flag.position);
        return [
          {
            source: sources,
            type: 'bulk-summary',
            summary: `${recent.length} flagged day(s) from ${isoDayOf((recent[0] as FlaggedDay).day)}; peak ${describe(peak.measure, peak.value).replace(/^\w+ /, '')}`,
            data: {
              measure: peak.measure,
              flaggedDays: recent.length,
              firstFlaggedDay: isoDayOf((recent[0] as FlaggedDay).day),
              episodeStartDay: isoDayOf(episodeStartOf(primary.entry.flags, recent[0] as FlaggedDay, settings.bulkExtraction.lookbackDays)),
              lastFlaggedDay: isoDayOf((recent[recent.length - 1] as FlaggedDay).day),
              peakDay: isoDayOf(peak.flag.day),
              peakBytes: peakValue.bytes,
              peakRecords: peakValue.records,
              peakRequests: peakValue.events,
              baselineMedianBytes: peak.flag.baseline?.median.bytes ?? null,
              baselineMedianRequests: peak.flag.baseline?.median.requests ?? null,
              ratio,
              afterDeparture: allFlags.some((flag) => flag.leaver),
              offshore: allFlags.some((flag) => flag.offshore),
              credentials: credentials.map((member) => member.entry.series.credentialExternalId as string).join(','),
            },
          },
          ...credentials.map((member) => credentialEvidence(member, subject, index)),
          ...dailySeriesEvidence(primary, sources, index, asOf, settings),
        ];
      },
    },
    asOf,
    settings,
  );
};

/** The raw principals whose activity went through credential `externalId` on `days` (from the day's rollups). */
const principalsThrough = (index: PostureIndex, externalId: string, days: readonly number[]): Set<string> => {
  const principals = new Set<string>();
  const { rollups } = index.rollupTimeline;
  for (const day of days) {
    const { start, end } = index.rollupRange(day, day);
    for (let i = start; i < end; i++) {
      const rollup = rollups[i] as ActivityRollup;
      if (rollup.credentialExternalId === externalId) principals.add(rollup.principal);
    }
  }
  return principals;
};

/**
 * A credential with no owner used by an unresolved principal: the credential's series and the principal's hold
 * the same bytes, so they are one incident. Its subject is the credential when the incident went through one
 * credential (it stays its own subject), else the principal, with the credentials in its evidence.
 */
const mergeUnownedCredentials = (incidents: Map<string, Incident>, index: PostureIndex): Incident[] => {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.has(root)) root = parent.get(root) as string;
    return root;
  };
  for (const [key, incident] of incidents) {
    if (!key.startsWith('CREDENTIAL:')) continue;
    for (const member of incident.members) {
      const externalId = member.entry.series.credentialExternalId;
      if (externalId === null) continue;
      for (const principal of principalsThrough(index, externalId, member.recent.map((flag) => flag.day))) {
        const other = `PRINCIPAL:${principal}`;
        if (!incidents.has(other)) continue;
        const [a, b] = [find(key), find(other)];
        if (a !== b) parent.set(b < a ? a : b, b < a ? b : a);
      }
    }
  }
  if (parent.size === 0) return [...incidents.values()];
  const groups = new Map<string, string[]>();
  for (const key of incidents.keys()) {
    const root = find(key);
    const list = groups.get(root);
    if (list) list.push(key);
    else groups.set(root, [key]);
  }
  return [...groups.values()].map((keys) => {
    const credentials = keys.filter((key) => key.startsWith('CREDENTIAL:')).sort();
    const principals = keys.filter((key) => key.startsWith('PRINCIPAL:')).sort();
    // An identity's incident is never merged here: its group is itself.
    const lead = (credentials.length === 1 ? credentials[0] : principals.length === 1 ? principals[0] : (credentials[0] ?? principals[0])) ?? (keys[0] as string);
    const first = incidents.get(lead) as Incident;
    return { subject: first.subject, ownerTeamId: first.ownerTeamId, members: keys.flatMap((key) => (incidents.get(key) as Incident).members) };
  });
};

/**
 * Per credential and per actor, each day is measured by bytes, records and requests (events) against the
 * series' own robust baseline (see bulk-flags.ts and docs/findings.md): a day fires at `multiplier` × the
 * median (and `madMultiplier` robust sigmas above it) and the measure's floor. A series learns for
 * `learningDays` before it may fire without a baseline; a level that persists `newNormalDays` becomes the
 * new normal, except after the identity's departure. Flagged days in the last `lookbackDays` keep the
 * finding open. A principal and its credentials are one incident, one finding on the principal.
 */
export const bulkExtractionRule: FindingRule = {
  kind: 'BULK_EXTRACTION',
  domain: 'DETECTION',
  description: 'A principal, or a credential with no owner, whose daily data volume or request count departs sharply from its own baseline.',
  evaluate(input, asOf, settings) {
    const index = indexOf(input);
    const asOfDay = dayNumberOf(asOf);
    const fromDay = asOfDay - settings.bulkExtraction.lookbackDays + 1;
    const incidents = new Map<string, Incident>();
    for (const entry of index.bulkFlags(settings.bulkExtraction).flagged) {
      const recent = entry.flags.filter((flag) => flag.day >= fromDay && flag.day <= asOfDay);
      if (recent.length === 0) continue;
      const { key, subject, ownerTeamId } = incidentOf(entry.series, index);
      const member = { entry, recent };
      const incident = incidents.get(key);
      if (incident) incident.members.push(member);
      else incidents.set(key, { subject, ownerTeamId, members: [member] });
    }
    const merged = mergeUnownedCredentials(incidents, index);
    const keyOf = (member: Member): string => member.entry.series.credentialExternalId ?? '';
    // Members in a fixed order (the actor's own series, then credentials by id): flags come in no set order.
    for (const incident of merged) incident.members.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
    return merged.map((incident) => toCandidate(incident, index, asOf, settings));
  },
};
