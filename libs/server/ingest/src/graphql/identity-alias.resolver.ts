import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentTeamScope, Role, Roles, withinTeamScope, type TeamScope } from '@postureboard/server-auth';
import { type AliasChange, IdentityAliasService } from '../alias/identity-alias.service.js';
import { rethrowForGraphQL } from '../ingest.graphql-error.js';
import { IdentityAliasChangeObject, IdentityAliasObject } from './dtos/identity-alias.object.js';
import { INGEST_READERS } from './ingest-run.resolver.js';

const toChange = (change: AliasChange): IdentityAliasChangeObject => ({
  alias: change.alias,
  system: change.system,
  identityId: change.identityId,
  outcome: change.outcome,
  linkedAccounts: change.links.accounts,
  linkedCredentials: change.links.credentials,
});

/** The alias table for the admin screens: the same service as `postureboard alias add|list|remove`. */
@Resolver(() => IdentityAliasObject)
@Roles(...INGEST_READERS)
export class IdentityAliasResolver {
  constructor(private readonly aliases: IdentityAliasService) {}

  @Query(() => [IdentityAliasObject], { description: 'Aliases of people in the organization, by alias' })
  async identityAliases(@Args('org', { type: () => String }) org: string, @CurrentTeamScope() scope: TeamScope): Promise<IdentityAliasObject[]> {
    return withinTeamScope(scope, await this.aliases.list(org).catch(rethrowForGraphQL), (alias) => alias.identityTeamId);
  }

  @Mutation(() => IdentityAliasChangeObject, { description: 'Add an alias of the person with this e-mail or employee number' })
  @Roles(Role.ADMIN)
  async addIdentityAlias(
    @Args('org', { type: () => String }) org: string,
    @Args('identity', { type: () => String, description: 'e-mail or employee number' }) identity: string,
    @Args('alias', { type: () => String }) alias: string,
    @Args('system', { type: () => String, nullable: true }) system: string | null,
  ): Promise<IdentityAliasChangeObject> {
    return toChange(await this.aliases.add(org, { identity, alias, system }).catch(rethrowForGraphQL));
  }

  @Mutation(() => IdentityAliasChangeObject, { description: 'Remove an alias; links only it made are undone' })
  @Roles(Role.ADMIN)
  async removeIdentityAlias(
    @Args('org', { type: () => String }) org: string,
    @Args('alias', { type: () => String }) alias: string,
    @Args('system', { type: () => String, nullable: true }) system: string | null,
  ): Promise<IdentityAliasChangeObject> {
    return toChange(await this.aliases.remove(org, { alias, system }).catch(rethrowForGraphQL));
  }
}
