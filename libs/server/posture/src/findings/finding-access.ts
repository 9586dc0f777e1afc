import type { FindingActor } from '@postureboard/domain';
import { canAccessTeam, describeCaller, Role, teamFilter, type Caller, type OrgAccess } from '@postureboard/server-auth';

/** Who may read findings (BOARD_VIEWER sees the overview and reports only) and who may change them. */
export const FINDING_READERS = [Role.ADMIN, Role.CISO, Role.ENGINEERING_LEAD, Role.ANALYST, Role.AUDITOR];
export const FINDING_WRITERS = [Role.ADMIN, Role.CISO, Role.ENGINEERING_LEAD, Role.ANALYST];

/**
 * Whether a member with this role (and led teams) can see a finding owned by `ownerTeamId`: the same rule the
 * findings queries apply to a caller. A finding is assigned only to someone who can see it.
 */
export const canSeeFinding = (member: { role: string; teamIds: readonly string[] }, ownerTeamId: string | null): boolean =>
  (FINDING_READERS as readonly string[]).includes(member.role) &&
  canAccessTeam({ organizationId: '', slug: '', role: member.role as Role, teamIds: member.teamIds } satisfies OrgAccess, ownerTeamId);

/**
 * A findings filter confined to the caller's teams: an engineering lead sees only the findings of the teams
 * they lead (a requested team outside them gives an empty list, not an error).
 */
export const scopedTeamIds = (access: OrgAccess, requestedTeamId: string | null | undefined): readonly string[] | undefined => {
  const scope = teamFilter(access);
  const requested = requestedTeamId ? [requestedTeamId] : null;
  return (scope === null ? requested : requested ? requested.filter((id) => scope.includes(id)) : scope) ?? undefined;
};

/** The person behind a change to a finding, as its history and comments name them. */
export const actorOf = (caller: Caller): FindingActor => ({ type: 'USER', id: caller.userId, name: describeCaller(caller) });
