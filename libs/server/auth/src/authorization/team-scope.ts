import { forbidden } from '../auth.error.js';
import { Role } from '../roles/role.js';
import type { OrgAccess } from './caller.js';

/** How far a caller reaches across teams: every team, or only the ones an ENGINEERING_LEAD leads. */
export type TeamScope = { kind: 'all' } | { kind: 'teams'; teamIds: readonly string[] };

/** The whole organisation: for what is organisation-wide by nature (the board report, digests to the CISO). */
export const WHOLE_ORGANIZATION: TeamScope = Object.freeze({ kind: 'all' });

export function teamScope(access: OrgAccess): TeamScope {
  return access.role === Role.ENGINEERING_LEAD ? { kind: 'teams', teamIds: access.teamIds } : { kind: 'all' };
}

/**
 * The one filter every field that returns findings or people applies to what it returns: everything for
 * an organisation-wide role, only what a team the caller leads owns for an ENGINEERING_LEAD (nothing owned
 * by no team). `teamOf` names the owning team (a finding's owner team, a person's team).
 */
export function withinTeamScope<T>(scope: TeamScope, items: readonly T[], teamOf: (item: T) => string | null): T[] {
  if (scope.kind === 'all') return [...items];
  const reach = new Set(scope.teamIds);
  return items.filter((item) => {
    const team = teamOf(item);
    return team !== null && reach.has(team);
  });
}

/** For queries: `null` means "no team filter"; otherwise restrict to these team ids (possibly none). */
export function teamFilter(access: OrgAccess): readonly string[] | null {
  const scope = teamScope(access);
  return scope.kind === 'all' ? null : scope.teamIds;
}

/** Whether the caller reaches something owned by `teamId` (null: owned by no team, out of an engineering lead's reach). */
export function canAccessTeam(access: OrgAccess, teamId: string | null): boolean {
  const scope = teamScope(access);
  return scope.kind === 'all' || (teamId !== null && scope.teamIds.includes(teamId));
}

/** Throws the same FORBIDDEN the guard uses; the global filter turns it into a GraphQL or HTTP error. */
export function assertTeamAccess(access: OrgAccess, teamId: string | null): void {
  if (!canAccessTeam(access, teamId)) throw forbidden('Outside the teams you lead');
}
