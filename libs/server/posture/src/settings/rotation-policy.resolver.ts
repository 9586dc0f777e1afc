import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Roles } from '@postureboard/server-auth';
import type { LoaderContext } from '@postureboard/server-core';
import { TeamRepository } from '@postureboard/server-database';
import { TeamObject } from '../common/team.object.js';
import { RotationPolicyInputObject, RotationPolicyObject } from './dtos/rotation-policy.object.js';
import { INVENTORY_READERS, SETTINGS_WRITERS } from './access-roles.js';
import { RotationPolicyService, type RotationPolicyView } from './rotation-policy.service.js';
import { settingsGraphql } from './settings.graphql-error.js';
import { loadTeam } from './team.loader.js';

const toObject = (view: RotationPolicyView): RotationPolicyObject => ({
  id: view.id,
  credentialKind: view.kind,
  environment: view.environment,
  maxAgeDays: view.maxAgeDays,
  warningDays: view.warningDays,
  graceDays: view.graceDays,
  isDefault: view.isDefault,
  source: view.source,
  teamId: view.teamId,
});

@Resolver(() => RotationPolicyObject)
@Roles(...SETTINGS_WRITERS)
export class RotationPolicyResolver {
  constructor(
    private readonly policies: RotationPolicyService,
    private readonly teams: TeamRepository,
  ) {}

  @Query(() => [RotationPolicyObject], { description: 'The effective matrix (defaults with their sources, organization overrides), then team overrides' })
  @Roles(...INVENTORY_READERS)
  rotationPolicies(@Args('org', { type: () => String }) org: string): Promise<RotationPolicyObject[]> {
    return settingsGraphql(async () => (await this.policies.matrix(org)).map(toObject));
  }

  @Mutation(() => RotationPolicyObject, { description: 'Override the policy for a kind and environment, organization-wide or for one team' })
  setRotationPolicy(
    @Args('org', { type: () => String }) org: string,
    @Args('input', { type: () => RotationPolicyInputObject }) input: RotationPolicyInputObject,
  ): Promise<RotationPolicyObject> {
    return settingsGraphql(async () => toObject(await this.policies.set(org, { ...input, kind: input.credentialKind })));
  }

  @ResolveField(() => TeamObject, { nullable: true })
  team(@Parent() policy: RotationPolicyObject, @Context() context: LoaderContext): Promise<TeamObject | null> {
    return loadTeam(context, this.teams, policy.teamId);
  }
}
