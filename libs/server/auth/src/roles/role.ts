import { registerEnumType } from '@nestjs/graphql';

/** A user's role in one organization. */
export enum Role {
  ADMIN = 'ADMIN',
  CISO = 'CISO',
  /** Limited to the teams they lead (membership team ids) where a resolver scopes by team. */
  ENGINEERING_LEAD = 'ENGINEERING_LEAD',
  ANALYST = 'ANALYST',
  /** Read-only, evidence export. */
  AUDITOR = 'AUDITOR',
  /** Overview and reports only; never mutates. */
  BOARD_VIEWER = 'BOARD_VIEWER',
}

registerEnumType(Role, { name: 'Role', description: "A user's role in one organization" });

export const ALL_ROLES: readonly Role[] = Object.values(Role);

/** Roles that may change anything. AUDITOR and BOARD_VIEWER never mutate, whatever a resolver declares. */
export const WRITER_ROLES: readonly Role[] = [Role.ADMIN, Role.CISO, Role.ENGINEERING_LEAD, Role.ANALYST];

export const isRole = (value: string): value is Role => (ALL_ROLES as readonly string[]).includes(value);

export const mayWrite = (role: Role): boolean => WRITER_ROLES.includes(role);

/**
 * Which roles a member may hand to an API token: never more than they hold. Roles are not a ladder
 * (an AUDITOR is not "less" than an ENGINEERING_LEAD), so each role lists what it contains.
 */
const DELEGABLE: Record<Role, readonly Role[]> = {
  [Role.ADMIN]: ALL_ROLES,
  [Role.CISO]: [Role.CISO, Role.ANALYST, Role.AUDITOR, Role.BOARD_VIEWER],
  [Role.ENGINEERING_LEAD]: [Role.ENGINEERING_LEAD, Role.BOARD_VIEWER],
  [Role.ANALYST]: [Role.ANALYST, Role.BOARD_VIEWER],
  [Role.AUDITOR]: [Role.AUDITOR, Role.BOARD_VIEWER],
  [Role.BOARD_VIEWER]: [Role.BOARD_VIEWER],
};

export const canDelegate = (held: Role, requested: Role): boolean => DELEGABLE[held].includes(requested);
