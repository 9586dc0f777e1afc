import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { CurrentTeamScope, Roles, withinTeamScope, type TeamScope } from '@postureboard/server-auth';
import { INVENTORY_READERS } from '../settings/access-roles.js';
import { CrossBorderService } from './cross-border.service.js';
import { CrossBorderAccessObject } from './dtos/cross-border.object.js';
import { LeaverObject } from './dtos/leaver.object.js';
import { inventoryGraphql } from './inventory.graphql-error.js';
import { LeaverService } from './leaver.service.js';

@Resolver()
@Roles(...INVENTORY_READERS)
export class AccessResolver {
  constructor(
    private readonly leaverService: LeaverService,
    private readonly crossBorder: CrossBorderService,
  ) {}

  @Query(() => [LeaverObject], { description: 'People who left and still hold access; those who used it since first' })
  leavers(@Args('org', { type: () => String }) org: string, @CurrentTeamScope() scope: TeamScope): Promise<LeaverObject[]> {
    return inventoryGraphql(async () => withinTeamScope(scope, await this.leaverService.leavers(org), (leaver) => leaver.teamId));
  }

  @Query(() => CrossBorderAccessObject, { description: 'Access by country, offshore identities and bulk extractions over the last `days` days' })
  crossBorderAccess(
    @Args('org', { type: () => String }) org: string,
    @Args('days', { type: () => Int, nullable: true, defaultValue: 90 }) days: number | null,
    @CurrentTeamScope() scope: TeamScope,
  ): Promise<CrossBorderAccessObject> {
    return inventoryGraphql(() => this.crossBorder.crossBorderAccess(org, days ?? 90, new Date(), scope));
  }
}
