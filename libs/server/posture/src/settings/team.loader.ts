import { requestLoader, type LoaderContext } from '@postureboard/server-core';
import type { TeamRecord, TeamRepository } from '@postureboard/server-database';

/**
 * The request's team-by-id DataLoader. The name is shared with Finding.ownerTeam, so every field that fans
 * out to teams in one request (credentials, SLA rows, policies, findings) costs one query together.
 */
export const loadTeam = (context: LoaderContext, teams: TeamRepository, teamId: string | null): Promise<TeamRecord | null> => {
  if (teamId === null) return Promise.resolve(null);
  const loader = requestLoader(context, 'team.byId', async (ids) => new Map((await teams.findByIds(ids)).map((t) => [t.id, t])));
  return loader.load(teamId);
};
