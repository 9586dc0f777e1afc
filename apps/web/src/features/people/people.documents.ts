import { gql } from '../../data-access/graphql-client.js';
import type { AccessReviewCampaign, Leaver } from '../../data-access/schema.types.js';

const CAMPAIGN_FIELDS = 'id name scope dueAt closedAt total decided overdue rubberStampReviewers';

// Two requests, so each half of the page shows its own data or its own reason for having none.
export const LEAVERS_QUERY = gql<{ leavers: Leaver[] }, { org: string }>(`
  query Leavers($org: String!) {
    leavers(org: $org) {
      identityId name email terminatedOn daysSinceTermination activeAccess usesAfterTermination lastUseAt bytesAfterTermination findingId
    }
  }
`);

export const CAMPAIGNS_QUERY = gql<{ accessReviewCampaigns: AccessReviewCampaign[] }, { org: string }>(`
  query AccessReviewCampaigns($org: String!) {
    accessReviewCampaigns(org: $org) { ${CAMPAIGN_FIELDS} }
  }
`);

export const CREATE_CAMPAIGN = gql<{ createAccessReviewCampaign: AccessReviewCampaign }, { org: string; name: string; dueAt: string; scope: string | null }>(`
  mutation CreateAccessReviewCampaign($org: String!, $name: String!, $dueAt: DateTime!, $scope: String) {
    createAccessReviewCampaign(org: $org, name: $name, dueAt: $dueAt, scope: $scope) { ${CAMPAIGN_FIELDS} }
  }
`);

export const RECORD_DECISION = gql<
  { recordReviewDecision: AccessReviewCampaign },
  { org: string; campaignId: string; identityEmail: string; entitlement: string; decision: string; reason: string | null }
>(`
  mutation RecordReviewDecision($org: String!, $campaignId: ID!, $identityEmail: String!, $entitlement: String!, $decision: String!, $reason: String) {
    recordReviewDecision(org: $org, campaignId: $campaignId, identityEmail: $identityEmail, entitlement: $entitlement, decision: $decision, reason: $reason) {
      ${CAMPAIGN_FIELDS}
    }
  }
`);
