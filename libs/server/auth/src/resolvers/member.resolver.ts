import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { actorFromCaller } from '../audit/audit-actor.js';
import { AuthError, AuthErrorCode } from '../auth.error.js';
import { Roles } from '../authorization/access.decorators.js';
import type { Caller, OrgAccess } from '../authorization/caller.js';
import { CurrentAccess, CurrentCaller } from '../authorization/current-caller.decorator.js';
import { MemberChangeObject, MemberObject } from '../dtos/member.object.js';
import { MembershipRepository } from '../repositories/membership.repository.js';
import { Role } from '../roles/role.js';
import { UserService } from '../users/user.service.js';

/** Who may do what in an organization: its ADMINs decide, as `postureboard user create` does at the command line. */
@Resolver(() => MemberObject)
@Roles(Role.ADMIN)
export class MemberResolver {
  constructor(
    private readonly users: UserService,
    private readonly memberships: MembershipRepository,
  ) {}

  @Query(() => [MemberObject], { description: 'Everyone with a role in the organization' })
  async members(@Args('org', { type: () => String }) _org: string, @CurrentAccess() access: OrgAccess): Promise<MemberObject[]> {
    return this.memberships.listForOrganization(access.organizationId);
  }

  @Mutation(() => MemberChangeObject, {
    description: "Gives a user a role here (creating the user when the e-mail is new, with a first password shown once); `teams`: names or ids an ENGINEERING_LEAD leads",
  })
  async setMember(
    @Args('org', { type: () => String }) org: string,
    @Args('email', { type: () => String }) email: string,
    @Args('role', { type: () => Role }) role: Role,
    @Args('teams', { type: () => [String], nullable: true }) teams: string[] | null,
    @CurrentAccess() access: OrgAccess,
    @CurrentCaller() caller: Caller,
  ): Promise<MemberChangeObject> {
    // An admin demoting themselves could leave the organization with nobody to undo it.
    if (email.trim().toLowerCase() === caller.email.toLowerCase() && role !== Role.ADMIN) {
      throw new AuthError(AuthErrorCode.INVALID_INPUT, 'You cannot change your own role; ask another admin');
    }
    const created = await this.users.create({ email, organizationSlug: org, role, teams: teams ?? [], actor: actorFromCaller(caller) });
    const member = (await this.memberships.listForOrganization(access.organizationId)).find((m) => m.userId === created.user.id);
    if (!member) throw new AuthError(AuthErrorCode.NOT_FOUND, `${created.user.email} is not a member of ${org}`);
    return { member, generatedPassword: created.generatedPassword };
  }
}
