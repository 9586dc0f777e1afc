import { gql } from '../../data-access/graphql-client.js';
import type {
  ConfigureDataSourceMutation,
  ConfigureDataSourceMutationVariables,
  ConnectorsPageQuery,
  ConnectorsPageQueryVariables,
  DataSourceFieldsFragment,
  RunDataSourceMutation,
  RunDataSourceMutationVariables,
} from '../../data-access/graphql.generated.js';

export type DataSourceView = DataSourceFieldsFragment;
export type IngestErrorView = NonNullable<DataSourceFieldsFragment['lastRun']>['errors'][number];

const RUN_FIELDS = /* GraphQL */ `
  fragment IngestRunFields on IngestRun {
    id sourceType trigger input status queuedAt startedAt finishedAt
    accepted rejected inserted updated unchanged errorMessage
  }
`;

const SOURCE_FIELDS = /* GraphQL */ `
  fragment DataSourceFields on DataSource {
    id type name enabled schedule config secretFieldsSet lastSuccessfulRunAt freshness
    lastRun { ...IngestRunFields errors(limit: 50) { source line record field reason } }
  }
`;

export const CONNECTORS_QUERY = gql<ConnectorsPageQuery, ConnectorsPageQueryVariables>(`
  query ConnectorsPage($org: String!) {
    dataSources(org: $org) { ...DataSourceFields }
    ingestRuns(org: $org, first: 20) { ...IngestRunFields }
  }
  ${SOURCE_FIELDS}
  ${RUN_FIELDS}
`);

export const RUN_DATA_SOURCE = gql<RunDataSourceMutation, RunDataSourceMutationVariables>(`
  mutation RunDataSource($org: String!, $id: ID!) {
    runDataSource(org: $org, id: $id) { id status }
  }
`);

export const CONFIGURE_DATA_SOURCE = gql<ConfigureDataSourceMutation, ConfigureDataSourceMutationVariables>(`
  mutation ConfigureDataSource($org: String!, $type: String!, $name: String!, $config: String!, $schedule: String) {
    configureDataSource(org: $org, type: $type, name: $name, config: $config, schedule: $schedule) { id name secretFieldsSet }
  }
`);
/** The connector types shipped in libs/connectors; the field stays free text for new ones. */
export const KNOWN_CONNECTOR_TYPES = [
  'iam-credential-report', 'aws-kms', 'cloudtrail', 'jwks', 'x509', 'vault', 'hr-roster', 'scim-users', 'okta',
  'okta-system-log', 'ocsf', 'access-review-decisions', 'entra-signins', 'entra-users', 'entra-app-credentials',
  'github-audit-log', 'github-credentials', 'github-members', 'google-users', 'google-activity', 'access-rollups',
];
