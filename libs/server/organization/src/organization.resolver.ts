import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ALL_ROLES, CurrentCaller, OrgArg, PlatformAdmin, Roles, SignedIn, UserService, type Caller } from '@postureboard/server-auth';
import { CreateOrganizationInput } from './dtos/create-organization.input.js';
import { OrganizationObject } from './dtos/organization.object.js';
import { toGraphQLError } from './organization.graphql-error.js';
import { OrganizationService } from './organization.service.js';

@Resolver(() => OrganizationObject)
export class OrganizationResolver {
  constructor(
    private readonly organizationService: OrganizationService,
    private readonly users: UserService,
  ) {}

  @SignedIn()
  @Query(() => [OrganizationObject], { description: 'Organizations the caller belongs to' })
  async organizations(@CurrentCaller() caller: Caller): Promise<OrganizationObject[]> {
    const visible = new Set((await this.users.visibleOrganizations(caller)).map((o) => o.id));
    return (await this.organizationService.list()).filter((o) => visible.has(o.id));
  }

  @OrgArg('slug')
  @Roles(...ALL_ROLES)
  @Query(() => OrganizationObject)
  async organization(@Args('slug', { type: () => String }) slug: string): Promise<OrganizationObject> {
    return this.organizationService.getBySlug(slug).catch((e: unknown) => Promise.reject(toGraphQLError(e)));
  }

  @PlatformAdmin()
  @Mutation(() => OrganizationObject)
  async createOrganization(@Args('input', { type: () => CreateOrganizationInput }) input: CreateOrganizationInput): Promise<OrganizationObject> {
    return this.organizationService.create(input).catch((e: unknown) => Promise.reject(toGraphQLError(e)));
  }
}
