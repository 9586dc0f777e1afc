import { Injectable } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { declaredOperations, type DeclaredOperation } from '../authorization/access-declarations.js';
import { Roles } from '../authorization/access.decorators.js';
import { allowedOperations } from '../authorization/access-policy.js';
import type { Caller, OrgAccess } from '../authorization/caller.js';
import { CurrentAccess, CurrentCaller } from '../authorization/current-caller.decorator.js';
import { teamScope } from '../authorization/team-scope.js';
import { OrganizationAccessObject } from '../dtos/organization-access.object.js';
import { ALL_ROLES } from '../roles/role.js';

/** The access declarations of the running application, read once from its resolvers and controllers. */
@Injectable()
export class OperationCatalog {
  private operations: DeclaredOperation[] | null = null;

  constructor(private readonly modules: ModulesContainer) {}

  all(): readonly DeclaredOperation[] {
    this.operations ??= declaredOperations(this.modules);
    return this.operations;
  }
}

@Resolver(() => OrganizationAccessObject)
export class OrganizationAccessResolver {
  constructor(private readonly catalog: OperationCatalog) {}

  @Roles(...ALL_ROLES)
  @Query(() => OrganizationAccessObject, {
    description: 'The caller\'s role here and the operations it may use: the web app shows the pages and actions these allow, and no others',
  })
  organizationAccess(
    @Args('org', { type: () => String }) _org: string,
    @CurrentAccess() access: OrgAccess,
    @CurrentCaller() caller: Caller,
  ): OrganizationAccessObject {
    return {
      organizationSlug: access.slug,
      role: access.role,
      teamIds: [...access.teamIds],
      teamScoped: teamScope(access).kind === 'teams',
      operations: allowedOperations(this.catalog.all(), caller, access),
    };
  }
}
