import { Role } from '../../data-access/graphql.generated.js';
import type { RoleName } from '../administration/admin-access.js';
import { useOrgRole } from '../administration/use-org-role.js';

/** The roles the server lets change findings (FINDING_WRITERS in libs/server/posture); the rest read only. */
const FINDING_WRITERS: readonly RoleName[] = [Role.ADMIN, Role.CISO, Role.ENGINEERING_LEAD, Role.ANALYST];

/** Whether the app offers the findings workflow's actions; the server checks role and team scope anyway. */
export function useFindingWriter(): boolean {
  const { role } = useOrgRole();
  return role !== null && FINDING_WRITERS.includes(role);
}
