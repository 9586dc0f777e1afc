import { gql } from '../../data-access/graphql-client.js';
import type { GenerateReportMutation, GenerateReportMutationVariables, ReportsPageQuery, ReportsPageQueryVariables } from '../../data-access/graphql.generated.js';

const REPORT_FIELDS = /* GraphQL */ `
  fragment ReportFields on Report { id asOf lang generatedAt generatedBy checksum sizeBytes downloadUrl }
`;

export const REPORTS_QUERY = gql<ReportsPageQuery, ReportsPageQueryVariables>(`
  query ReportsPage($org: String!) {
    reports(org: $org) { ...ReportFields }
  }
  ${REPORT_FIELDS}
`);

export const GENERATE_REPORT = gql<GenerateReportMutation, GenerateReportMutationVariables>(`
  mutation GenerateReport($org: String!, $asOf: DateTime, $lang: String) {
    generateReport(org: $org, asOf: $asOf, lang: $lang) { ...ReportFields }
  }
  ${REPORT_FIELDS}
`);
