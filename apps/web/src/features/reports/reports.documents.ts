import { gql } from '../../data-access/graphql-client.js';
import type { Report } from '../../data-access/schema.types.js';

const REPORT_FIELDS = 'id asOf lang generatedAt generatedBy checksum sizeBytes downloadUrl';

export const REPORTS_QUERY = gql<{ reports: Report[] }, { org: string }>(`
  query ReportsPage($org: String!) {
    reports(org: $org) { ${REPORT_FIELDS} }
  }
`);

export const GENERATE_REPORT = gql<{ generateReport: Report }, { org: string; asOf: string | null; lang: string }>(`
  mutation GenerateReport($org: String!, $asOf: DateTime, $lang: String) {
    generateReport(org: $org, asOf: $asOf, lang: $lang) { ${REPORT_FIELDS} }
  }
`);
