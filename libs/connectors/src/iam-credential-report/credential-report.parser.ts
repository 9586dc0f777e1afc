import type { Environment } from '@postureboard/domain';
import type { CollectedRecord } from '../core/observation.js';
import { csvRejection, type CsvReadResult } from '../core/readers/csv-reader.js';
import { ROOT_ACCOUNT_USER } from './credential-report.columns.js';
import { parseCredentialReportRow, type AccessKeySlot, type KnownAccessKey, type KnownSshKey } from './credential-report-row.parser.js';
import type { CredentialReportValues } from './credential-report-value.parser.js';

export interface CredentialReportParseOptions {
  environment?: Environment;
  /** Looks up the real ids of a user's access keys (pull only); not called for the root user. */
  accessKeysFor?: (user: string, values: CredentialReportValues) => Promise<Partial<Record<AccessKeySlot, KnownAccessKey>>>;
  /** Looks up a user's SSH public keys (pull only; the report does not list them); not called for the root user. */
  sshKeysFor?: (user: string) => Promise<KnownSshKey[]>;
}

/** Credential-report CSV rows → accounts and credentials, with CSV problems as rejections. */
export async function* parseCredentialReport(
  rows: AsyncIterable<CsvReadResult>,
  source: string,
  options: CredentialReportParseOptions = {},
): AsyncGenerator<CollectedRecord> {
  for await (const row of rows) {
    if (!row.ok) {
      yield csvRejection(source, row);
      continue;
    }
    const user = (row.values.user ?? '').trim();
    const accessKeys =
      options.accessKeysFor && user !== '' && user !== ROOT_ACCOUNT_USER && hasAccessKey(row.values)
        ? await options.accessKeysFor(user, row.values)
        : undefined;
    const sshKeys = options.sshKeysFor && user !== '' && user !== ROOT_ACCOUNT_USER ? await options.sshKeysFor(user) : undefined;
    yield* parseCredentialReportRow(row.values, { location: { source, line: row.line }, environment: options.environment, accessKeys, sshKeys });
  }
}

function hasAccessKey(values: CredentialReportValues): boolean {
  return ([1, 2] as const).some(
    (slot) => values[`access_key_${slot}_active`]?.trim().toLowerCase() === 'true' || /^\d{4}-/.test(values[`access_key_${slot}_last_rotated`]?.trim() ?? ''),
  );
}
