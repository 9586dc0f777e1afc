import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AuthError, AuthErrorCode, forbidden } from '../auth.error.js';
import { actorFromCaller } from '../audit/audit-actor.js';
import { ALL_ROLES, Role, WRITER_ROLES } from '../roles/role.js';
import { Roles } from '../authorization/access.decorators.js';
import type { Caller, OrgAccess } from '../authorization/caller.js';
import { CurrentAccess, CurrentCaller } from '../authorization/current-caller.decorator.js';
import { ApiTokenObject, IssuedApiTokenObject, IssueApiTokenInput } from '../dtos/api-token.object.js';
import type { ApiTokenRecord } from '../repositories/api-token.repository.js';
import { ApiTokenService } from '../tokens/api-token.service.js';

const toObject = (t: ApiTokenRecord): ApiTokenObject => ({
  id: t.id,
  name: t.name,
  holderEmail: t.userEmail,
  role: t.role,
  prefix: t.tokenPrefix,
  createdAt: t.createdAt,
  expiresAt: t.expiresAt,
  revokedAt: t.revokedAt,
  lastUsedAt: t.lastUsedAt,
});

/** An ADMIN manages every token of the organization; everyone else only their own. */
@Resolver(() => ApiTokenObject)
export class ApiTokenResolver {
  constructor(private readonly tokens: ApiTokenService) {}

  @Query(() => [ApiTokenObject])
  @Roles(...ALL_ROLES)
  async apiTokens(@Args('org', { type: () => String }) _org: string, @CurrentAccess() access: OrgAccess, @CurrentCaller() caller: Caller): Promise<ApiTokenObject[]> {
    const tokens = await this.tokens.list(access.organizationId, access.role === Role.ADMIN ? null : caller.userId);
    return tokens.map(toObject);
  }

  @Mutation(() => IssuedApiTokenObject, { description: 'Issues a token for yourself in this organization' })
  @Roles(...WRITER_ROLES)
  async issueApiToken(
    @Args('org', { type: () => String }) org: string,
    @Args('input', { type: () => IssueApiTokenInput }) input: IssueApiTokenInput,
    @CurrentCaller() caller: Caller,
  ): Promise<IssuedApiTokenObject> {
    // A token must not mint tokens: that would let automation outlive the expiry it was given.
    if (caller.kind !== 'session') throw forbidden('API tokens are issued from a signed-in session');
    if (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1 || input.expiresInDays > 365) {
      throw new AuthError(AuthErrorCode.INVALID_INPUT, 'expiresInDays must be between 1 and 365');
    }
    const issued = await this.tokens.issue({
      email: caller.email,
      organizationSlug: org,
      role: input.role,
      expiresIn: `${input.expiresInDays}d`,
      name: input.name,
      actor: actorFromCaller(caller),
    });
    return { token: issued.token, apiToken: toObject(issued.record) };
  }

  @Mutation(() => ApiTokenObject)
  @Roles(...WRITER_ROLES)
  async revokeApiToken(
    @Args('org', { type: () => String }) _org: string,
    @Args('id', { type: () => ID }) id: string,
    @CurrentAccess() access: OrgAccess,
    @CurrentCaller() caller: Caller,
  ): Promise<ApiTokenObject> {
    const revoked = await this.tokens.revoke({
      id,
      actor: actorFromCaller(caller),
      organizationId: access.organizationId,
      onlyHeldBy: access.role === Role.ADMIN ? undefined : caller.userId,
    });
    return toObject(revoked);
  }
}
