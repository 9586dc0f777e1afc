import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentTeamScope, Roles, type TeamScope } from '@postureboard/server-auth';
import type { LoaderContext } from '@postureboard/server-core';
import { TeamRepository } from '@postureboard/server-database';
import { TeamObject } from '../common/team.object.js';
import { INVENTORY_READERS } from '../settings/access-roles.js';
import { loadTeam } from '../settings/team.loader.js';
import { TeamBurndownObject } from './dtos/rotation-sla.object.js';
import { inventoryGraphql } from './inventory.graphql-error.js';
import { TeamBurndownService } from './team-burndown.service.js';

@Resolver(() => TeamBurndownObject)
@Roles(...INVENTORY_READERS)
export class TeamBurndownResolver {
  constructor(
    private readonly burndowns: TeamBurndownService,
    private readonly teams: TeamRepository,
  ) {}

  @Query(() => [TeamBurndownObject], {
    description: "Each team's overdue credentials per week with its target line, the most overdue first (an engineering lead's: their teams)",
  })
  teamBurndowns(
    @Args('org', { type: () => String }) org: string,
    @Args('weeks', { type: () => Int, nullable: true, defaultValue: 26 }) weeks: number | null,
    @CurrentTeamScope() scope: TeamScope,
  ): Promise<TeamBurndownObject[]> {
    return inventoryGraphql(() => this.burndowns.teamBurndowns(org, weeks ?? 26, new Date(), scope));
  }

  @ResolveField(() => TeamObject)
  async team(@Parent() row: TeamBurndownObject, @Context() context: LoaderContext): Promise<TeamObject> {
    const team = await loadTeam(context, this.teams, row.teamId);
    if (!team) throw new Error(`Team ${row.teamId} vanished while its burn-down was read`);
    return team;
  }
}
