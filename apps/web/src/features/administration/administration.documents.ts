import { gql } from '../../data-access/graphql-client.js';
import type { MyRolesQuery, MyRolesQueryVariables } from '../../data-access/graphql.generated.js';

export const MY_ROLES_QUERY = gql<MyRolesQuery, MyRolesQueryVariables>(`
  query MyRoles { me { email platformAdmin memberships { organizationSlug role } } }
`);
