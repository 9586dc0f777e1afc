import { useOrganization } from '../../app/organization.context.js';
import { Role } from '../../data-access/graphql.generated.js';
import { useQuery } from '../../data-access/use-query.js';
import type { RoleName } from './admin-access.js';
import { MY_ROLES_QUERY } from './administration.documents.js';

/**
 * The caller's role in the organization the app is showing: their membership there, else ADMIN for the
 * platform admin (as the server decides in UserService.visibleOrganizations); null while unknown.
 */
export function useOrgRole(): { role: RoleName | null; email: string | null; loading: boolean } {
  const { slug } = useOrganization();
  const { data, loading } = useQuery(MY_ROLES_QUERY, {});
  if (!data) return { role: null, email: null, loading };
  const membership = data.me.memberships.find((m) => m.organizationSlug === slug);
  const role = membership?.role ?? (data.me.platformAdmin ? Role.ADMIN : null);
  return { role, email: data.me.email, loading: false };
}
