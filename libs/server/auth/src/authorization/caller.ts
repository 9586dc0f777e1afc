import type { Role } from '../roles/role.js';

interface CallerBase {
  userId: string;
  email: string;
  /** The bootstrap admin: ADMIN of every organization, including ones created later. */
  platformAdmin: boolean;
}

/** Signed in through the web app: an access-token cookie naming a live session. */
export interface SessionCaller extends CallerBase {
  kind: 'session';
  sessionId: string;
}

/** Automation with `Authorization: Bearer pbt_...`: confined to one organization and role. */
export interface ApiTokenCaller extends CallerBase {
  kind: 'api-token';
  tokenId: string;
  organizationId: string;
  organizationSlug: string;
  role: Role;
  /** The teams its holder leads there (for an ENGINEERING_LEAD token), read with the token. */
  teamIds: readonly string[];
}

export type Caller = SessionCaller | ApiTokenCaller;

/** What the caller may do in the organization named by the request, as resolved by the guard. */
export interface OrgAccess {
  organizationId: string;
  slug: string;
  role: Role;
  /** Teams an ENGINEERING_LEAD leads; empty for other roles. */
  teamIds: readonly string[];
}

/** How an audit entry names who acted. */
export const describeCaller = (caller: Caller): string =>
  caller.kind === 'api-token' ? `${caller.email} (API token ${caller.tokenId})` : caller.email;
