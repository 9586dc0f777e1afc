import { gql } from '../../data-access/graphql-client.js';
import type { OrganizationAccessQuery, OrganizationAccessQueryVariables } from '../../data-access/graphql.generated.js';

export type OrganizationAccessView = OrganizationAccessQuery['organizationAccess'];

/** What the caller may do in the organization shown: the server decides it from the declarations it enforces. */
export const ORGANIZATION_ACCESS_QUERY = gql<OrganizationAccessQuery, OrganizationAccessQueryVariables>(`
  query OrganizationAccess($org: String!) {
    organizationAccess(org: $org) { organizationSlug role teamIds teamScoped operations }
  }
`);
