import type { FileSource } from '../core/connector.js';
import { readCsv } from '../core/readers/csv-reader.js';
import { CREDENTIAL_REPORT_COLUMNS } from './credential-report.columns.js';
import { parseCredentialReport } from './credential-report.parser.js';

/** `--source iam-credential-report`: the CSV that IAM's "Download credential report" gives. */
export const iamCredentialReportFileSource: FileSource = {
  type: 'iam-credential-report',
  displayName: 'AWS IAM credential report',
  collectFile(path, context) {
    return parseCredentialReport(readCsv(path, { requiredColumns: CREDENTIAL_REPORT_COLUMNS, signal: context.signal, limits: context.limits }), path);
  },
};
