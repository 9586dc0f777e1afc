import { Query, Resolver } from '@nestjs/graphql';
import { SignedIn } from '../authorization/access.decorators.js';
import type { Caller } from '../authorization/caller.js';
import { CurrentCaller } from '../authorization/current-caller.decorator.js';
import { UserObject } from '../dtos/user.object.js';
import { UserService } from '../users/user.service.js';

@Resolver(() => UserObject)
@SignedIn()
export class MeResolver {
  constructor(private readonly users: UserService) {}

  @Query(() => UserObject, { description: 'The signed-in user and the organizations they can see' })
  async me(@CurrentCaller() caller: Caller): Promise<UserObject> {
    const organizations = await this.users.visibleOrganizations(caller);
    return {
      id: caller.userId,
      email: caller.email,
      platformAdmin: caller.kind === 'session' && caller.platformAdmin,
      authenticatedBy: caller.kind === 'session' ? 'SESSION' : 'API_TOKEN',
      memberships: organizations.map((o) => ({ organizationSlug: o.slug, organizationName: o.name, role: o.role, teamIds: [...o.teamIds] })),
    };
  }
}
