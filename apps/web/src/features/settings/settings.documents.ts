import { gql } from '../../data-access/graphql-client.js';
import type {
  AddIdentityAliasMutation,
  AddIdentityAliasMutationVariables,
  IdentityAliasesQuery,
  IdentityAliasesQueryVariables,
  MyNotificationPreferencesQuery,
  MyNotificationPreferencesQueryVariables,
  SetMyNotificationPreferencesMutation,
  SetMyNotificationPreferencesMutationVariables,
  RemoveIdentityAliasMutation,
  RemoveIdentityAliasMutationVariables,
  ApproveCountryMutation,
  ApproveCountryMutationVariables,
  CreateTeamMutation,
  CreateTeamMutationVariables,
  SetApprovedCountriesMutation,
  SetApprovedCountriesMutationVariables,
  SetRotationPolicyMutation,
  SetRotationPolicyMutationVariables,
  SettingsPageQuery,
  SettingsPageQueryVariables,
  TeamFieldsFragment,
  WithdrawCountryApprovalMutation,
  WithdrawCountryApprovalMutationVariables,
} from '../../data-access/graphql.generated.js';

export type TeamView = TeamFieldsFragment;
export type IdentityAliasView = IdentityAliasesQuery['identityAliases'][number];
export type RotationPolicyView = SettingsPageQuery['rotationPolicies'][number];
export type SettingsOrganization = SettingsPageQuery['organization'];
export type CountryApprovalView = SettingsPageQuery['countryApprovals'][number];

const TEAM_FIELDS = /* GraphQL */ `
  fragment TeamFields on Team { id name leadEmail }
`;
const POLICY_FIELDS = /* GraphQL */ `
  fragment RotationPolicyFields on RotationPolicy { id credentialKind environment maxAgeDays warningDays graceDays isDefault source team { ...TeamFields } }
`;
const ORGANIZATION_FIELDS = /* GraphQL */ `
  fragment SettingsOrganizationFields on Organization { id slug name approvedCountries currency }
`;

export const SETTINGS_QUERY = gql<SettingsPageQuery, SettingsPageQueryVariables>(`
  query SettingsPage($org: String!) {
    rotationPolicies(org: $org) { ...RotationPolicyFields }
    organization(slug: $org) { ...SettingsOrganizationFields }
    teams(org: $org) { ...TeamFields }
    countryApprovals(org: $org) { id country reason approvedBy approvedAt expiresAt }
  }
  ${POLICY_FIELDS}
  ${ORGANIZATION_FIELDS}
  ${TEAM_FIELDS}
`);

export const SET_ROTATION_POLICY = gql<SetRotationPolicyMutation, SetRotationPolicyMutationVariables>(`
  mutation SetRotationPolicy($org: String!, $input: RotationPolicyInput!) {
    setRotationPolicy(org: $org, input: $input) { ...RotationPolicyFields }
  }
  ${POLICY_FIELDS}
  ${TEAM_FIELDS}
`);

export const SET_APPROVED_COUNTRIES = gql<SetApprovedCountriesMutation, SetApprovedCountriesMutationVariables>(`
  mutation SetApprovedCountries($org: String!, $countries: [String!]!) {
    setApprovedCountries(org: $org, countries: $countries) { ...SettingsOrganizationFields }
  }
  ${ORGANIZATION_FIELDS}
`);

export const CREATE_TEAM = gql<CreateTeamMutation, CreateTeamMutationVariables>(`
  mutation CreateTeam($org: String!, $name: String!, $leadEmail: String) {
    createTeam(org: $org, name: $name, leadEmail: $leadEmail) { ...TeamFields }
  }
  ${TEAM_FIELDS}
`);

export const IDENTITY_ALIASES_QUERY = gql<IdentityAliasesQuery, IdentityAliasesQueryVariables>(`
  query IdentityAliases($org: String!) {
    identityAliases(org: $org) { alias system identityId identityEmail identityName createdAt }
  }
`);

export const ADD_IDENTITY_ALIAS = gql<AddIdentityAliasMutation, AddIdentityAliasMutationVariables>(`
  mutation AddIdentityAlias($org: String!, $identity: String!, $alias: String!, $system: String) {
    addIdentityAlias(org: $org, identity: $identity, alias: $alias, system: $system) { alias system outcome linkedAccounts linkedCredentials }
  }
`);

export const REMOVE_IDENTITY_ALIAS = gql<RemoveIdentityAliasMutation, RemoveIdentityAliasMutationVariables>(`
  mutation RemoveIdentityAlias($org: String!, $alias: String!, $system: String) {
    removeIdentityAlias(org: $org, alias: $alias, system: $system) { alias outcome linkedAccounts linkedCredentials }
  }
`);

export const APPROVE_COUNTRY = gql<ApproveCountryMutation, ApproveCountryMutationVariables>(`
  mutation ApproveCountry($org: String!, $country: String!, $reason: String!, $expiresAt: DateTime!) {
    approveCountry(org: $org, country: $country, reason: $reason, expiresAt: $expiresAt) { id country expiresAt }
  }
`);

export const WITHDRAW_COUNTRY_APPROVAL = gql<WithdrawCountryApprovalMutation, WithdrawCountryApprovalMutationVariables>(`
  mutation WithdrawCountryApproval($org: String!, $country: String!) {
    withdrawCountryApproval(org: $org, country: $country)
  }
`);

export const MY_NOTIFICATION_PREFERENCES_QUERY = gql<MyNotificationPreferencesQuery, MyNotificationPreferencesQueryVariables>(`
  query MyNotificationPreferences { myNotificationPreferences { language digestOptOut } }
`);

export const SET_MY_NOTIFICATION_PREFERENCES = gql<SetMyNotificationPreferencesMutation, SetMyNotificationPreferencesMutationVariables>(`
  mutation SetMyNotificationPreferences($language: String, $digestOptOut: Boolean) {
    setMyNotificationPreferences(language: $language, digestOptOut: $digestOptOut) { language digestOptOut }
  }
`);
