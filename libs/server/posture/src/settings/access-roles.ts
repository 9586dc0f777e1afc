import { ALL_ROLES, Role } from '@postureboard/server-auth';

/** Everyone who works with the inventory; the board sees the overview and reports, not key lists. */
export const INVENTORY_READERS: Role[] = ALL_ROLES.filter((role) => role !== Role.BOARD_VIEWER);

/** Everyone in the organization. */
export const ANY_MEMBER: Role[] = [...ALL_ROLES];

/** Who changes organization-wide settings (teams, policies, approved countries, budgets). */
export const SETTINGS_WRITERS: Role[] = [Role.ADMIN, Role.CISO];
