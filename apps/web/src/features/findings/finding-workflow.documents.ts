import { gql } from '../../data-access/graphql-client.js';
import type {
  AddFindingCommentMutation,
  AddFindingCommentMutationVariables,
  AssignFindingMutation,
  AssignFindingMutationVariables,
  BulkUpdateFindingsMutation,
  BulkUpdateFindingsMutationVariables,
  FindingAssigneesQuery,
  FindingAssigneesQueryVariables,
} from '../../data-access/graphql.generated.js';

/** The workflow around a finding, in every list and detail: who works on it, and whether it is late. */
export const FINDING_WORKFLOW_FIELDS = /* GraphQL */ `
  fragment FindingWorkflowFields on Finding {
    overdue daysOverdue falsePositiveUntil falsePositiveReason
    assignee { id email displayName }
  }
`;

export const FINDING_ASSIGNEES_QUERY = gql<FindingAssigneesQuery, FindingAssigneesQueryVariables>(`
  query FindingAssignees($org: String!, $id: ID!) {
    findingAssignees(org: $org, id: $id) { id email displayName }
  }
`);

export const ASSIGN_FINDING = gql<AssignFindingMutation, AssignFindingMutationVariables>(`
  mutation AssignFinding($org: String!, $id: ID!, $assigneeUserId: ID) {
    assignFinding(org: $org, id: $id, assigneeUserId: $assigneeUserId) { id ...FindingWorkflowFields }
  }
  ${FINDING_WORKFLOW_FIELDS}
`);

export const ADD_FINDING_COMMENT = gql<AddFindingCommentMutation, AddFindingCommentMutationVariables>(`
  mutation AddFindingComment($org: String!, $id: ID!, $text: String!) {
    addFindingComment(org: $org, id: $id, text: $text) { id author text at }
  }
`);

export const BULK_UPDATE_FINDINGS = gql<BulkUpdateFindingsMutation, BulkUpdateFindingsMutationVariables>(`
  mutation BulkUpdateFindings($org: String!, $ids: [ID!]!, $action: BulkFindingAction!) {
    bulkUpdateFindings(org: $org, ids: $ids, action: $action) {
      succeeded failed
      results { findingId ok errorCode message }
    }
  }
`);
