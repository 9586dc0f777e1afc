import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Authenticator } from '../authentication/authenticator.service.js';
import { ACCESS_METADATA, type DeclaredAccess, DEFAULT_ORG_ARGUMENT, ORG_ARG_METADATA } from './access.decorators.js';
import { decideAccess } from './access-policy.js';
import { CallerAccess } from './caller-access.service.js';
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
    private readonly callerAccess: CallerAccess,
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
    const access = caller && orgSlug ? await this.callerAccess.in(caller, orgSlug, target.req) : null;
    const decision = decideAccess({ declared, operation: target.operation, caller, orgSlug, access });
    if (!decision.allowed) throw decision.error;
    // The Passport convention (`req.user`), for code that records who acted without importing this module.
    if (caller) Object.assign(target.req, { user: { id: caller.userId, email: caller.email } });
    return true;
  }
}
