import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Authenticator } from '../authentication/authenticator.service.js';
import { requestAuth } from '../authentication/request-auth.js';
import { MembershipRepository } from '../repositories/membership.repository.js';
import { ACCESS_METADATA, type DeclaredAccess, DEFAULT_ORG_ARGUMENT, ORG_ARG_METADATA } from './access.decorators.js';
import { decideAccess, effectiveAccess } from './access-policy.js';
import type { Caller, OrgAccess } from './caller.js';
import { executionTarget } from './execution-target.js';

/**
 * The one authorization check, registered globally (APP_GUARD): every GraphQL root field and every
 * HTTP route passes through it, whether or not its author remembered to ask.
 */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly memberships: MembershipRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const target = executionTarget(context);
    if (!target) return true;
    const handlers = [context.getHandler(), context.getClass()];
    const declared = this.reflector.getAllAndOverride<DeclaredAccess | undefined>(ACCESS_METADATA, handlers);
    const orgArgument = this.reflector.getAllAndOverride<string | undefined>(ORG_ARG_METADATA, handlers) ?? DEFAULT_ORG_ARGUMENT;
    const caller = declared?.kind === 'public' ? null : await this.authenticator.authenticate(target.req);
    const rawSlug = target.hasArgument(orgArgument) ? target.args[orgArgument] : undefined;
    const orgSlug = rawSlug === undefined ? undefined : typeof rawSlug === 'string' ? rawSlug : '';
    const access = caller && orgSlug ? await this.accessIn(caller, orgSlug, target.req) : null;
    const decision = decideAccess({ declared, operation: target.operation, caller, orgSlug, access });
    if (!decision.allowed) throw decision.error;
    // The Passport convention (`req.user`), for code that records who acted without importing this module.
    if (caller) Object.assign(target.req, { user: { id: caller.userId, email: caller.email } });
    return true;
  }

  /** The caller's access in the organization, looked up once per request (root fields are checked at once). */
  private accessIn(caller: Caller, slug: string, req: object): Promise<OrgAccess | null> {
    const auth = requestAuth(req);
    let lookup = auth.accessLookups.get(slug);
    if (!lookup) {
      lookup = this.lookUpAccess(caller, slug).then((access) => {
        if (access) auth.access.set(slug, access);
        return access;
      });
      auth.accessLookups.set(slug, lookup);
    }
    return lookup;
  }

  private async lookUpAccess(caller: Caller, slug: string): Promise<OrgAccess | null> {
    if (caller.kind === 'api-token') {
      // A token reaches only its own organisation, and its holder's standing there was read with the token.
      if (caller.organizationSlug !== slug) return null;
      return effectiveAccess(caller, { id: caller.organizationId, slug }, null);
    }
    const found = await this.memberships.findBySlug(caller.userId, slug);
    return found ? effectiveAccess(caller, found.organization, found.membership) : null;
  }
}
