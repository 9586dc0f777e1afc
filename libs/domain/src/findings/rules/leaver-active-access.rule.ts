import { isAccountActiveAt } from '../../model/as-of.util.js';
import type { ActivityRollup, ActivitySample } from '../../model/activity.model.js';
import { dayNumberOf, isoDayOf, isoDayOfDate, startOfDay, wholeDaysBetween } from '../../model/date.util.js';
import type { Severity } from '../../model/enums.js';
import type { EvidenceRecord, EvidenceValue, FindingCandidate } from '../../model/finding.model.js';
import type { Identity } from '../../model/identity.model.js';
import { activityByIdentity, samplesByIdentity } from '../activity-index.js';
import { lowerBoundOf } from '../activity-state.js';
import { departureOf, possibleLeavers, type Departure } from '../departure.js';
import { buildCandidate, isoOrNull } from '../finding-candidate.factory.js';
import type { FindingRule } from '../finding-rule.js';
import type { FindingSettings } from '../finding-settings.js';
import { hasUsableAccess, identityAccessAt, onPremisesSyncData, onPremisesSyncNote, residualAccountEvidence } from '../leaver-access.js';
import { indexOf, type PostureIndex } from '../posture-index.js';
import { identitySubject } from '../subject.util.js';
import { credentialActivityMarks, dayMarks, nextChangeAfter } from '../subject-results.js';

interface UseAfterDeparture {
  days: number;
  events: number;
  bytes: number;
  records: number;
  /** The rollups, for evidence. */
  rollups: ActivityRollup[];
}

/**
 * Uses on days strictly after the departure day (the last working day itself is not counted), up to
 * `asOf`. Without a departure date no use can be called "after": none is reported.
 */
const usesAfterDeparture = (identity: Identity, departure: Departure, index: PostureIndex, asOf: Date): UseAfterDeparture => {
  const result: UseAfterDeparture = { days: 0, events: 0, bytes: 0, records: 0, rollups: [] };
  if (departure.departedAt === null) return result;
  const departureDay = dayNumberOf(departure.departedAt);
  const asOfDay = dayNumberOf(asOf);
  const activity = activityByIdentity(index).get(identity.id);
  if (!activity) return result;
  let lastDay = -Infinity;
  // In day order: skip straight to the first day after departure.
  for (let i = lowerBoundOf(activity.days, departureDay + 1); i < activity.days.length; i++) {
    const day = activity.days[i] as number;
    if (day > asOfDay) break;
    const rollup = activity.rollups[i] as ActivityRollup;
    if (day !== lastDay) result.days += 1;
    lastDay = day;
    result.events += rollup.events;
    result.bytes += rollup.bytes;
    result.records += rollup.records;
    result.rollups.push(rollup);
  }
  return result;
};

/** A last use or login the inventory itself reports, on a day after the departure day and by `asOf`. */
interface InventoryUse {
  source: string;
  what: string;
  at: Date;
}

/**
 * Uses the sources' inventories report (an IAM key's last-used date, an account's last login) after the departure
 * day: as much proof of use after leaving as an access event, even without an event log. Only the latest use is
 * known, so a day before it sees none (never a guess).
 */
const inventoryUsesAfterDeparture = (identity: Identity, departure: Departure, index: PostureIndex, asOf: Date): InventoryUse[] => {
  if (departure.departedAt === null) return [];
  const firstDay = dayNumberOf(departure.departedAt) + 1;
  const after = (at: Date | null): at is Date => at !== null && dayNumberOf(at) >= firstDay && at.getTime() <= asOf.getTime();
  const uses: InventoryUse[] = [];
  for (const credential of index.credentialsByOwnerId.get(identity.id) ?? []) {
    if (after(credential.lastUsedAt)) uses.push({ source: credential.source, what: `${credential.kind} ${credential.externalId}`, at: credential.lastUsedAt });
  }
  for (const account of index.accountsByIdentityId.get(identity.id) ?? []) {
    if (after(account.lastLoginAt)) uses.push({ source: account.system, what: `${account.system} account ${account.userName}`, at: account.lastLoginAt });
  }
  return uses;
};

/** The sampled events after the departure day, up to `asOf`: uses, and refused attempts (not uses). */
const samplesAfterDeparture = (identity: Identity, departure: Departure, index: PostureIndex, asOf: Date): { uses: ActivitySample[]; refused: ActivitySample[] } => {
  const result = { uses: [] as ActivitySample[], refused: [] as ActivitySample[] };
  if (departure.departedAt === null) return result;
  const firstDay = dayNumberOf(departure.departedAt) + 1;
  for (const sample of samplesByIdentity(index).get(identity.id) ?? []) {
    if (dayNumberOf(sample.occurredAt) < firstDay || sample.occurredAt.getTime() > asOf.getTime()) continue;
    (sample.success ? result.uses : result.refused).push(sample);
  }
  return result;
};

const sampleData = (sample: ActivitySample): Record<string, EvidenceValue> => ({ ...sample, occurredAt: sample.occurredAt.toISOString() });

const useEvidence = (uses: UseAfterDeparture, samples: { uses: ActivitySample[]; refused: ActivitySample[] }, settings: FindingSettings): EvidenceRecord[] => [
  ...uses.rollups.slice(0, settings.evidenceLimit).map((rollup) => ({
    source: rollup.source,
    type: 'use-after-departure',
    summary: `${rollup.events} events, ${rollup.bytes} bytes on ${rollup.day} from ${rollup.country ?? 'unknown country'}`,
    data: { ...rollup },
  })),
  ...samples.uses.slice(0, settings.evidenceLimit).map((sample) => ({
    source: sample.source,
    type: 'event',
    summary: `${sample.action} at ${sample.occurredAt.toISOString()} from ${sample.sourceIp ?? 'unknown IP'} (${sample.country ?? 'unknown country'})`,
    data: sampleData(sample),
  })),
  ...samples.refused.slice(0, settings.evidenceLimit).map((sample) => ({
    source: sample.source,
    type: 'refused-attempt',
    summary: `${sample.action} refused at ${sample.occurredAt.toISOString()} from ${sample.sourceIp ?? 'unknown IP'} (${sample.country ?? 'unknown country'})`,
    data: sampleData(sample),
  })),
];

/**
 * A terminated or IdP-deactivated identity whose account, credential or token can still be used (an account
 * counts only while some login or credential of it works: see ACCOUNT_STATUSES).
 * CRITICAL with any use after departure (access events, or a last use / last login the inventory reports); HIGH with an active credential, a privileged or production
 * entitlement, or 30+ days of exposure; MEDIUM otherwise.
 */
export const leaverActiveAccessRule: FindingRule = {
  kind: 'LEAVER_ACTIVE_ACCESS',
  domain: 'ACCESS_GOVERNANCE',
  description: 'A departed identity whose account, credential or token is still active.',
  evaluate(input, asOf, settings) {
    const index = indexOf(input);
    return index.bySubject(
      'LEAVER_ACTIVE_ACCESS',
      possibleLeavers(index),
      {
        key: (identity) => identity.id,
        inputs: (identity) => leaverInputs(identity, index, asOf),
        evaluate: (identity) => {
          const until = nextChangeAfter(asOf, leaverMarks(identity, index, asOf, settings));
          const candidate = leaverCandidate(identity, index, asOf, settings);
          return { candidates: candidate === null ? [] : [candidate], until };
        },
      },
      asOf,
      settings,
    );
  },
};

/**
 * What a leaver's finding is computed from: the identity, its accounts and their entitlements, the credentials it
 * owns, and its activity and sampled events after its departure (the rollups of unchanged days are the same objects
 * from one evaluation to the next).
 */
const leaverInputs = (identity: Identity, index: PostureIndex, asOf: Date): unknown[] => {
  const accounts = index.accountsByIdentityId.get(identity.id) ?? [];
  const inputs: unknown[] = [identity, ...accounts, ...(index.credentialsByOwnerId.get(identity.id) ?? [])];
  for (const account of accounts) inputs.push(...(index.entitlementsByAccountId.get(account.id) ?? []));
  const departedAt = departureOf(identity, index, asOf)?.departedAt ?? null;
  if (departedAt === null) return inputs;
  const activity = activityByIdentity(index).get(identity.id);
  if (activity) inputs.push(...activity.rollups.slice(lowerBoundOf(activity.days, dayNumberOf(departedAt) + 1)));
  inputs.push(...(samplesByIdentity(index).get(identity.id) ?? []));
  return inputs;
};

/**
 * Where a leaver's finding may change with the date: the departure (termination, rehire, IdP deactivation), each
 * account and credential becoming usable or not, the exposure reaching HIGH, and each use after the departure
 * (a day of activity, a sampled event, a last use or login the inventory reports) coming within the as-of.
 */
const leaverMarks = (identity: Identity, index: PostureIndex, asOf: Date, settings: FindingSettings): (number | Date | null)[] => {
  const accounts = index.accountsByIdentityId.get(identity.id) ?? [];
  const credentials = index.credentialsByOwnerId.get(identity.id) ?? [];
  const marks: (number | Date | null)[] = [identity.terminationDate, identity.startDate];
  for (const account of accounts) marks.push(account.createdAt, account.deactivatedAt, account.lastLoginAt);
  for (const credential of credentials) marks.push(...credentialActivityMarks(credential), credential.lastUsedAt);
  const departedAt = departureOf(identity, index, asOf)?.departedAt ?? null;
  if (departedAt === null) return marks;
  marks.push(...dayMarks(departedAt, [settings.leaver.highExposureDays]));
  const activity = activityByIdentity(index).get(identity.id);
  for (const day of activity?.days ?? []) marks.push(startOfDay(day));
  for (const sample of samplesByIdentity(index).get(identity.id) ?? []) marks.push(sample.occurredAt);
  return marks;
};

/** The identity's LEAVER_ACTIVE_ACCESS finding at `asOf`, if it has left with access still usable. */
const leaverCandidate = (identity: Identity, index: PostureIndex, asOf: Date, settings: FindingSettings): FindingCandidate | null => {
  const departure = departureOf(identity, index, asOf);
  if (departure === null) return null;
  const access = identityAccessAt(identity, index, asOf);
  // Only what can still be used is access; accounts that merely exist are LEAVER_RESIDUAL_ACCOUNT.
  if (!hasUsableAccess(access)) return null;
  const { accounts, credentials, residualAccounts } = access;

  const entitlements = index.entitlementsOfIdentity(identity.id, (account) => isAccountActiveAt(account, asOf));
  const sensitive = entitlements.some(({ entitlement }) => entitlement.privileged || entitlement.production);
  const exposureDays = departure.departedAt === null ? null : Math.max(0, wholeDaysBetween(departure.departedAt, asOf));
  const uses = usesAfterDeparture(identity, departure, index, asOf);
  const inventoryUses = inventoryUsesAfterDeparture(identity, departure, index, asOf);
  // Refused attempts are not uses (severity reads only uses): they are evidence that someone tried.
  const samples = samplesAfterDeparture(identity, departure, index, asOf);
  let severity: Severity = 'MEDIUM';
  if (uses.days > 0 || inventoryUses.length > 0) severity = 'CRITICAL';
  else if (credentials.length > 0 || sensitive || (exposureDays ?? 0) >= settings.leaver.highExposureDays) severity = 'HIGH';

  const evidence = (): EvidenceRecord[] => [
    {
      source: departure.via.includes('HR') ? 'hr' : 'identity-provider',
      type: 'departure',
      // The departure date, not the days exposed since: the stored finding changes only when the facts do.
      summary: `departed ${departure.departedAt ? isoDayOfDate(departure.departedAt) : '(date unknown)'} per ${departure.via.join(' and ')}`,
      data: {
        via: departure.via.join(','),
        status: identity.status,
        terminationDate: isoOrNull(identity.terminationDate),
        departedAt: isoOrNull(departure.departedAt),
        daysWithUseAfterDeparture: uses.days,
        eventsAfterDeparture: uses.events,
        bytesAfterDeparture: uses.bytes,
        recordsAfterDeparture: uses.records,
        inventoryUsesAfterDeparture: inventoryUses.length,
        refusedAttemptsSampled: samples.refused.length,
      },
    },
    ...accounts.slice(0, settings.evidenceLimit).map((account) => ({
      source: account.system,
      type: 'active-account',
      summary: `${account.system} account ${account.userName} is still ${account.status}${onPremisesSyncNote(account)}`,
      data: {
        accountId: account.id,
        externalId: account.externalId,
        userName: account.userName,
        status: account.status,
        lastLoginAt: isoOrNull(account.lastLoginAt),
        entitlements: entitlements.filter((entry) => entry.account.id === account.id).map((entry) => entry.entitlement.name).join(','),
        ...onPremisesSyncData(account),
      },
    })),
    ...credentials.slice(0, settings.evidenceLimit).map((credential) => ({
      source: credential.source,
      type: 'active-credential',
      summary: `${credential.kind} ${credential.externalId} is still ${credential.status}`,
      data: {
        credentialId: credential.id,
        kind: credential.kind,
        externalId: credential.externalId,
        environment: credential.environment,
        lastUsedAt: isoOrNull(credential.lastUsedAt),
      },
    })),
    ...useEvidence(uses, samples, settings),
    ...inventoryUses.slice(0, settings.evidenceLimit).map((use) => ({
      source: use.source,
      type: 'last-use-after-departure',
      summary: `${use.what} last used ${use.at.toISOString()}, after departure`,
      data: { what: use.what, lastUsedAt: use.at.toISOString() },
    })),
    ...residualAccounts.slice(0, settings.evidenceLimit).map(residualAccountEvidence),
  ];
  return buildCandidate(
    {
      kind: 'LEAVER_ACTIVE_ACCESS',
      severity,
      subject: identitySubject(identity),
      ownerTeamId: identity.teamId,
      params: {
        name: identity.displayName,
        departedOn: departure.departedAt === null ? null : isoDayOf(dayNumberOf(departure.departedAt)),
        activeAccounts: accounts.length,
        activeCredentials: credentials.length,
        daysUsedSince: uses.days,
        usedSince: inventoryUses.length > 0,
      },
      evidence,
      // The condition began when the identity left with its access still in place.
      activityStartDay: departure.departedAt === null ? null : dayNumberOf(departure.departedAt),
    },
    asOf,
    settings,
  );
};
