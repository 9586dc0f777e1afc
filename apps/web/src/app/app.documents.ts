import { gql } from '../data-access/graphql-client.js';
import type { CurrentUserQuery, CurrentUserQueryVariables, OrganizationsQuery, OrganizationsQueryVariables } from '../data-access/graphql.generated.js';

export type OrganizationView = OrganizationsQuery['organizations'][number];
export type CurrentUserView = CurrentUserQuery;

export const ORGANIZATIONS_QUERY = gql<OrganizationsQuery, OrganizationsQueryVariables>(`
  query Organizations { organizations { id slug name approvedCountries currency } }
`);

export const CURRENT_USER_QUERY = gql<CurrentUserQuery, CurrentUserQueryVariables>(`query CurrentUser { me { email } }`);
