import { gql } from '../../data-access/graphql-client.js';
import type { IdentityAlias, IdentityAliasChange, Organization, RotationPolicy, RotationPolicyInput, Team } from '../../data-access/schema.types.js';

const POLICY_FIELDS = 'id credentialKind environment maxAgeDays warningDays graceDays isDefault source team { id name leadEmail }';

export const SETTINGS_QUERY = gql<{ rotationPolicies: RotationPolicy[]; organization: Organization; teams: Team[] }, { org: string }>(`
  query SettingsPage($org: String!) {
    rotationPolicies(org: $org) { ${POLICY_FIELDS} }
    organization(slug: $org) { id slug name approvedCountries currency }
    teams(org: $org) { id name leadEmail }
  }
`);

export const SET_ROTATION_POLICY = gql<{ setRotationPolicy: RotationPolicy }, { org: string; input: RotationPolicyInput }>(`
  mutation SetRotationPolicy($org: String!, $input: RotationPolicyInput!) {
    setRotationPolicy(org: $org, input: $input) { ${POLICY_FIELDS} }
  }
`);

export const SET_APPROVED_COUNTRIES = gql<{ setApprovedCountries: Organization }, { org: string; countries: string[] }>(`
  mutation SetApprovedCountries($org: String!, $countries: [String!]!) {
    setApprovedCountries(org: $org, countries: $countries) { id slug name approvedCountries currency }
  }
`);

export const CREATE_TEAM = gql<{ createTeam: Team }, { org: string; name: string; leadEmail: string | null }>(`
  mutation CreateTeam($org: String!, $name: String!, $leadEmail: String) {
    createTeam(org: $org, name: $name, leadEmail: $leadEmail) { id name leadEmail }
  }
`);

export const IDENTITY_ALIASES_QUERY = gql<{ identityAliases: IdentityAlias[] }, { org: string }>(`
  query IdentityAliases($org: String!) {
    identityAliases(org: $org) { alias system identityId identityEmail identityName createdAt }
  }
`);

export const ADD_IDENTITY_ALIAS = gql<{ addIdentityAlias: IdentityAliasChange }, { org: string; identity: string; alias: string; system: string | null }>(`
  mutation AddIdentityAlias($org: String!, $identity: String!, $alias: String!, $system: String) {
    addIdentityAlias(org: $org, identity: $identity, alias: $alias, system: $system) { alias system outcome linkedAccounts linkedCredentials }
  }
`);

export const REMOVE_IDENTITY_ALIAS = gql<{ removeIdentityAlias: IdentityAliasChange }, { org: string; alias: string; system: string | null }>(`
  mutation RemoveIdentityAlias($org: String!, $alias: String!, $system: String) {
    removeIdentityAlias(org: $org, alias: $alias, system: $system) { alias outcome linkedAccounts linkedCredentials }
  }
`);
