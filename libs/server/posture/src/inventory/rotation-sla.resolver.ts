import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentAccess, CurrentTeamScope, Roles, teamFilter, type OrgAccess, type TeamScope } from '@postureboard/server-auth';
import type { LoaderContext } from '@postureboard/server-core';
import { TeamRepository } from '@postureboard/server-database';
import { TeamObject } from '../common/team.object.js';
import { INVENTORY_READERS } from '../settings/access-roles.js';
import { loadTeam } from '../settings/team.loader.js';
import { CredentialInventoryService } from './credential-inventory.service.js';
import { BurndownPointObject, TeamRotationSlaObject } from './dtos/rotation-sla.object.js';
import { inventoryGraphql } from './inventory.graphql-error.js';

@Resolver(() => TeamRotationSlaObject)
@Roles(...INVENTORY_READERS)
export class RotationSlaResolver {
  constructor(
    private readonly inventory: CredentialInventoryService,
    private readonly teams: TeamRepository,
  ) {}

  @Query(() => [TeamRotationSlaObject], { description: 'Active credentials per team by SLA status, most overdue first; team null = unowned' })
  rotationSla(@Args('org', { type: () => String }) org: string, @CurrentAccess() access: OrgAccess): Promise<TeamRotationSlaObject[]> {
    return inventoryGraphql(async () => {
      // An engineering lead sees the rows of the teams they lead.
      const scope = teamFilter(access);
      const rows = await this.inventory.rotationSla(org);
      return scope === null ? rows : rows.filter((row) => row.teamId !== null && scope.includes(row.teamId));
    });
  }

  @Query(() => [BurndownPointObject], { description: "Overdue credentials per week, oldest first (an engineering lead's: their teams')" })
  rotationBurndown(
    @Args('org', { type: () => String }) org: string,
    @Args('weeks', { type: () => Int, nullable: true, defaultValue: 26 }) weeks: number | null,
    @CurrentTeamScope() scope: TeamScope,
  ): Promise<BurndownPointObject[]> {
    return inventoryGraphql(() => this.inventory.rotationBurndown(org, weeks ?? 26, new Date(), scope));
  }

  @ResolveField(() => TeamObject, { nullable: true })
  team(@Parent() row: TeamRotationSlaObject, @Context() context: LoaderContext): Promise<TeamObject | null> {
    return loadTeam(context, this.teams, row.teamId);
  }
}
