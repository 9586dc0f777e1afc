import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { INTERNAL_COUNTRY } from '@postureboard/domain';
import type { AccessEventObservation, CollectedRecord } from '../core/observation.js';
import { cloudTrailFileSource } from './cloudtrail.file-source.js';

const samples = '/work/shared/samples/aws-cloudtrail';
const context = { signal: new AbortController().signal, now: new Date('2025-06-01T00:00:00Z') };

async function collect(path: string): Promise<CollectedRecord[]> {
  const out: CollectedRecord[] = [];
  for await (const record of cloudTrailFileSource.collectFile(path, context)) out.push(record);
  return out;
}

const byFile = (records: CollectedRecord[]) =>
  Object.fromEntries(records.map((record) => [basename(record.location.source), record.accepted ? record.observation : record.reason]));

/** Shaped as CloudTrail delivers it (S3 data event with the bytes sent out). */
const getObject = (eventID: string, extra: object = {}) => ({
  eventVersion: '1.09',
  userIdentity: {
    type: 'IAMUser',
    principalId: 'AIDAEXAMPLE',
    arn: 'arn:aws:iam::111122223333:user/jdoe',
    accountId: '111122223333',
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    userName: 'jdoe',
  },
  eventTime: '2024-03-02T03:04:05Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  awsRegion: 'us-east-1',
  sourceIPAddress: '175.45.176.1',
  userAgent: '[aws-cli/2.15.0]',
  requestParameters: { bucketName: 'customer-exports', key: 'all-customers.csv' },
  responseElements: null,
  additionalEventData: { bytesTransferredIn: 0, bytesTransferredOut: 734003200 },
  requestID: 'R1',
  eventID,
  readOnly: true,
  resources: [{ type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::customer-exports/all-customers.csv' }],
  eventType: 'AwsApiCall',
  managementEvent: false,
  recipientAccountId: '111122223333',
  eventCategory: 'Data',
  ...extra,
});

describe('cloudTrailFileSource on the samples', () => {
  let events: Record<string, AccessEventObservation | string>;
  beforeAll(async () => {
    events = byFile(await collect(samples)) as Record<string, AccessEventObservation | string>;
  });

  it('reads the AWS documentation log file ({"Records": [...]}) with its error as a failure', () => {
    expect(events['awsdocs_updatetrail_error_example.json']).toEqual({
      kind: 'access-event',
      eventId: 'b7d4398e-b2f0-4faa-9c76-e2d316a8d67f',
      occurredAt: new Date('2016-07-14T19:15:45Z'),
      principal: 'Alice',
      credentialExternalId: 'EXAMPLE_KEY_ID',
      sourceIp: '205.251.233.182',
      country: 'US',
      action: 'cloudtrail:UpdateTrail',
      resource: null,
      bytes: null,
      records: null,
      success: false,
    });
  });

  it('reads the bare flaws.cloud records, non-routable addresses as internal', () => {
    expect(events['flaws_backup_describesnapshots.json']).toMatchObject({
      principal: 'backup',
      credentialExternalId: 'AKIA01U43UX3RBRDXF4Q',
      action: 'ec2:DescribeSnapshots',
      sourceIp: '237.5.197.10',
      country: INTERNAL_COUNTRY,
      success: true,
    });
    expect(events['flaws_console_login_success_root.json']).toMatchObject({ principal: 'root', action: 'signin:ConsoleLogin', success: true, credentialExternalId: null });
    expect(events['flaws_console_login_success_iam.json']).toMatchObject({ principal: 'piper', success: true, country: INTERNAL_COUNTRY });
  });

  it('counts a console sign-in reported as Failure as unsuccessful, with an empty access key as none', () => {
    expect(events['flaws_console_login_failed.json']).toMatchObject({
      principal: 'HIDDEN_DUE_TO_SECURITY_REASONS',
      credentialExternalId: null,
      success: false,
      sourceIp: '8.120.255.102',
    });
  });
});

describe('cloudTrailFileSource on an AWSLogs tree', () => {
  const root = mkdtempSync(join(tmpdir(), 'pb-cloudtrail-'));
  const dayDir = (day: string) => join(root, 'AWSLogs', '111122223333', 'CloudTrail', 'us-east-1', '2024', '03', day);
  beforeAll(() => {
    mkdirSync(dayDir('02'), { recursive: true });
    mkdirSync(dayDir('01'), { recursive: true });
    writeFileSync(
      join(dayDir('02'), '111122223333_CloudTrail_us-east-1_20240302T0305Z_abc.json.gz'),
      gzipSync(JSON.stringify({ Records: [getObject('e2'), getObject('e3', { eventTime: 'not a time' }), getObject('e4', { sourceIPAddress: 's3.amazonaws.com' })] })),
    );
    writeFileSync(join(dayDir('01'), '111122223333_CloudTrail_us-east-1_20240301T0000Z_def.json.gz'), gzipSync(JSON.stringify({ Records: [getObject('e1')] })));
    writeFileSync(join(dayDir('01'), '111122223333_CloudTrail_us-east-1_20240301T0100Z_bad.json.gz'), gzipSync('{"Records": [{"eventID": "x",}]}'));
    writeFileSync(join(dayDir('01'), 'notes.txt'), 'not a log');
    const digest = join(root, 'AWSLogs', '111122223333', 'CloudTrail-Digest', 'us-east-1', '2024', '03', '01');
    mkdirSync(digest, { recursive: true });
    writeFileSync(join(digest, '111122223333_CloudTrail-Digest_us-east-1_trail_us-east-1_20240301T000000Z.json.gz'), gzipSync('{"digestStartTime":"x"}'));
  });

  it('walks the dated folders in order, reads gzip, skips digests and reports every bad record with its place', async () => {
    const records = await collect(root);
    expect(
      records.map((record) => {
        const where = `${basename(record.location.source)}${record.location.record === undefined ? '' : `#${record.location.record}`}`;
        return record.accepted && record.observation.kind === 'access-event' ? `${where} ${record.observation.eventId}` : `${where} ${record.location.field ?? '-'}: ${record.accepted ? '' : record.reason}`;
      }),
    ).toEqual([
      '111122223333_CloudTrail_us-east-1_20240301T0000Z_def.json.gz#0 e1',
      '111122223333_CloudTrail_us-east-1_20240301T0100Z_bad.json.gz -: invalid JSON at line 1, column 30 (position 29): Expected double-quoted property name',
      'notes.txt -: not a CloudTrail log file (expected .json or .json.gz)',
      '111122223333_CloudTrail_us-east-1_20240302T0305Z_abc.json.gz#0 e2',
      '111122223333_CloudTrail_us-east-1_20240302T0305Z_abc.json.gz#1 eventTime: eventTime is not an ISO 8601 date: "not a time"',
      '111122223333_CloudTrail_us-east-1_20240302T0305Z_abc.json.gz#2 e4',
    ]);
  });

  it('takes bytes out, the S3 object, the access key and the country of an S3 download', async () => {
    const records = await collect(join(dayDir('02'), '111122223333_CloudTrail_us-east-1_20240302T0305Z_abc.json.gz'));
    expect(records[0]).toMatchObject({
      accepted: true,
      observation: {
        principal: 'jdoe',
        credentialExternalId: 'AKIAIOSFODNN7EXAMPLE',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::customer-exports/all-customers.csv',
        bytes: 734003200,
        country: 'KP',
      },
    });
    expect(records[2]).toMatchObject({ accepted: true, observation: { sourceIp: null, country: null } });
  });

  it('rejects a digest file given directly, saying what it is', async () => {
    const path = join(root, 'AWSLogs', '111122223333', 'CloudTrail-Digest', 'us-east-1', '2024', '03', '01', '111122223333_CloudTrail-Digest_us-east-1_trail_us-east-1_20240301T000000Z.json.gz');
    expect(await collect(path)).toEqual([
      { accepted: false, location: { source: path }, reason: 'a CloudTrail digest file (log integrity validation), not a log file' },
    ]);
  });

  it('names the principal of an assumed role by its session ARN and of an AWS service by the service', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-cloudtrail-'));
    const path = join(dir, 'roles.json');
    const assumed = getObject('r1', {
      userIdentity: { type: 'AssumedRole', principalId: 'AROAEXAMPLE:dev@example.com', arn: 'arn:aws:sts::111122223333:assumed-role/Admin/dev@example.com', accessKeyId: 'ASIAEXAMPLE' },
    });
    const service = getObject('r2', { userIdentity: { type: 'AWSService', invokedBy: 'cloudtrail.amazonaws.com' }, sourceIPAddress: 'cloudtrail.amazonaws.com' });
    const nobody = getObject('r3', { userIdentity: { type: 'Unknown' } });
    writeFileSync(path, JSON.stringify({ Records: [assumed, service, nobody] }));
    const records = await collect(path);
    expect(records.map((record) => (record.accepted && record.observation.kind === 'access-event' ? record.observation.principal : record.accepted ? '' : record.reason))).toEqual([
      'arn:aws:sts::111122223333:assumed-role/Admin/dev@example.com',
      'cloudtrail.amazonaws.com',
      'no principal in userIdentity (userName, arn or principalId)',
    ]);
  });
});

describe('cloudTrailFileSource: bytes sent out, in every shape CloudTrail and its exports write them', () => {
  it.each([
    ['an integer', { bytesTransferredIn: 0, bytesTransferredOut: 1024 }, 1024],
    ['a float, as S3 writes it', { bytesTransferredIn: 0.0, bytesTransferredOut: 339117.0 }, 339117],
    ['a numeric string (an export)', { bytesTransferredOut: '5000000000' }, 5e9],
    ['additionalEventData as a JSON string (CloudTrail Lake, Athena)', JSON.stringify({ bytesTransferredOut: 2048.0 }), 2048],
    ['another key case', { BytesTransferredOut: 77 }, 77],
    ['only bytes sent in (a PutObject): no volume out', { bytesTransferredIn: 9e9 }, null],
    ['no additionalEventData (a management event): no volume', undefined, null],
    ['a negative value: not a size', { bytesTransferredOut: -1 }, null],
  ])('reads %s', async (_case, additionalEventData, bytes) => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-cloudtrail-bytes-'));
    const path = join(dir, 'bytes.json');
    writeFileSync(path, JSON.stringify({ Records: [getObject('b1', { additionalEventData })] }));
    const [record] = await collect(path);
    expect(record).toMatchObject({ accepted: true, observation: { bytes } });
  });
});
