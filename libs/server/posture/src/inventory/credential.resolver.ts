import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentAccess, Roles, teamFilter, type OrgAccess } from '@postureboard/server-auth';
import type { LoaderContext } from '@postureboard/server-core';
import { TeamRepository } from '@postureboard/server-database';
import { TeamObject } from '../common/team.object.js';
import { INVENTORY_READERS } from '../settings/access-roles.js';
import { loadTeam } from '../settings/team.loader.js';
import { CredentialInventoryService } from './credential-inventory.service.js';
import { CredentialConnectionObject, CredentialFilterInput, CredentialObject } from './dtos/credential.object.js';
import { inventoryGraphql } from './inventory.graphql-error.js';

@Resolver(() => CredentialObject)
@Roles(...INVENTORY_READERS)
export class CredentialResolver {
  constructor(
    private readonly inventory: CredentialInventoryService,
    private readonly teams: TeamRepository,
  ) {}

  @Query(() => CredentialConnectionObject, { description: 'Credentials with their rotation SLA, most urgent first (active by due date, then inactive)' })
  credentials(
    @Args('org', { type: () => String }) org: string,
    @Args('filter', { type: () => CredentialFilterInput, nullable: true }) filter: CredentialFilterInput | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100 }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @CurrentAccess() access: OrgAccess,
  ): Promise<CredentialConnectionObject> {
    return inventoryGraphql(async () => {
      // An engineering lead sees only the credentials of the teams they lead.
      const scope = teamFilter(access);
      const page = await this.inventory.credentials(org, { ...filter, teamScope: scope ?? undefined }, first ?? 100, after);
      return {
        edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: edge.credential })),
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
        totalCount: page.totalCount,
      };
    });
  }

  @ResolveField(() => TeamObject, { nullable: true, description: "The team answering for it: the credential's own, else its owner's" })
  team(@Parent() credential: CredentialObject, @Context() context: LoaderContext): Promise<TeamObject | null> {
    return loadTeam(context, this.teams, credential.teamId);
  }
}
