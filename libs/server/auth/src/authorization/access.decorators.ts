import { SetMetadata } from '@nestjs/common';
import type { Role } from '../roles/role.js';

export const ACCESS_METADATA = 'postureboard:access';
export const ORG_ARG_METADATA = 'postureboard:org-argument';
export const SKIP_AUDIT_METADATA = 'postureboard:skip-audit';
export const DEFAULT_ORG_ARGUMENT = 'org';

/** What a resolver or route declares; the global AuthorizationGuard enforces it. */
export type DeclaredAccess =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | { kind: 'platform-admin' }
  | { kind: 'roles'; roles: readonly Role[] };

/** No sign-in needed (sign-in itself, health checks). */
export const Public = () => SetMetadata(ACCESS_METADATA, { kind: 'public' } satisfies DeclaredAccess);

/**
 * Any signed-in caller, with no organization argument: the resolver itself must confine what it returns
 * to the caller (e.g. `me`, the caller's own organizations).
 */
export const SignedIn = () => SetMetadata(ACCESS_METADATA, { kind: 'signed-in' } satisfies DeclaredAccess);

/** Only the platform administrator (signed in, not through an API token), e.g. creating organizations. */
export const PlatformAdmin = () => SetMetadata(ACCESS_METADATA, { kind: 'platform-admin' } satisfies DeclaredAccess);

/**
 * The caller needs one of these roles in the organization named by the `org` argument (see @OrgArg).
 * On a mutation, AUDITOR and BOARD_VIEWER are dropped from the list: they never write.
 * Put it on the resolver class for every field, on a method to override.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS_METADATA, { kind: 'roles', roles } satisfies DeclaredAccess);

/** The argument (GraphQL) or route/query parameter (HTTP) carrying the organization slug; default `org`. */
export const OrgArg = (name: string) => SetMetadata(ORG_ARG_METADATA, name);

/** For handlers that write their own, richer audit entries (sign-in, sign-out). */
export const SkipAudit = () => SetMetadata(SKIP_AUDIT_METADATA, true);
