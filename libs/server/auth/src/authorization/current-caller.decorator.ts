import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { unauthenticated } from '../auth.error.js';
import { requestAuth } from '../authentication/request-auth.js';
import { DEFAULT_ORG_ARGUMENT, ORG_ARG_METADATA } from './access.decorators.js';
import type { Caller, OrgAccess } from './caller.js';
import { executionTarget } from './execution-target.js';
import { teamScope, type TeamScope } from './team-scope.js';

/** The authenticated caller the guard resolved (for @SignedIn fields and anything that records who acted). */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const target = executionTarget(context);
  const caller = target ? requestAuth(target.req).resolvedCaller : null;
  if (!caller) throw unauthenticated();
  return caller;
});

/**
 * The caller's access in the organization named by the org argument: organization id, role and, for an
 * ENGINEERING_LEAD, the teams they lead. Pass it to `teamFilter` / `assertTeamAccess`.
 */
export const CurrentAccess = createParamDecorator((_data: unknown, context: ExecutionContext): OrgAccess => accessOf(context));

/**
 * How far across teams the caller reaches in the organization named by the org argument, derived from the
 * access the guard resolved for this request. Every field returning findings or people takes it and hands
 * it to `withinTeamScope` (or narrows its query by it).
 */
export const CurrentTeamScope = createParamDecorator((_data: unknown, context: ExecutionContext): TeamScope => teamScope(accessOf(context)));

function accessOf(context: ExecutionContext): OrgAccess {
  const target = executionTarget(context);
  const argument =
    (Reflect.getMetadata(ORG_ARG_METADATA, context.getHandler()) as string | undefined) ??
    (Reflect.getMetadata(ORG_ARG_METADATA, context.getClass()) as string | undefined) ??
    DEFAULT_ORG_ARGUMENT;
  const slug = target?.args[argument];
  const access = target && typeof slug === 'string' ? requestAuth(target.req).access.get(slug) : undefined;
  if (!access) throw unauthenticated('No organization access resolved for this field');
  return access;
}
