import { gql } from '../../data-access/graphql-client.js';
import type { Connection, Finding, FindingFilter, FindingSummary, Team } from '../../data-access/schema.types.js';

const SUMMARY_FIELDS = `
  id kind domain severity status title dueAt firstDetectedAt lastDetectedAt riskAcceptedUntil riskAcceptedReason
  subject { type externalId name }
  ownerTeam { id name leadEmail }
`;
const DETAIL_FIELDS = `
  ${SUMMARY_FIELDS}
  evidence { source description at data }
  statusHistory { from to actor reason at }
`;

export const FINDINGS_QUERY = gql<{ findings: Connection<FindingSummary> }, { org: string; filter: FindingFilter; first: number }>(`
  query FindingsPage($org: String!, $filter: FindingFilter, $first: Int) {
    findings(org: $org, filter: $filter, first: $first) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { ${SUMMARY_FIELDS} } }
    }
  }
`);

/** Only feeds the team filter, so it is asked once rather than with every change of filter. */
export const FINDING_TEAMS_QUERY = gql<{ teams: Team[] }, { org: string }>(`
  query FindingTeams($org: String!) {
    teams(org: $org) { id name leadEmail }
  }
`);

export const FINDING_QUERY = gql<{ finding: Finding }, { org: string; id: string }>(`
  query FindingDetail($org: String!, $id: ID!) {
    finding(org: $org, id: $id) { ${DETAIL_FIELDS} }
  }
`);

export const ACKNOWLEDGE_FINDING = gql<{ acknowledgeFinding: Finding }, { org: string; id: string; reason: string | null }>(`
  mutation AcknowledgeFinding($org: String!, $id: ID!, $reason: String) {
    acknowledgeFinding(org: $org, id: $id, reason: $reason) { ${DETAIL_FIELDS} }
  }
`);

export const ACCEPT_FINDING_RISK = gql<{ acceptFindingRisk: Finding }, { org: string; id: string; reason: string; expiresAt: string }>(`
  mutation AcceptFindingRisk($org: String!, $id: ID!, $reason: String!, $expiresAt: DateTime!) {
    acceptFindingRisk(org: $org, id: $id, reason: $reason, expiresAt: $expiresAt) { ${DETAIL_FIELDS} }
  }
`);

export const RESOLVE_FINDING = gql<{ resolveFinding: Finding }, { org: string; id: string; reason: string | null }>(`
  mutation ResolveFinding($org: String!, $id: ID!, $reason: String) {
    resolveFinding(org: $org, id: $id, reason: $reason) { ${DETAIL_FIELDS} }
  }
`);
