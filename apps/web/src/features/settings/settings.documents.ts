import { gql } from '../../data-access/graphql-client.js';
import type { Organization, RotationPolicy, RotationPolicyInput, Team } from '../../data-access/schema.types.js';

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
