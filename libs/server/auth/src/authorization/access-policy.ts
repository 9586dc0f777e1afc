import { type AuthError, forbidden, unauthenticated } from '../auth.error.js';
import { ALL_ROLES, mayWrite, Role, WRITER_ROLES } from '../roles/role.js';
import type { DeclaredAccess } from './access.decorators.js';
import type { Caller, OrgAccess } from './caller.js';

export type Operation = 'read' | 'write';

export type AccessDecision = { allowed: true; access: OrgAccess | null } | { allowed: false; error: AuthError };

export interface AccessRequest {
  declared: DeclaredAccess | undefined;
  operation: Operation;
  caller: Caller | null;
  /** The slug from the org argument; undefined when the field or route has no such argument. */
  orgSlug: string | undefined;
  /** The caller's effective access in that organization (null: none, or no such organization). */
  access: OrgAccess | null;
}

const allow = (access: OrgAccess | null = null): AccessDecision => ({ allowed: true, access });
const deny = (error: AuthError): AccessDecision => ({ allowed: false, error });

/** Roles allowed for an operation: the declared ones (or everyone for reads, writers for writes), never a reader on a write. */
export function allowedRoles(declared: readonly Role[] | undefined, operation: Operation): readonly Role[] {
  const roles = declared ?? (operation === 'write' ? WRITER_ROLES : ALL_ROLES);
  return operation === 'write' ? roles.filter(mayWrite) : roles;
}

/**
 * The whole authorization rule in one pure function. Fields that declare nothing still get the safe
 * default: with an org argument, membership (writers for mutations); without one, the platform admin only.
 */
export function decideAccess(request: AccessRequest): AccessDecision {
  const { declared, caller } = request;
  if (declared?.kind === 'public') return allow();
  if (!caller) return deny(unauthenticated());
  if (declared?.kind === 'signed-in') return allow();
  if (declared?.kind === 'platform-admin') return platformAdminOnly(caller);
  if (request.orgSlug === undefined) {
    return declared?.kind === 'roles' ? deny(forbidden('This operation declares roles but takes no organization argument')) : platformAdminOnly(caller);
  }
  if (!request.access) return deny(forbidden());
  const roles = allowedRoles(declared?.roles, request.operation);
  return roles.includes(request.access.role) ? allow(request.access) : deny(forbidden(`Your role (${request.access.role}) may not do this`));
}

const platformAdminOnly = (caller: Caller): AccessDecision =>
  caller.kind === 'session' && caller.platformAdmin ? allow() : deny(forbidden());

/**
 * The caller's effective access in an organization. API tokens are confined to their organization and
 * role; the platform admin is ADMIN everywhere; everyone else has their membership, if any.
 */
export function effectiveAccess(
  caller: Caller,
  organization: { id: string; slug: string },
  membership: { role: Role; teamIds: readonly string[] } | null,
): OrgAccess | null {
  const base = { organizationId: organization.id, slug: organization.slug };
  if (caller.kind === 'api-token') {
    return caller.organizationId === organization.id ? { ...base, role: caller.role, teamIds: caller.teamIds } : null;
  }
  if (membership) return { ...base, role: membership.role, teamIds: membership.teamIds };
  return caller.platformAdmin ? { ...base, role: Role.ADMIN, teamIds: [] } : null;
}

/**
 * The operations a caller may use in an organization, decided by the same rule the guard applies to each
 * call (`decideAccess`): what the web app offers is what the server would serve, from one declaration.
 */
export function allowedOperations(
  operations: readonly { name: string; operation: Operation; declared: DeclaredAccess | undefined }[],
  caller: Caller,
  access: OrgAccess,
): string[] {
  return operations.filter((o) => decideAccess({ declared: o.declared, operation: o.operation, caller, orgSlug: access.slug, access }).allowed).map((o) => o.name).sort();
}
