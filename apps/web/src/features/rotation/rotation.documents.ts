import { gql } from '../../data-access/graphql-client.js';
import type {
  RotationBoardQuery,
  SetTeamRotationTargetMutation,
  SetTeamRotationTargetMutationVariables,
  RotationBoardQueryVariables,
  RotationCredentialsQuery,
  RotationCredentialsQueryVariables,
} from '../../data-access/graphql.generated.js';

export type TeamRotationSlaView = RotationBoardQuery['rotationSla'][number];
export type BurndownPointView = RotationBoardQuery['rotationBurndown'][number];
export type TeamBurndownView = RotationBoardQuery['teamBurndowns'][number];
export type CredentialRow = RotationCredentialsQuery['credentials']['edges'][number]['node'];

export const ROTATION_BOARD_QUERY = gql<RotationBoardQuery, RotationBoardQueryVariables>(`
  query RotationBoard($org: String!) {
    rotationSla(org: $org) { team { id name leadEmail } withinPolicy dueSoon overdue maxDaysOverdue oldestKeyAgeDays }
    rotationBurndown(org: $org, weeks: 26) { weekOf overdue }
    teamBurndowns(org: $org, weeks: 26) { team { id name } targetDate targetIsDefault keysBehindTarget points { weekOf overdue target } }
    teams(org: $org) { id name leadEmail }
  }
`);

export const CREDENTIALS_QUERY = gql<RotationCredentialsQuery, RotationCredentialsQueryVariables>(`
  query RotationCredentials($org: String!, $filter: CredentialFilter, $first: Int, $after: String) {
    credentials(org: $org, filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id kind name externalId source environment algorithm status ageDays createdAt lastRotatedAt expiresAt lastUsedAt useObserved
          slaStatus dueAt daysOverdue policyMaxAgeDays owner
          team { id name leadEmail }
        }
      }
    }
  }
`);

export const SET_TEAM_ROTATION_TARGET = gql<SetTeamRotationTargetMutation, SetTeamRotationTargetMutationVariables>(`
  mutation SetTeamRotationTarget($org: String!, $teamId: ID!, $targetDate: String) {
    setTeamRotationTarget(org: $org, teamId: $teamId, targetDate: $targetDate) { id rotationTargetDate }
  }
`);
