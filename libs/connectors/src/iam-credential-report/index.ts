export { CREDENTIAL_REPORT_COLUMNS, ROOT_ACCOUNT_USER, type CredentialReportColumn } from './credential-report.columns.js';
export { AWS_IAM_SYSTEM, parseCredentialReportRow, type AccessKeySlot, type KnownAccessKey } from './credential-report-row.parser.js';
export { parseCredentialReport, type CredentialReportParseOptions } from './credential-report.parser.js';
export { matchAccessKeyIds, type ListedAccessKey } from './access-key-id.matcher.js';
export { iamCredentialReportFileSource } from './iam-credential-report.file-source.js';
export {
  IAM_CREDENTIAL_REPORT_PULL_SOURCE,
  iamCredentialReportConfigSchema,
  iamCredentialReportConnector,
  type IamCredentialReportConfig,
} from './iam-credential-report.connector.js';
