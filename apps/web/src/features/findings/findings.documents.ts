import { gql } from '../../data-access/graphql-client.js';
import type {
  AcceptFindingRiskMutation,
  AcceptFindingRiskMutationVariables,
  AcknowledgeFindingMutation,
  AcknowledgeFindingMutationVariables,
  FindingDetailFieldsFragment,
  FindingDetailQuery,
  FindingDetailQueryVariables,
  FindingsPageQuery,
  FindingsPageQueryVariables,
  FindingTeamsQuery,
  FindingTeamsQueryVariables,
  MarkFindingFalsePositiveMutation,
  MarkFindingFalsePositiveMutationVariables,
  ResolveFindingMutation,
  ResolveFindingMutationVariables,
} from '../../data-access/graphql.generated.js';
import { FINDING_WORKFLOW_FIELDS } from './finding-workflow.documents.js';

export type FindingDetail = FindingDetailFieldsFragment;
export type FindingRow = FindingsPageQuery['findings']['edges'][number]['node'];

/** The title comes in the reader's language: every operation using these fields declares `$lang`. */
const FINDING_SUMMARY_FIELDS = /* GraphQL */ `
  fragment FindingSummaryFields on Finding {
    id kind domain severity status title(lang: $lang) dueAt firstDetectedAt lastDetectedAt riskAcceptedUntil riskAcceptedReason
    subject { type externalId name }
    ownerTeam { id name leadEmail }
    ...FindingWorkflowFields
  }
  ${FINDING_WORKFLOW_FIELDS}
`;
/** Carries the summary fragment's definition too, so a document interpolates exactly one of the two. */
const FINDING_DETAIL_FIELDS = /* GraphQL */ `
  fragment FindingDetailFields on Finding {
    ...FindingSummaryFields
    evidence { source description(lang: $lang) at data }
    statusHistory { from to actor reason at }
    comments { id author text at }
  }
  ${FINDING_SUMMARY_FIELDS}
`;

export const FINDINGS_QUERY = gql<FindingsPageQuery, FindingsPageQueryVariables>(`
  query FindingsPage($org: String!, $lang: String = "en", $filter: FindingFilter, $first: Int) {
    findings(org: $org, filter: $filter, first: $first) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { ...FindingSummaryFields } }
    }
  }
  ${FINDING_SUMMARY_FIELDS}
`);

/** Only feeds the team filter, so it is asked once rather than with every change of filter. */
export const FINDING_TEAMS_QUERY = gql<FindingTeamsQuery, FindingTeamsQueryVariables>(`
  query FindingTeams($org: String!) {
    teams(org: $org) { id name leadEmail }
  }
`);

export const FINDING_QUERY = gql<FindingDetailQuery, FindingDetailQueryVariables>(`
  query FindingDetail($org: String!, $lang: String = "en", $id: ID!) {
    finding(org: $org, id: $id) { ...FindingDetailFields }
  }
  ${FINDING_DETAIL_FIELDS}
`);

export const ACKNOWLEDGE_FINDING = gql<AcknowledgeFindingMutation, AcknowledgeFindingMutationVariables>(`
  mutation AcknowledgeFinding($org: String!, $lang: String = "en", $id: ID!, $reason: String) {
    acknowledgeFinding(org: $org, id: $id, reason: $reason) { ...FindingDetailFields }
  }
  ${FINDING_DETAIL_FIELDS}
`);

export const ACCEPT_FINDING_RISK = gql<AcceptFindingRiskMutation, AcceptFindingRiskMutationVariables>(`
  mutation AcceptFindingRisk($org: String!, $lang: String = "en", $id: ID!, $reason: String!, $expiresAt: DateTime!) {
    acceptFindingRisk(org: $org, id: $id, reason: $reason, expiresAt: $expiresAt) { ...FindingDetailFields }
  }
  ${FINDING_DETAIL_FIELDS}
`);

export const MARK_FINDING_FALSE_POSITIVE = gql<MarkFindingFalsePositiveMutation, MarkFindingFalsePositiveMutationVariables>(`
  mutation MarkFindingFalsePositive($org: String!, $lang: String = "en", $id: ID!, $reason: String!, $expiresAt: DateTime!) {
    markFindingFalsePositive(org: $org, id: $id, reason: $reason, expiresAt: $expiresAt) { ...FindingDetailFields }
  }
  ${FINDING_DETAIL_FIELDS}
`);

export const RESOLVE_FINDING = gql<ResolveFindingMutation, ResolveFindingMutationVariables>(`
  mutation ResolveFinding($org: String!, $lang: String = "en", $id: ID!, $reason: String) {
    resolveFinding(org: $org, id: $id, reason: $reason) { ...FindingDetailFields stillDetected }
  }
  ${FINDING_DETAIL_FIELDS}
`);
