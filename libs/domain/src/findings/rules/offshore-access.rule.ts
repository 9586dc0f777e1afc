import { isAccountActiveAt } from '../../model/as-of.util.js';
import type { ActivityRollup } from '../../model/activity.model.js';
import { dayNumberOf, isoDayOf } from '../../model/date.util.js';
import type { Severity } from '../../model/enums.js';
import type { EvidenceRecord, FindingCandidate } from '../../model/finding.model.js';
import type { Identity } from '../../model/identity.model.js';
import { credentialTier } from '../../rotation/credential-criticality.js';
import { departureOf } from '../departure.js';
import { buildCandidate } from '../finding-candidate.factory.js';
import type { FindingRule } from '../finding-rule.js';
import type { FindingSettings } from '../finding-settings.js';
import { approvalCoversCountry, approvalCoversEntitlement, isApprovalValidAt } from '../offshore-approval.util.js';
import { indexOf, type PostureIndex } from '../posture-index.js';
import { identitySubject, principalSubject } from '../subject.util.js';

/** Qualifiers: one finding for activity seen abroad, another for where the person works. */
export const OFFSHORE_ACTIVITY = 'activity' as const;
export const OFFSHORE_WORK_COUNTRY = 'work-country' as const;

interface Aggregate {
  credentialExternalId: string | null;
  country: string;
  sources: Set<string>;
  firstDay: number;
  lastDay: number;
  events: number;
  bytes: number;
  records: number;
}

interface ActorActivity {
  identity: Identity | null;
  principal: string;
  aggregates: Map<string, Aggregate>;
  bytes: number;
  lastDay: number;
}

/** Timeline positions (and their days) of activity from an unapproved country, built once per input. */
const offshorePositions = (index: PostureIndex): { positions: number[]; days: Int32Array } =>
  index.memo('offshore-positions', null, () => {
    const { rollups, dayNumbers } = index.rollupTimeline;
    const positions: number[] = [];
    for (let i = 0; i < rollups.length; i++) {
      const rollup = rollups[i] as ActivityRollup;
      if (rollup.events > 0 && index.isOffshoreCountry(rollup.country)) positions.push(i);
    }
    return { positions, days: Int32Array.from(positions, (position) => dayNumbers[position] as number) };
  });

const coveredByApproval = (identity: Identity | null, country: string, index: PostureIndex, asOf: Date): boolean =>
  identity !== null &&
  (index.approvalsByIdentityId.get(identity.id) ?? []).some((approval) => isApprovalValidAt(approval, asOf) && approvalCoversCountry(approval, country));

const collectActivity = (index: PostureIndex, asOf: Date, settings: FindingSettings): Map<string, ActorActivity> => {
  const asOfDay = dayNumberOf(asOf);
  const fromDay = asOfDay - settings.offshore.activityLookbackDays + 1;
  const { positions, days } = offshorePositions(index);
  const { rollups } = index.rollupTimeline;
  const actors = new Map<string, ActorActivity>();
  for (let i = 0; i < positions.length; i++) {
    const day = days[i] as number;
    if (day < fromDay) continue;
    if (day > asOfDay) break;
    const rollup = rollups[positions[i] as number] as ActivityRollup;
    const country = (rollup.country as string).toUpperCase();
    const identity = index.identityOfActivity(rollup.principal, rollup.credentialExternalId);
    if (coveredByApproval(identity, country, index, asOf)) continue;
    const actorKey = identity ? `i:${identity.id}` : `p:${rollup.principal}`;
    let actor = actors.get(actorKey);
    if (!actor) {
      actor = { identity, principal: rollup.principal, aggregates: new Map(), bytes: 0, lastDay: day };
      actors.set(actorKey, actor);
    }
    const aggregateKey = `${rollup.credentialExternalId ?? ''}|${country}`;
    let aggregate = actor.aggregates.get(aggregateKey);
    if (!aggregate) {
      aggregate = { credentialExternalId: rollup.credentialExternalId, country, sources: new Set(), firstDay: day, lastDay: day, events: 0, bytes: 0, records: 0 };
      actor.aggregates.set(aggregateKey, aggregate);
    }
    aggregate.sources.add(rollup.source);
    aggregate.lastDay = day;
    aggregate.events += rollup.events;
    aggregate.bytes += rollup.bytes;
    aggregate.records += rollup.records;
    actor.bytes += rollup.bytes;
    actor.lastDay = day;
  }
  return actors;
};

/**
 * CRITICAL when the actor had already left; HIGH when they hold production or privileged access, used
 * a production credential, or moved at least the bulk-extraction floor; MEDIUM otherwise.
 */
const activitySeverity = (actor: ActorActivity, index: PostureIndex, asOf: Date, settings: FindingSettings): Severity => {
  if (actor.identity !== null) {
    const departure = departureOf(actor.identity, index, asOf);
    if (departure !== null && (departure.departedAt === null || actor.lastDay > dayNumberOf(departure.departedAt))) return 'CRITICAL';
    const entitlements = index.entitlementsOfIdentity(actor.identity.id, (account) => isAccountActiveAt(account, asOf));
    if (entitlements.some(({ entitlement }) => entitlement.production || entitlement.privileged)) return 'HIGH';
  }
  for (const aggregate of actor.aggregates.values()) {
    const credential = aggregate.credentialExternalId === null ? undefined : index.credentialsByExternalId.get(aggregate.credentialExternalId);
    if (credential && credentialTier(credential.kind, credential.environment) !== 'TIER_3') return 'HIGH';
  }
  return actor.bytes >= settings.bulkExtraction.floorBytes ? 'HIGH' : 'MEDIUM';
};

const activityCandidates = (index: PostureIndex, asOf: Date, settings: FindingSettings): FindingCandidate[] =>
  [...collectActivity(index, asOf, settings).values()].map((actor) => {
    const aggregates = [...actor.aggregates.values()];
    const countries = [...new Set(aggregates.map((aggregate) => aggregate.country))].sort();
    const evidence = (): EvidenceRecord[] => aggregates.slice(0, settings.evidenceLimit).map((aggregate) => ({
      source: [...aggregate.sources].sort().join(','),
      type: 'offshore-activity',
      summary: `${aggregate.events} events from ${aggregate.country} via ${aggregate.credentialExternalId ?? 'no credential'}, ${isoDayOf(aggregate.firstDay)} to ${isoDayOf(aggregate.lastDay)}`,
      data: {
        principal: actor.principal,
        credentialExternalId: aggregate.credentialExternalId,
        country: aggregate.country,
        firstSeen: isoDayOf(aggregate.firstDay),
        lastSeen: isoDayOf(aggregate.lastDay),
        events: aggregate.events,
        bytes: aggregate.bytes,
        records: aggregate.records,
      },
    }));
    const name = actor.identity?.displayName ?? actor.principal;
    return buildCandidate(
      {
        kind: 'OFFSHORE_ACCESS',
        severity: activitySeverity(actor, index, asOf, settings),
        subject: actor.identity ? identitySubject(actor.identity) : principalSubject(actor.principal),
        qualifier: OFFSHORE_ACTIVITY,
        ownerTeamId: actor.identity?.teamId ?? null,
        params: { variant: OFFSHORE_ACTIVITY, name, countries },
        evidence,
        activityStartDay: [...actor.aggregates.values()].reduce<number | null>((first, aggregate) => (first === null || aggregate.firstDay < first ? aggregate.firstDay : first), null),
      },
      asOf,
      settings,
    );
  });

const workCountryCandidates = (index: PostureIndex, asOf: Date, settings: FindingSettings): FindingCandidate[] => {
  const candidates: FindingCandidate[] = [];
  const offshoreWorkers = index.memo('offshore-workers', null, () => index.input.identities.filter((identity) => index.isOffshoreCountry(identity.workCountry)));
  for (const identity of offshoreWorkers) {
    const workCountry = identity.workCountry as string;
    if (departureOf(identity, index, asOf) !== null) continue;
    const approvals = (index.approvalsByIdentityId.get(identity.id) ?? []).filter(
      (approval) => isApprovalValidAt(approval, asOf) && approvalCoversCountry(approval, workCountry),
    );
    const unapproved = index
      .entitlementsOfIdentity(identity.id, (account) => isAccountActiveAt(account, asOf))
      .filter(({ entitlement }) => entitlement.production && !approvals.some((approval) => approvalCoversEntitlement(approval, entitlement)));
    if (unapproved.length === 0) continue;
    const expired = (index.approvalsByIdentityId.get(identity.id) ?? []).filter((approval) => !isApprovalValidAt(approval, asOf));
    candidates.push(
      buildCandidate(
        {
          kind: 'OFFSHORE_ACCESS',
          severity: unapproved.some(({ entitlement }) => entitlement.privileged) ? 'HIGH' : 'MEDIUM',
          subject: identitySubject(identity),
          qualifier: OFFSHORE_WORK_COUNTRY,
          ownerTeamId: identity.teamId,
          params: { variant: OFFSHORE_WORK_COUNTRY, name: identity.displayName, workCountry, productionEntitlements: unapproved.length },
          evidence: () => [
            {
              source: 'hr',
              type: 'work-country',
              summary: `${identity.employmentType.toLowerCase()} working from ${workCountry}`,
              data: { workCountry, employmentType: identity.employmentType, status: identity.status },
            },
            ...unapproved.slice(0, settings.evidenceLimit).map(({ account, entitlement }) => ({
              source: account.system,
              type: 'production-entitlement',
              summary: `${entitlement.name} on ${account.system}${entitlement.privileged ? ' (privileged)' : ''}`,
              data: { accountId: account.id, userName: account.userName, entitlement: entitlement.name, privileged: entitlement.privileged },
            })),
            ...expired.slice(0, settings.evidenceLimit).map((approval) => ({
              source: 'offshore-approval',
              type: 'invalid-approval',
              summary: `approval by ${approval.approver} for ${approval.scope} is not valid at this date`,
              data: {
                approver: approval.approver,
                scope: approval.scope,
                country: approval.country,
                grantedAt: approval.grantedAt.toISOString(),
                expiresAt: approval.expiresAt?.toISOString() ?? null,
              },
            })),
          ],
        },
        asOf,
        settings,
      ),
    );
  }
  return candidates;
};

/**
 * Access from a country outside the approved list (per actor, with first/last seen and volume per
 * credential and country), and people working outside it who hold production entitlements without a
 * valid approval. Not evaluated when the organisation has approved no country.
 */
export const offshoreAccessRule: FindingRule = {
  kind: 'OFFSHORE_ACCESS',
  domain: 'CROSS_BORDER_ACCESS',
  description: 'Access from, or production access held in, a country outside the approved list without approval.',
  evaluate(input, asOf, settings) {
    const index = indexOf(input);
    if (index.approvedCountries.size === 0) return [];
    return [...activityCandidates(index, asOf, settings), ...workCountryCandidates(index, asOf, settings)];
  },
};
