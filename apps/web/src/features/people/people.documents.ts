import { gql } from '../../data-access/graphql-client.js';
import type {
  AccessReviewCampaignFieldsFragment,
  AccessReviewCampaignsQuery,
  AccessReviewCampaignsQueryVariables,
  CreateAccessReviewCampaignMutation,
  CreateAccessReviewCampaignMutationVariables,
  LeaversQuery,
  LeaversQueryVariables,
  RecordReviewDecisionMutation,
  RecordReviewDecisionMutationVariables,
} from '../../data-access/graphql.generated.js';

export type CampaignView = AccessReviewCampaignFieldsFragment;
export type LeaverView = LeaversQuery['leavers'][number];

const CAMPAIGN_FIELDS = /* GraphQL */ `
  fragment AccessReviewCampaignFields on AccessReviewCampaign { id name scope dueAt closedAt total decided overdue rubberStampReviewers }
`;

// Two requests, so each half of the page shows its own data or its own reason for having none.
export const LEAVERS_QUERY = gql<LeaversQuery, LeaversQueryVariables>(`
  query Leavers($org: String!) {
    leavers(org: $org) {
      identityId name email terminatedOn daysSinceTermination access { system name credentialKind } usesAfterTermination lastUseAt bytesAfterTermination findingId
    }
  }
`);

export const CAMPAIGNS_QUERY = gql<AccessReviewCampaignsQuery, AccessReviewCampaignsQueryVariables>(`
  query AccessReviewCampaigns($org: String!) {
    accessReviewCampaigns(org: $org) { ...AccessReviewCampaignFields }
  }
  ${CAMPAIGN_FIELDS}
`);

export const CREATE_CAMPAIGN = gql<CreateAccessReviewCampaignMutation, CreateAccessReviewCampaignMutationVariables>(`
  mutation CreateAccessReviewCampaign($org: String!, $name: String!, $dueAt: DateTime!, $scope: String) {
    createAccessReviewCampaign(org: $org, name: $name, dueAt: $dueAt, scope: $scope) { ...AccessReviewCampaignFields }
  }
  ${CAMPAIGN_FIELDS}
`);

export const RECORD_DECISION = gql<RecordReviewDecisionMutation, RecordReviewDecisionMutationVariables>(`
  mutation RecordReviewDecision($org: String!, $campaignId: ID!, $identityEmail: String!, $entitlement: String!, $decision: ReviewDecision!, $reason: String) {
    recordReviewDecision(org: $org, campaignId: $campaignId, identityEmail: $identityEmail, entitlement: $entitlement, decision: $decision, reason: $reason) {
      ...AccessReviewCampaignFields
    }
  }
  ${CAMPAIGN_FIELDS}
`);
