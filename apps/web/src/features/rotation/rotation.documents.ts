import { gql } from '../../data-access/graphql-client.js';
import type { BurndownPoint, Connection, Credential, CredentialFilter, Team, TeamRotationSla } from '../../data-access/schema.types.js';

export const ROTATION_BOARD_QUERY = gql<{ rotationSla: TeamRotationSla[]; rotationBurndown: BurndownPoint[]; teams: Team[] }, { org: string }>(`
  query RotationBoard($org: String!) {
    rotationSla(org: $org) { team { id name leadEmail } withinPolicy dueSoon overdue maxDaysOverdue oldestKeyAgeDays }
    rotationBurndown(org: $org, weeks: 26) { weekOf overdue }
    teams(org: $org) { id name leadEmail }
  }
`);

export const CREDENTIALS_QUERY = gql<{ credentials: Connection<Credential> }, { org: string; filter: CredentialFilter; first: number; after?: string | null }>(`
  query RotationCredentials($org: String!, $filter: CredentialFilter, $first: Int, $after: String) {
    credentials(org: $org, filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id kind name externalId source environment algorithm status ageDays createdAt lastRotatedAt expiresAt lastUsedAt
          slaStatus dueAt daysOverdue policyMaxAgeDays owner
          team { id name leadEmail }
        }
      }
    }
  }
`);
