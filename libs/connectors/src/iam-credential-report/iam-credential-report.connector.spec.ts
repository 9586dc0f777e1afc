import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  IAMClient,
  IAMServiceException,
  ListAccessKeysCommand,
  ListSSHPublicKeysCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import type { CollectContext } from '../core/connector.js';
import type { CollectedRecord, CredentialObservation } from '../core/observation.js';
import {
  IAM_CREDENTIAL_REPORT_PULL_SOURCE,
  iamCredentialReportConfigSchema,
  iamCredentialReportConnector,
  type IamCredentialReportConfig,
} from './iam-credential-report.connector.js';

const report = readFileSync(
  fileURLToPath(new URL('../../../../../shared/samples/aws-iam-credential-report/AWS_testbench_credential_report_2023.csv', import.meta.url)),
);
const context: CollectContext = { signal: new AbortController().signal, now: new Date('2025-06-01T00:00:00Z') };
const config = (overrides: Partial<IamCredentialReportConfig> = {}): IamCredentialReportConfig =>
  iamCredentialReportConfigSchema.parse({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-real-secret', pollIntervalMs: 1, ...overrides });

async function collect(cfg: IamCredentialReportConfig): Promise<CollectedRecord[]> {
  const out: CollectedRecord[] = [];
  for await (const record of iamCredentialReportConnector.collect(cfg, context)) out.push(record);
  return out;
}

function awsError(name: string, status: number): IAMServiceException {
  return new IAMServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} from AWS` });
}

describe('iam-credential-report connector (SDK mocked)', () => {
  const iam = mockClient(IAMClient);
  beforeEach(() => {
    iam.reset();
    iam.on(ListSSHPublicKeysCommand).resolves({ SSHPublicKeys: [] });
  });
  afterAll(() => iam.restore());

  it('polls until the report is COMPLETE, parses it and names access keys by their real ids across ListAccessKeys pages', async () => {
    iam.on(GenerateCredentialReportCommand).resolvesOnce({ State: 'STARTED' }).resolvesOnce({ State: 'INPROGRESS' }).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).resolves({ Content: new Uint8Array(report), ReportFormat: 'text/csv', GeneratedTime: new Date('2023-01-04T00:00:00Z') });
    iam
      .on(ListAccessKeysCommand, { UserName: 'cloudgoat' })
      .resolvesOnce({ AccessKeyMetadata: [], IsTruncated: true, Marker: 'page-2' })
      .resolves({ AccessKeyMetadata: [{ UserName: 'cloudgoat', AccessKeyId: 'AKIACLOUDGOAT', Status: 'Active', CreateDate: new Date('2022-05-27T10:25:44Z') }], IsTruncated: false });
    iam.on(ListAccessKeysCommand, { UserName: 'jake' }).resolves({
      AccessKeyMetadata: [{ UserName: 'jake', AccessKeyId: 'AKIAJAKE', Status: 'Active', CreateDate: new Date('2022-05-18T09:51:58Z') }],
    });
    iam.on(ListAccessKeysCommand, { UserName: 'test_key_account' }).resolves({
      AccessKeyMetadata: [{ UserName: 'test_key_account', AccessKeyId: 'AKIATESTKEY', Status: 'Active', CreateDate: new Date('2022-12-19T09:22:23Z') }],
    });

    const records = await collect(config());

    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(3);
    // cloudgoat's keys come on the second page; root and test_account have no key to look up
    expect(iam.commandCalls(ListAccessKeysCommand).map((call) => call.args[0].input.UserName)).toEqual(['cloudgoat', 'cloudgoat', 'jake', 'test_key_account']);
    const keys = records.flatMap((r) => (r.accepted && r.observation.kind === 'credential' ? [r.observation] : []));
    expect(keys.map((k: CredentialObservation) => [k.externalId, k.createdAt?.toISOString(), k.attributes.accessKeyId])).toEqual([
      ['AKIACLOUDGOAT', '2022-05-27T10:25:44.000Z', 'AKIACLOUDGOAT'],
      ['AKIAJAKE', '2022-05-18T09:51:58.000Z', 'AKIAJAKE'],
      ['AKIATESTKEY', '2022-12-19T09:22:23.000Z', 'AKIATESTKEY'],
    ]);
    expect(records).toHaveLength(8);
    expect(records.every((r) => r.location.source === IAM_CREDENTIAL_REPORT_PULL_SOURCE)).toBe(true);
  });

  it('keeps slot names and skips ListAccessKeys when key id resolution is off', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).resolves({ Content: new Uint8Array(report), ReportFormat: 'text/csv' });
    const records = await collect(config({ resolveAccessKeyIds: false }));
    expect(iam.commandCalls(ListAccessKeysCommand)).toHaveLength(0);
    expect(records.flatMap((r) => (r.accepted && r.observation.kind === 'credential' ? [r.observation.externalId] : []))).toEqual([
      '278368863034/cloudgoat/access_key_1',
      '278368863034/jake/access_key_1',
      '278368863034/test_key_account/access_key_1',
    ]);
  });

  it('counts an active SSH public key (which the report does not list) as usable access, across ListSSHPublicKeys pages', async () => {
    const header = report.toString('utf8').split('\n')[0];
    // A user with no password, no key and no certificate in the report (AWS IAM User Guide column order).
    const row = 'coder,arn:aws:iam::278368863034:user/coder,2022-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).resolves({ Content: new TextEncoder().encode(`${header}\n${row}\n`), ReportFormat: 'text/csv' });
    iam
      .on(ListSSHPublicKeysCommand, { UserName: 'coder' })
      .resolvesOnce({ SSHPublicKeys: [{ UserName: 'coder', SSHPublicKeyId: 'APKAOLD', Status: 'Inactive', UploadDate: new Date('2022-01-02T00:00:00Z') }], IsTruncated: true, Marker: 'p2' })
      .resolves({ SSHPublicKeys: [{ UserName: 'coder', SSHPublicKeyId: 'APKANEW', Status: 'Active', UploadDate: new Date('2023-01-02T00:00:00Z') }], IsTruncated: false });
    const observations = (await collect(config())).flatMap((r) => (r.accepted ? [r.observation] : []));
    expect(observations).toEqual([
      expect.objectContaining({ kind: 'account', userName: 'coder', status: 'ACTIVE', deactivatedAt: null }),
      expect.objectContaining({ kind: 'credential', credentialKind: 'SSH_KEY', externalId: 'APKAOLD', status: 'INACTIVE', useObserved: false }),
      expect.objectContaining({ kind: 'credential', credentialKind: 'SSH_KEY', externalId: 'APKANEW', status: 'ACTIVE', createdAt: new Date('2023-01-02T00:00:00Z'), owner: 'coder' }),
    ]);

    // Without the lookup the same user reads as unusable (SUSPENDED), dated from its creation.
    iam.resetHistory();
    const reportOnly = (await collect(config({ resolveSshPublicKeys: false }))).flatMap((r) => (r.accepted ? [r.observation] : []));
    expect(iam.commandCalls(ListSSHPublicKeysCommand)).toHaveLength(0);
    expect(reportOnly).toEqual([expect.objectContaining({ kind: 'account', status: 'SUSPENDED', deactivatedAt: new Date('2022-01-01T00:00:00Z') })]);
  });

  it('fails the run, naming the switch, when ListSSHPublicKeys is denied', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).resolves({ Content: new Uint8Array(report), ReportFormat: 'text/csv' });
    iam.on(ListAccessKeysCommand).resolves({ AccessKeyMetadata: [] });
    iam.on(ListSSHPublicKeysCommand).rejects(awsError('AccessDenied', 403));
    await expect(collect(config())).rejects.toThrow(/AWS denied iam:ListSSHPublicKeys for cloudgoat \(set resolveSshPublicKeys to false to read the report alone\)/);
  });

  it('fails the run with the permission to grant when ListAccessKeys is denied', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).resolves({ Content: new Uint8Array(report), ReportFormat: 'text/csv' });
    iam.on(ListAccessKeysCommand).rejects(awsError('AccessDenied', 403));
    await expect(collect(config())).rejects.toThrow(
      'AWS denied iam:ListAccessKeys for cloudgoat (set resolveAccessKeyIds to false to use slot names) (AccessDenied: AccessDenied from AWS); grant the permission to the configured principal',
    );
  });

  it('gives up with a clear error when IAM never finishes the report', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'INPROGRESS' });
    await expect(collect(config({ reportTimeoutMs: 3 }))).rejects.toThrow('IAM did not finish generating the credential report within 3 ms (last state INPROGRESS)');
    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(3);
  });

  it('reports bad credentials and server failures from test() as messages', async () => {
    iam.on(GenerateCredentialReportCommand).resolvesOnce({ State: 'STARTED' }).rejectsOnce(awsError('InvalidClientTokenId', 403)).rejectsOnce(awsError('ServiceFailure', 500));
    expect(await iamCredentialReportConnector.test(config(), context)).toEqual({ ok: true, message: 'AWS IAM reachable in us-east-1: credential report STARTED' });
    expect(await iamCredentialReportConnector.test(config(), context)).toEqual({
      ok: false,
      message: 'AWS rejected the credentials for iam:GenerateCredentialReport (InvalidClientTokenId: InvalidClientTokenId from AWS); check the access key id, secret and session token',
    });
    expect(await iamCredentialReportConnector.test(config(), context)).toEqual({
      ok: false,
      message: 'AWS answered HTTP 500 (ServiceFailure) to iam:GenerateCredentialReport: ServiceFailure from AWS; the service failed, try again later',
    });
  });
});

describe('iam-credential-report connector (real SDK, local endpoint)', () => {
  let server: Server;
  let silentEndpoint: string;
  beforeAll(async () => {
    // Accepts connections and never answers.
    server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    silentEndpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reports an endpoint that does not answer as a timeout', async () => {
    const result = await iamCredentialReportConnector.test(config({ endpoint: silentEndpoint, requestTimeoutMs: 150 }), context);
    expect(result).toEqual({ ok: false, message: 'iam:GenerateCredentialReport timed out or was cancelled before AWS answered' });
  });

  it('reports an unreachable endpoint as such', async () => {
    const result = await iamCredentialReportConnector.test(config({ endpoint: 'http://127.0.0.1:1', requestTimeoutMs: 2_000 }), context);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^cannot reach the AWS endpoint for iam:GenerateCredentialReport \(ECONNREFUSED\)/);
  });

  it('rejects an access key id configured without its secret', () => {
    const parsed = iamCredentialReportConfigSchema.safeParse({ accessKeyId: 'AKIDEXAMPLE' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['secretAccessKey'] });
  });
});
