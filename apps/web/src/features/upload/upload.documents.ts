import { gql } from '../../data-access/graphql-client.js';
import type { UploadRunsQuery, UploadRunsQueryVariables } from '../../data-access/graphql.generated.js';

export type UploadRunView = UploadRunsQuery['ingestRuns'][number];

/** The run an upload started, read back through GraphQL like every other run (the REST answer gives only its id). */
export const UPLOAD_RUNS_QUERY = gql<UploadRunsQuery, UploadRunsQueryVariables>(`
  query UploadRuns($org: String!) {
    ingestRuns(org: $org, first: 5) {
      id sourceType trigger input status queuedAt startedAt finishedAt accepted rejected inserted updated unchanged errorMessage
      errors(limit: 50) { source line record field reason }
    }
  }
`);

/** The file sources of libs/connectors (its FILE_SOURCES, which the upload route accepts); the web cannot import the connectors. */
export const FILE_SOURCE_TYPES = [
  'iam-credential-report', 'jwks', 'x509', 'hr-roster', 'scim-users', 'okta-system-log', 'cloudtrail', 'ocsf', 'access-review-decisions',
  'entra-signins', 'entra-users', 'entra-app-credentials', 'github-audit-log', 'github-credentials', 'github-members', 'google-users', 'google-activity',
] as const;
