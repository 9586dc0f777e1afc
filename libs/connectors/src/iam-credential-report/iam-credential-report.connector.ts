import { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import {
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  IAMClient,
  paginateListAccessKeys,
  paginateListSSHPublicKeys,
  type AccessKeyMetadata,
} from '@aws-sdk/client-iam';
import { ENVIRONMENTS } from '@postureboard/domain';
import { z } from 'zod';
import type { CollectContext, Connector, ConnectionTestResult } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { readCsvStream } from '../core/readers/csv-reader.js';
import { matchAccessKeyIds } from './access-key-id.matcher.js';
import { AWS_SECRET_FIELDS, awsClientOptions, awsConnectionSchema, callSignal, requireKeyPair } from '../core/util/aws-connection.config.js';
import { awsFailure, describeAwsError } from '../core/util/aws-error.util.js';
import { CREDENTIAL_REPORT_COLUMNS } from './credential-report.columns.js';
import { parseCredentialReport } from './credential-report.parser.js';
import type { KnownSshKey } from './credential-report-row.parser.js';

export const iamCredentialReportConfigSchema = awsConnectionSchema
  .extend({
    /** The account's environment; when unset it is read from each user name (`deploy-prod` → PRODUCTION). */
    environment: z.enum(ENVIRONMENTS).optional(),
    /** Look up real access key ids with iam:ListAccessKeys (one call per user with keys). */
    resolveAccessKeyIds: z.boolean().default(true),
    /**
     * Look up SSH public keys (CodeCommit) with iam:ListSSHPublicKeys, one call per user: the report does not list
     * them, and a user whose only way in is an active SSH key is still usable access.
     */
    resolveSshPublicKeys: z.boolean().default(true),
    pollIntervalMs: z.number().int().positive().default(2_000),
    /** How long to wait for IAM to generate the report. */
    reportTimeoutMs: z.number().int().positive().default(300_000),
  })
  .superRefine(requireKeyPair);

export type IamCredentialReportConfig = z.output<typeof iamCredentialReportConfigSchema>;

/** Where pulled records say they came from (the report has no file name). */
export const IAM_CREDENTIAL_REPORT_PULL_SOURCE = 'iam:GetCredentialReport';

/**
 * Pulls the IAM credential report: GenerateCredentialReport until COMPLETE, GetCredentialReport, then
 * ListAccessKeys per user so access keys carry their real ids, and ListSSHPublicKeys per user (the report does not
 * list SSH keys). Needs iam:GenerateCredentialReport, iam:GetCredentialReport, and (unless turned off)
 * iam:ListAccessKeys and iam:ListSSHPublicKeys.
 */
export const iamCredentialReportConnector: Connector<IamCredentialReportConfig> = {
  type: 'iam-credential-report',
  displayName: 'AWS IAM credential report',
  configSchema: iamCredentialReportConfigSchema,
  secretFields: AWS_SECRET_FIELDS,

  async test(config: IamCredentialReportConfig, context: CollectContext): Promise<ConnectionTestResult> {
    const client = new IAMClient(awsClientOptions(config));
    try {
      const out = await client.send(new GenerateCredentialReportCommand({}), { abortSignal: callSignal(context.signal, config) });
      return { ok: true, message: `AWS IAM reachable in ${config.region}: credential report ${out.State ?? 'requested'}` };
    } catch (error) {
      return { ok: false, message: describeAwsError(error, 'iam:GenerateCredentialReport') };
    } finally {
      client.destroy();
    }
  },

  collect(config: IamCredentialReportConfig, context: CollectContext): AsyncIterable<CollectedRecord> {
    return collectCredentialReport(config, context);
  },
};

async function* collectCredentialReport(config: IamCredentialReportConfig, context: CollectContext): AsyncGenerator<CollectedRecord> {
  const client = new IAMClient(awsClientOptions(config));
  try {
    const csv = await downloadReport(client, config, context);
    const rows = readCsvStream(Readable.from([csv]), IAM_CREDENTIAL_REPORT_PULL_SOURCE, {
      requiredColumns: CREDENTIAL_REPORT_COLUMNS,
      signal: context.signal,
    });
    yield* parseCredentialReport(rows, IAM_CREDENTIAL_REPORT_PULL_SOURCE, {
      environment: config.environment,
      accessKeysFor: config.resolveAccessKeyIds
        ? async (user, values) => matchAccessKeyIds(values, await listAccessKeys(client, user, config, context))
        : undefined,
      sshKeysFor: config.resolveSshPublicKeys ? (user) => listSshKeys(client, user, config, context) : undefined,
    });
  } finally {
    client.destroy();
  }
}

async function downloadReport(client: IAMClient, config: IamCredentialReportConfig, context: CollectContext): Promise<string> {
  const attempts = Math.max(1, Math.ceil(config.reportTimeoutMs / config.pollIntervalMs));
  for (let attempt = 1; ; attempt += 1) {
    const state = await send(() => client.send(new GenerateCredentialReportCommand({}), { abortSignal: callSignal(context.signal, config) }), 'iam:GenerateCredentialReport');
    if (state.State === 'COMPLETE') break;
    if (attempt >= attempts) {
      throw new Error(`IAM did not finish generating the credential report within ${config.reportTimeoutMs} ms (last state ${state.State ?? 'unknown'})`);
    }
    await delay(config.pollIntervalMs, undefined, { signal: context.signal });
  }
  const report = await send(() => client.send(new GetCredentialReportCommand({}), { abortSignal: callSignal(context.signal, config) }), 'iam:GetCredentialReport');
  if (!report.Content) throw new Error('iam:GetCredentialReport returned no content');
  if (report.ReportFormat && report.ReportFormat !== 'text/csv') {
    throw new Error(`iam:GetCredentialReport returned format ${report.ReportFormat}, expected text/csv`);
  }
  return Buffer.from(report.Content).toString('utf8');
}

async function listAccessKeys(client: IAMClient, user: string, config: IamCredentialReportConfig, context: CollectContext): Promise<AccessKeyMetadata[]> {
  const keys: AccessKeyMetadata[] = [];
  // Extra arguments reach client.send: one signal bounds all pages of this user.
  const pages = paginateListAccessKeys({ client, pageSize: 100 }, { UserName: user }, { abortSignal: callSignal(context.signal, config) });
  try {
    for await (const page of pages) keys.push(...(page.AccessKeyMetadata ?? []));
  } catch (error) {
    // Failing beats guessing: ids that come and go between runs would split one key into two.
    throw awsFailure(error, `iam:ListAccessKeys for ${user} (set resolveAccessKeyIds to false to use slot names)`);
  }
  return keys;
}

async function listSshKeys(client: IAMClient, user: string, config: IamCredentialReportConfig, context: CollectContext): Promise<KnownSshKey[]> {
  const keys: KnownSshKey[] = [];
  const pages = paginateListSSHPublicKeys({ client, pageSize: 100 }, { UserName: user }, { abortSignal: callSignal(context.signal, config) });
  try {
    for await (const page of pages) {
      for (const key of page.SSHPublicKeys ?? []) {
        if (!key.SSHPublicKeyId) continue;
        keys.push({ sshPublicKeyId: key.SSHPublicKeyId, active: key.Status === 'Active', uploadedAt: key.UploadDate ?? null });
      }
    }
  } catch (error) {
    // Failing beats guessing: a user whose SSH key went unseen would read as unusable.
    throw awsFailure(error, `iam:ListSSHPublicKeys for ${user} (set resolveSshPublicKeys to false to read the report alone)`);
  }
  return keys;
}

async function send<T>(call: () => Promise<T>, action: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw awsFailure(error, action);
  }
}
