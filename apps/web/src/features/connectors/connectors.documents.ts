import { gql } from '../../data-access/graphql-client.js';
import type { DataSource, IngestRun } from '../../data-access/schema.types.js';

const RUN_FIELDS = `
  id sourceType trigger input status queuedAt startedAt finishedAt
  accepted rejected inserted updated unchanged errorMessage
`;
const SOURCE_FIELDS = `
  id type name enabled schedule config secretFieldsSet lastSuccessfulRunAt freshness
  lastRun { ${RUN_FIELDS} errors(limit: 50) { source line record field reason } }
`;

export const CONNECTORS_QUERY = gql<{ dataSources: DataSource[]; ingestRuns: Omit<IngestRun, 'errors'>[] }, { org: string }>(`
  query ConnectorsPage($org: String!) {
    dataSources(org: $org) { ${SOURCE_FIELDS} }
    ingestRuns(org: $org, first: 20) { ${RUN_FIELDS} }
  }
`);

export const RUN_DATA_SOURCE = gql<{ runDataSource: Pick<IngestRun, 'id' | 'status'> }, { org: string; id: string }>(`
  mutation RunDataSource($org: String!, $id: ID!) {
    runDataSource(org: $org, id: $id) { id status }
  }
`);

export const CONFIGURE_DATA_SOURCE = gql<
  { configureDataSource: Pick<DataSource, 'id' | 'name' | 'secretFieldsSet'> },
  { org: string; type: string; name: string; config: string; schedule: string | null }
>(`
  mutation ConfigureDataSource($org: String!, $type: String!, $name: String!, $config: String!, $schedule: String) {
    configureDataSource(org: $org, type: $type, name: $name, config: $config, schedule: $schedule) { id name secretFieldsSet }
  }
`);

/** The connector types shipped in libs/connectors; the field stays free text for new ones. */
export const KNOWN_CONNECTOR_TYPES = [
  'iam-credential-report', 'aws-kms', 'cloudtrail', 'jwks', 'x509', 'vault', 'hr-roster', 'scim-users', 'okta',
  'okta-system-log', 'ocsf', 'access-review-decisions', 'entra-signins', 'entra-users', 'entra-app-credentials',
  'github-audit-log', 'github-credentials', 'github-members', 'google-users', 'google-activity',
];
