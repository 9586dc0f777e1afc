import { Role } from '@postureboard/server-auth';

/**
 * Who sees board reports. A report covers the whole organisation, so a team-scoped ENGINEERING_LEAD
 * does not; readers (AUDITOR, BOARD_VIEWER) read, and the auth policy keeps them from generating.
 */
export const REPORT_ROLES = [Role.ADMIN, Role.CISO, Role.ANALYST, Role.AUDITOR, Role.BOARD_VIEWER] as const;
