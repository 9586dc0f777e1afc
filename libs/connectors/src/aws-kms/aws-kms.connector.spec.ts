import {
  DescribeKeyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  KMSServiceException,
  ListAliasesCommand,
  ListKeyRotationsCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import type { CollectContext } from '../core/connector.js';
import type { CollectedRecord, CredentialObservation } from '../core/observation.js';
import { awsKmsConfigSchema, awsKmsConnector, type AwsKmsConfig } from './aws-kms.connector.js';

const ACCOUNT = '111122223333';
const arn = (id: string): string => `arn:aws:kms:us-east-1:${ACCOUNT}:key/${id}`;
const context: CollectContext = { signal: new AbortController().signal, now: new Date('2025-06-01T00:00:00Z') };
const config = (overrides: Partial<AwsKmsConfig> = {}): AwsKmsConfig =>
  awsKmsConfigSchema.parse({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-real-secret', ...overrides });

/** DescribeKey's KeyMetadata as the KMS API reference shows it, per kind of key. */
const keys: Record<string, KeyMetadata> = {
  payments: {
    AWSAccountId: ACCOUNT, KeyId: 'k-payments', Arn: arn('k-payments'), CreationDate: new Date('2019-03-01T10:00:00Z'), Enabled: true,
    Description: 'card data envelope key', KeyUsage: 'ENCRYPT_DECRYPT', KeyState: 'Enabled', Origin: 'AWS_KMS', KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT', KeySpec: 'SYMMETRIC_DEFAULT', EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'], MultiRegion: false,
  },
  s3: {
    AWSAccountId: ACCOUNT, KeyId: 'k-aws-s3', Arn: arn('k-aws-s3'), CreationDate: new Date('2016-01-10T00:00:00Z'), Enabled: true,
    Description: 'Default key that protects my S3 objects when no other key is defined', KeyUsage: 'ENCRYPT_DECRYPT', KeyState: 'Enabled',
    Origin: 'AWS_KMS', KeyManager: 'AWS', KeySpec: 'SYMMETRIC_DEFAULT', MultiRegion: false,
  },
  signing: {
    AWSAccountId: ACCOUNT, KeyId: 'k-token-signing', Arn: arn('k-token-signing'), CreationDate: new Date('2015-06-24T00:00:00Z'), Enabled: true,
    Description: 'auth token signing', KeyUsage: 'SIGN_VERIFY', KeyState: 'Enabled', Origin: 'AWS_KMS', KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: 'RSA_2048', KeySpec: 'RSA_2048', SigningAlgorithms: ['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PSS_SHA_256'], MultiRegion: false,
  },
  hmac: {
    AWSAccountId: ACCOUNT, KeyId: 'k-hmac', Arn: arn('k-hmac'), CreationDate: new Date('2022-02-02T00:00:00Z'), Enabled: false,
    Description: '', KeyUsage: 'GENERATE_VERIFY_MAC', KeyState: 'Disabled', Origin: 'AWS_KMS', KeyManager: 'CUSTOMER',
    KeySpec: 'HMAC_256', MacAlgorithms: ['HMAC_SHA_256'], MultiRegion: false,
  },
  imported: {
    AWSAccountId: ACCOUNT, KeyId: 'k-imported', Arn: arn('k-imported'), CreationDate: new Date('2021-01-01T00:00:00Z'), Enabled: true,
    Description: 'BYOK for staging', KeyUsage: 'ENCRYPT_DECRYPT', KeyState: 'Enabled', Origin: 'EXTERNAL', KeyManager: 'CUSTOMER',
    KeySpec: 'SYMMETRIC_DEFAULT', ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo: new Date('2026-01-01T00:00:00Z'), MultiRegion: false,
  },
  doomed: {
    AWSAccountId: ACCOUNT, KeyId: 'k-doomed', Arn: arn('k-doomed'), CreationDate: new Date('2020-05-05T00:00:00Z'), Enabled: false,
    KeyUsage: 'ENCRYPT_DECRYPT', KeyState: 'PendingDeletion', DeletionDate: new Date('2025-06-08T00:00:00Z'), PendingDeletionWindowInDays: 7,
    Origin: 'AWS_KMS', KeyManager: 'CUSTOMER', KeySpec: 'SYMMETRIC_DEFAULT', MultiRegion: false,
  },
};

function kmsError(name: string, status: number): KMSServiceException {
  return new KMSServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} from KMS` });
}

async function collect(cfg: AwsKmsConfig): Promise<CollectedRecord[]> {
  const out: CollectedRecord[] = [];
  for await (const record of awsKmsConnector.collect(cfg, context)) out.push(record);
  return out;
}

function byKeyId(records: CollectedRecord[]): Record<string, CredentialObservation> {
  return Object.fromEntries(
    records.flatMap((r) => (r.accepted && r.observation.kind === 'credential' ? [[String(r.observation.attributes.keyId), r.observation]] : [])),
  );
}

describe('aws-kms connector', () => {
  const kms = mockClient(KMSClient);
  afterAll(() => kms.restore());
  beforeEach(() => {
    kms.reset();
    kms
      .on(ListKeysCommand)
      .resolvesOnce({ Keys: ['payments', 's3', 'signing'].map((k) => ({ KeyId: keys[k].KeyId, KeyArn: keys[k].Arn })), Truncated: true, NextMarker: 'm1' })
      .resolves({ Keys: [...['hmac', 'imported', 'doomed'].map((k) => ({ KeyId: keys[k].KeyId, KeyArn: keys[k].Arn })), { KeyId: 'k-locked', KeyArn: arn('k-locked') }], Truncated: false });
    kms
      .on(ListAliasesCommand)
      .resolvesOnce({ Aliases: [{ AliasName: 'alias/payments-prod', AliasArn: `arn:aws:kms:us-east-1:${ACCOUNT}:alias/payments-prod`, TargetKeyId: 'k-payments' }, { AliasName: 'alias/aws/ebs', AliasArn: `arn:aws:kms:us-east-1:${ACCOUNT}:alias/aws/ebs` }], Truncated: true, NextMarker: 'a1' })
      .resolves({ Aliases: [{ AliasName: 'alias/aws/s3', TargetKeyId: 'k-aws-s3' }, { AliasName: 'alias/card-data', TargetKeyId: 'k-payments' }, { AliasName: 'alias/token-signing', TargetKeyId: 'k-token-signing' }], Truncated: false });
    for (const metadata of Object.values(keys)) kms.on(DescribeKeyCommand, { KeyId: metadata.KeyId }).resolves({ KeyMetadata: metadata });
    kms.on(DescribeKeyCommand, { KeyId: 'k-locked' }).rejects(kmsError('AccessDeniedException', 400));
    kms.on(GetKeyRotationStatusCommand, { KeyId: 'k-payments' }).resolves({ KeyId: 'k-payments', KeyRotationEnabled: true, RotationPeriodInDays: 365, NextRotationDate: new Date('2026-03-01T10:00:00Z') });
    kms.on(GetKeyRotationStatusCommand, { KeyId: 'k-aws-s3' }).resolves({ KeyId: 'k-aws-s3', KeyRotationEnabled: true, RotationPeriodInDays: 365, NextRotationDate: new Date('2026-01-10T00:00:00Z') });
    kms.on(GetKeyRotationStatusCommand, { KeyId: 'k-doomed' }).rejects(kmsError('KMSInvalidStateException', 400));
    kms.on(ListKeyRotationsCommand).resolves({ Rotations: [], Truncated: false });
    kms.on(ListKeyRotationsCommand, { KeyId: 'k-payments' }).resolves({
      Rotations: [
        { KeyId: 'k-payments', RotationDate: new Date('2024-03-01T10:00:00Z'), RotationType: 'AUTOMATIC' },
        { KeyId: 'k-payments', RotationDate: new Date('2025-03-01T10:00:00Z'), RotationType: 'AUTOMATIC' },
        { KeyId: 'k-payments', RotationDate: new Date('2024-09-15T08:00:00Z'), RotationType: 'ON_DEMAND' },
      ],
      Truncated: false,
    });
    kms.on(ListResourceTagsCommand).resolves({ Tags: [], Truncated: false });
    kms.on(ListResourceTagsCommand, { KeyId: 'k-token-signing' }).resolves({ Tags: [{ TagKey: 'Environment', TagValue: 'Production' }, { TagKey: 'Owner', TagValue: 'auth-platform' }], Truncated: false });
  });

  it('reads every key across ListKeys pages, with aliases, rotation, tags and state, and rejects only the key it cannot describe', async () => {
    const records = await collect(config());
    expect(records.map((r) => r.location)).toEqual([0, 1, 2, 3, 4, 5, 6].map((record) => ({ source: 'aws-kms:us-east-1', record })));
    expect(records[6]).toEqual({
      accepted: false,
      location: { source: 'aws-kms:us-east-1', record: 6 },
      reason: `${arn('k-locked')}: AWS denied kms:DescribeKey (AccessDeniedException: AccessDeniedException from KMS); grant the permission to the configured principal`,
    });
    const observed = byKeyId(records);
    expect(observed['k-payments']).toEqual({
      kind: 'credential',
      credentialKind: 'KMS_KEY',
      externalId: arn('k-payments'),
      name: 'alias/card-data',
      algorithm: 'SYMMETRIC_DEFAULT',
      environment: 'PRODUCTION',
      status: 'ACTIVE',
      createdAt: new Date('2019-03-01T10:00:00Z'),
      lastRotatedAt: new Date('2025-03-01T10:00:00Z'),
      expiresAt: null,
      deactivatedAt: null,
      lastUsedAt: null,
      useObserved: false,
      owner: null,
      ageFromFirstSeen: false,
      attributes: {
        keyId: 'k-payments',
        accountId: ACCOUNT,
        aliases: 'alias/card-data, alias/payments-prod',
        description: 'card data envelope key',
        keyManager: 'CUSTOMER',
        keySpec: 'SYMMETRIC_DEFAULT',
        keyUsage: 'ENCRYPT_DECRYPT',
        origin: 'AWS_KMS',
        keyState: 'Enabled',
        multiRegion: false,
        automaticRotationSupported: true,
        rotationEnabled: true,
        rotationPeriodInDays: 365,
        nextRotationDate: '2026-03-01T10:00:00.000Z',
        rotationLookupError: null,
        expirationModel: null,
        deletionDate: null,
        customKeyStoreId: null,
      },
    });
    expect(observed['k-aws-s3']).toMatchObject({ name: 'alias/aws/s3', status: 'ACTIVE', lastRotatedAt: null, attributes: { keyManager: 'AWS', rotationEnabled: true } });
    // asymmetric and HMAC keys cannot rotate automatically: no rotation calls, age from creation
    expect(observed['k-token-signing']).toMatchObject({
      algorithm: 'RSA_2048', environment: 'PRODUCTION', owner: 'auth-platform', createdAt: new Date('2015-06-24T00:00:00Z'), lastRotatedAt: null,
      attributes: { keyUsage: 'SIGN_VERIFY', automaticRotationSupported: false, rotationEnabled: false },
    });
    expect(observed['k-hmac']).toMatchObject({ algorithm: 'HMAC_256', status: 'INACTIVE', attributes: { automaticRotationSupported: false, rotationEnabled: false } });
    expect(observed['k-imported']).toMatchObject({
      environment: 'STAGING', status: 'ACTIVE', createdAt: new Date('2021-01-01T00:00:00Z'), expiresAt: new Date('2026-01-01T00:00:00Z'),
      attributes: { origin: 'EXTERNAL', automaticRotationSupported: false, rotationEnabled: false, expirationModel: 'KEY_MATERIAL_EXPIRES' },
    });
    expect(observed['k-doomed']).toMatchObject({
      status: 'REVOKED',
      attributes: { deletionDate: '2025-06-08T00:00:00.000Z', rotationEnabled: null, rotationLookupError: 'kms:GetKeyRotationStatus: KMSInvalidStateException' },
    });
    expect(kms.commandCalls(GetKeyRotationStatusCommand).map((c) => c.args[0].input.KeyId).sort()).toEqual(['k-aws-s3', 'k-doomed', 'k-payments']);
    expect(kms.commandCalls(ListResourceTagsCommand).map((c) => c.args[0].input.KeyId)).not.toContain('k-aws-s3');
  });

  it('leaves AWS-managed keys out when asked to', async () => {
    const records = await collect(config({ includeAwsManaged: false }));
    expect(Object.keys(byKeyId(records)).sort()).toEqual(['k-doomed', 'k-hmac', 'k-imported', 'k-payments', 'k-token-signing']);
  });

  it('keeps imported key material valid until its ValidTo whatever the run date, never EXPIRED from the clock', async () => {
    const records = await collect(config());
    const later: CollectContext = { ...context, now: new Date('2026-02-01T00:00:00Z') };
    const out: CollectedRecord[] = [];
    for await (const record of awsKmsConnector.collect(config(), later)) out.push(record);
    // The same observation on both run dates: the end of validity is expiresAt, judged at each asOf.
    expect(byKeyId(out)['k-imported']).toEqual(byKeyId(records)['k-imported']);
    expect(byKeyId(out)['k-imported']).toMatchObject({ status: 'ACTIVE', expiresAt: expect.any(Date), deactivatedAt: null });
  });

  it('fails the run with a clear error when keys cannot be listed at all', async () => {
    kms.on(ListKeysCommand).rejects(kmsError('KMSInternalException', 500));
    await expect(collect(config())).rejects.toThrow('AWS answered HTTP 500 (KMSInternalException) to kms:ListKeys: KMSInternalException from KMS; the service failed, try again later');
  });

  it('tests the connection with ListKeys and explains bad credentials', async () => {
    expect(await awsKmsConnector.test(config(), context)).toEqual({ ok: true, message: 'AWS KMS reachable in us-east-1: keys can be listed' });
    kms.on(ListKeysCommand).rejects(kmsError('UnrecognizedClientException', 400));
    expect((await awsKmsConnector.test(config(), context)).message).toMatch(/^AWS rejected the credentials for kms:ListKeys \(UnrecognizedClientException/);
  });
});
