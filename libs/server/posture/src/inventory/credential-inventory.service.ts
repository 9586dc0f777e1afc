import { Injectable } from '@nestjs/common';
import { computeRotationSla, credentialStatusAt, DAY_MS, isCredentialActiveAt, type CredentialKind, type Environment, type SlaStatus } from '@postureboard/domain';
import {
  CredentialViewRepository,
  decodeCredentialCursor,
  type CredentialViewFilter,
  type CredentialViewRecord,
  type TeamSlaRecord,
} from '@postureboard/server-database';
import { WHOLE_ORGANIZATION, withinTeamScope, type TeamScope } from '@postureboard/server-auth';
import { OrganizationService } from '@postureboard/server-organization';
import { RotationPolicyService } from '../settings/rotation-policy.service.js';
import { isUuid } from '../settings/uuid.util.js';
import { InventoryError, InventoryErrorCode } from './inventory.error.js';
import { overdueCounts } from './overdue-counts.js';

/** A credential as the rotation board lists it; SLA fields are null for inactive credentials. */
export interface CredentialView {
  id: string;
  kind: CredentialKind;
  name: string;
  externalId: string;
  source: string;
  environment: Environment;
  algorithm: string | null;
  status: string;
  ageDays: number | null;
  createdAt: Date | null;
  lastRotatedAt: Date | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  /** False: the source cannot report use ("use not observed"), so a null lastUsedAt does not mean "never used". */
  useObserved: boolean;
  slaStatus: SlaStatus | null;
  dueAt: Date | null;
  daysOverdue: number | null;
  policyMaxAgeDays: number | null;
  owner: string | null;
  teamId: string | null;
}

export interface CredentialPageView {
  edges: { cursor: string; credential: CredentialView }[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface BurndownPointView {
  weekOf: Date;
  overdue: number;
}

export const MAX_PAGE_SIZE = 500;
export const MAX_BURNDOWN_WEEKS = 104;
const WEEK_MS = 7 * DAY_MS;

/** Monday 00:00 UTC of the week holding `at` (1970-01-01 was a Thursday, hence the 3-day shift). */
export const weekStartOf = (at: Date): Date => new Date(Math.floor((at.getTime() + 3 * DAY_MS) / WEEK_MS) * WEEK_MS - 3 * DAY_MS);

/** The week starts of a burn-down window of `weeks` weeks ending with the week holding `asOf`, oldest first. */
export function burndownWeeks(weeks: number, asOf: Date): Date[] {
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_BURNDOWN_WEEKS) invalid(`weeks must be from 1 to ${MAX_BURNDOWN_WEEKS}`);
  const currentWeek = weekStartOf(asOf).getTime();
  return Array.from({ length: weeks }, (_, i) => new Date(currentWeek - (weeks - 1 - i) * WEEK_MS));
}

/** The instant a week's count is taken at: its last millisecond, or `asOf` for the week still running. */
export const weekEndOf = (weekStart: Date, asOf: Date): Date => new Date(Math.min(weekStart.getTime() + WEEK_MS - 1, asOf.getTime()));

/**
 * The key inventory for engineering leads: credentials with their rotation SLA, SLA counts per team and
 * the overdue burn-down. Every policy is resolved by the domain; SQL only groups and pages.
 */
@Injectable()
export class CredentialInventoryService {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly policies: RotationPolicyService,
    private readonly credentialViews: CredentialViewRepository,
  ) {}

  async credentials(orgSlug: string, filter: CredentialViewFilter, first: number, after: string | null, asOf = new Date()): Promise<CredentialPageView> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) invalid(`first must be from 1 to ${MAX_PAGE_SIZE}`);
    if (filter.teamId && !isUuid(filter.teamId)) invalid(`teamId "${filter.teamId}" is not a team id`);
    const cursor = after ? decodeCredentialCursor(after) : null;
    if (after && !cursor) invalid('after is not a cursor from this list');
    const organization = await this.organizations.getBySlug(orgSlug);
    const { resolve, table } = await this.policies.resolution(organization.id);
    const page = await this.credentialViews.page(organization.id, asOf, table, filter, first, cursor);
    return {
      totalCount: page.totalCount,
      hasNextPage: page.hasNextPage,
      endCursor: page.endCursor,
      edges: page.credentials.map((credential) => {
        const policy = resolve(credential.kind, credential.environment, credential.effectiveTeamId);
        const sla = computeRotationSla(credential, policy, asOf);
        return { cursor: credential.cursor, credential: toView(credential, sla, policy.maxAgeDays, isCredentialActiveAt(credential, asOf), asOf) };
      }),
    };
  }

  /** Teams with the most overdue keys first; the row for keys no team answers for comes last. */
  async rotationSla(orgSlug: string, asOf = new Date()): Promise<TeamSlaRecord[]> {
    const organization = await this.organizations.getBySlug(orgSlug);
    const { table } = await this.policies.resolution(organization.id);
    const rows = await this.credentialViews.slaByTeam(organization.id, asOf, table);
    return rows.sort(
      (a, b) =>
        Number(a.teamId === null) - Number(b.teamId === null) ||
        b.overdue - a.overdue ||
        b.maxDaysOverdue - a.maxDaysOverdue ||
        b.dueSoon - a.dueSoon ||
        String(a.teamId).localeCompare(String(b.teamId)),
    );
  }

  /**
   * Overdue credentials per week, oldest week first. A week with a stored snapshot shows what was
   * recorded then (history, not recomputation); a week without one is computed from the inventory as of
   * the end of that week (the current week: as of now), with today's policies.
   */
  /**
   * `scope`: an engineering lead's burn-down counts the credentials of the teams they lead; the stored weekly
   * snapshots count the whole organisation, so a team's weeks are all recomputed.
   */
  async rotationBurndown(orgSlug: string, weeks: number, asOf = new Date(), scope: TeamScope = WHOLE_ORGANIZATION): Promise<BurndownPointView[]> {
    const weekStarts = burndownWeeks(weeks, asOf);
    const organization = await this.organizations.getBySlug(orgSlug);
    const stored = scope.kind === 'all' ? await this.credentialViews.storedOverdueCounts(organization.id, weekStarts[0]!, asOf) : [];
    const storedByWeek = new Map<number, number>();
    // Ascending, so the latest snapshot of a week wins.
    for (const snapshot of stored) storedByWeek.set(weekStartOf(snapshot.asOf).getTime(), snapshot.overdue);
    const missing = weekStarts.filter((week) => !storedByWeek.has(week.getTime()));
    if (missing.length > 0) {
      const instants = missing.map((week) => weekEndOf(week, asOf));
      const inputs = withinTeamScope(scope, await this.credentialViews.slaInputs(organization.id), (input) => input.effectiveTeamId);
      const counts = overdueCounts(inputs, (await this.policies.resolution(organization.id)).resolve, instants);
      missing.forEach((week, i) => storedByWeek.set(week.getTime(), counts[i]!));
    }
    return weekStarts.map((weekOf) => ({ weekOf, overdue: storedByWeek.get(weekOf.getTime()) ?? 0 }));
  }
}

function invalid(message: string): never {
  throw new InventoryError(InventoryErrorCode.INVALID_INPUT, message);
}

function toView(
  credential: CredentialViewRecord,
  sla: ReturnType<typeof computeRotationSla>,
  policyMaxAgeDays: number,
  active: boolean,
  asOf: Date,
): CredentialView {
  return {
    id: credential.id,
    kind: credential.kind,
    name: credential.name,
    externalId: credential.externalId,
    source: credential.source,
    environment: credential.environment,
    algorithm: credential.algorithm,
    status: credentialStatusAt(credential, asOf),
    ageDays: sla.ageDays,
    createdAt: credential.createdAt,
    lastRotatedAt: credential.lastRotatedAt,
    expiresAt: credential.expiresAt,
    lastUsedAt: credential.lastUsedAt,
    useObserved: credential.useObserved,
    slaStatus: active ? sla.status : null,
    dueAt: active ? sla.dueAt : null,
    daysOverdue: active ? sla.daysOverdue : null,
    policyMaxAgeDays,
    owner: credential.owner,
    teamId: credential.effectiveTeamId,
  };
}
