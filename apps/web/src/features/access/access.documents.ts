import { gql } from '../../data-access/graphql-client.js';
import type {
  ApiTokensPageQuery,
  ApiTokensPageQueryVariables,
  AuditLogPageQuery,
  AuditLogPageQueryVariables,
  IssueApiTokenMutation,
  IssueApiTokenMutationVariables,
  MembersPageQuery,
  MembersPageQueryVariables,
  RevokeApiTokenMutation,
  RevokeApiTokenMutationVariables,
  SetMemberMutation,
  SetMemberMutationVariables,
  VerifyAuditChainQuery,
  VerifyAuditChainQueryVariables,
} from '../../data-access/graphql.generated.js';

export type MemberView = MembersPageQuery['members'][number];
export type ApiTokenView = ApiTokensPageQuery['apiTokens'][number];
export type AuditEntryView = AuditLogPageQuery['auditLog'][number];

export const MEMBERS_QUERY = gql<MembersPageQuery, MembersPageQueryVariables>(`
  query MembersPage($org: String!) {
    members(org: $org) { userId email role teamIds status lastSignInAt }
    teams(org: $org) { id name }
  }
`);

export const SET_MEMBER = gql<SetMemberMutation, SetMemberMutationVariables>(`
  mutation SetMember($org: String!, $email: String!, $role: Role!, $teams: [String!]) {
    setMember(org: $org, email: $email, role: $role, teams: $teams) { generatedPassword member { userId email role } }
  }
`);

export const API_TOKENS_QUERY = gql<ApiTokensPageQuery, ApiTokensPageQueryVariables>(`
  query ApiTokensPage($org: String!) {
    apiTokens(org: $org) { id name holderEmail role prefix createdAt expiresAt revokedAt lastUsedAt }
  }
`);

export const ISSUE_API_TOKEN = gql<IssueApiTokenMutation, IssueApiTokenMutationVariables>(`
  mutation IssueApiToken($org: String!, $input: IssueApiTokenInput!) {
    issueApiToken(org: $org, input: $input) { token apiToken { id name prefix expiresAt } }
  }
`);

export const REVOKE_API_TOKEN = gql<RevokeApiTokenMutation, RevokeApiTokenMutationVariables>(`
  mutation RevokeApiToken($org: String!, $id: ID!) { revokeApiToken(org: $org, id: $id) { id revokedAt } }
`);

export const AUDIT_LOG_QUERY = gql<AuditLogPageQuery, AuditLogPageQueryVariables>(`
  query AuditLogPage($org: String!, $action: String, $outcome: String, $beforeSeq: Float) {
    auditLog(org: $org, action: $action, outcome: $outcome, beforeSeq: $beforeSeq, limit: 100) { seq occurredAt actorType actor action target outcome details }
  }
`);

export const VERIFY_AUDIT_CHAIN = gql<VerifyAuditChainQuery, VerifyAuditChainQueryVariables>(`
  query VerifyAuditChain($org: String!) { verifyAuditChain(org: $org) { valid entries problems { kind seq message } } }
`);
