import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { actorFromCaller } from '../audit/audit-actor.js';
import { SignedIn } from '../authorization/access.decorators.js';
import type { Caller } from '../authorization/caller.js';
import { CurrentCaller } from '../authorization/current-caller.decorator.js';
import { NotificationPreferencesObject, UserObject } from '../dtos/user.object.js';
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

  @Query(() => NotificationPreferencesObject, { description: 'The signed-in user’s own notification preferences' })
  myNotificationPreferences(@CurrentCaller() caller: Caller): Promise<NotificationPreferencesObject> {
    return this.users.notificationPreferences(caller.userId);
  }

  @Mutation(() => NotificationPreferencesObject, {
    description: 'Sets the signed-in user’s own notification preferences: `language` en or ko (null: each channel’s; omitted: unchanged), `digestOptOut`',
  })
  async setMyNotificationPreferences(
    @CurrentCaller() caller: Caller,
    @Args('language', { type: () => String, nullable: true }) language: string | null | undefined,
    @Args('digestOptOut', { type: () => Boolean, nullable: true }) digestOptOut: boolean | null | undefined,
  ): Promise<NotificationPreferencesObject> {
    const saved = await this.users.setNotificationPreferences({
      user: { id: caller.userId },
      // Omitted: unchanged; null: back to each channel's language.
      language,
      digestOptOut: digestOptOut ?? undefined,
      actor: actorFromCaller(caller),
    });
    return { language: saved.language, digestOptOut: saved.digestOptOut };
  }
}
