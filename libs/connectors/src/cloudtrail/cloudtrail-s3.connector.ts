import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import type { CollectContext, Connector } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { collectJsonRecords } from '../core/readers/json-collect.util.js';
import { SourceRequestError, connectionCheck } from '../core/readers/json-http.client.js';
import { documentRecords } from '../core/readers/json-records.reader.js';
import { GuardedHttpAgent, GuardedHttpsAgent } from '../core/net/outbound-guard.js';
import { bufferToText } from '../core/readers/json-text.reader.js';
import { codeOf, messageOf } from '../core/readers/json-value.util.js';
import { countryForIp } from '../geoip/geoip.resolver.js';
import { parseCloudTrailRecord, unwrapCloudTrail } from './cloudtrail-record.parser.js';
import { CLOUDTRAIL_DIGEST_FOLDER, CLOUDTRAIL_LOG_FILE } from './cloudtrail.file-source.js';

export const cloudTrailS3ConfigSchema = z.object({
  bucket: z.string().min(3),
  /** Where the trail writes, e.g. `AWSLogs/111122223333/CloudTrail/` (or with the trail's own prefix before it). */
  prefix: z.string().default('AWSLogs/'),
  region: z.string().min(1).default('us-east-1'),
  /** Only keys after this one (CloudTrail keys sort by time within a region folder): for incremental pulls. */
  startAfter: z.string().optional(),
  /** An S3-compatible endpoint (tests, MinIO, VPC endpoints); AWS's own when absent. */
  endpoint: z.url({ protocol: /^https?$/ }).optional(),
  forcePathStyle: z.boolean().default(false),
  /** Static credentials; without them the AWS SDK's default chain applies (environment, profile, instance role). */
  accessKeyId: z.string().min(1).optional(),
  secretAccessKey: z.string().min(1).optional(),
  sessionToken: z.string().min(1).optional(),
  timeoutMs: z.number().int().positive().max(300_000).default(60_000),
});
export type CloudTrailS3Config = z.infer<typeof cloudTrailS3ConfigSchema>;

/** CloudTrail log files pulled from the trail's S3 bucket: ListObjectsV2, then GetObject one file at a time. */
export const cloudTrailS3Connector: Connector<CloudTrailS3Config> = {
  type: 'cloudtrail',
  displayName: 'AWS CloudTrail (S3 bucket)',
  configSchema: cloudTrailS3ConfigSchema,
  secretFields: ['secretAccessKey', 'sessionToken'],

  test: (config, context) =>
    connectionCheck(async () => {
      const client = clientFor(config);
      try {
        const page = await send(config, context, `s3://${config.bucket}/${config.prefix}`, (abortSignal) =>
          client.send(new ListObjectsV2Command({ Bucket: config.bucket, Prefix: config.prefix, MaxKeys: 1 }), { abortSignal }),
        );
        return `s3://${config.bucket}/${config.prefix} is readable (${(page.KeyCount ?? 0) > 0 ? 'log files found' : 'no objects yet'})`;
      } finally {
        client.destroy();
      }
    }),

  async *collect(config: CloudTrailS3Config, context: CollectContext): AsyncGenerator<CollectedRecord> {
    const client = clientFor(config);
    try {
      let continuationToken: string | undefined;
      do {
        const page = await send(config, context, `s3://${config.bucket}/${config.prefix}`, (abortSignal) =>
          client.send(
            new ListObjectsV2Command({
              Bucket: config.bucket,
              Prefix: config.prefix,
              StartAfter: continuationToken === undefined ? config.startAfter : undefined,
              ContinuationToken: continuationToken,
            }),
            { abortSignal },
          ),
        );
        for (const object of page.Contents ?? []) {
          const key = object.Key;
          if (key === undefined || !CLOUDTRAIL_LOG_FILE.test(key) || key.includes(`/${CLOUDTRAIL_DIGEST_FOLDER}/`)) continue;
          yield* collectObject(client, config, context, key);
        }
        continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (continuationToken !== undefined);
    } finally {
      client.destroy();
    }
  },
};

async function* collectObject(client: S3Client, config: CloudTrailS3Config, context: CollectContext, key: string): AsyncGenerator<CollectedRecord> {
  const source = `s3://${config.bucket}/${key}`;
  let text: string;
  try {
    const object = await send(config, context, source, (abortSignal) => client.send(new GetObjectCommand({ Bucket: config.bucket, Key: key }), { abortSignal }));
    if (object.Body === undefined) throw new SourceRequestError(`S3 returned no body for ${source}`, 'invalid-response');
    text = bufferToText(Buffer.from(await object.Body.transformToByteArray()), source, context.limits);
  } catch (error) {
    // One unreadable object (deleted since the listing, no KMS grant, corrupt gzip) costs only itself;
    // an unreachable or failing S3 fails the run.
    const objectLevel = error instanceof SourceRequestError && (error.kind === 'not-found' || error.kind === 'forbidden');
    const corrupt = (codeOf(error) ?? '').startsWith('Z_');
    if (!objectLevel && !corrupt) throw error;
    const reason = corrupt ? `not a readable gzip file (${messageOf(error)})` : messageOf(error);
    yield { accepted: false, location: { source }, reason: `could not read the log file: ${reason}` };
    return;
  }
  yield* collectJsonRecords(documentRecords(text, source, unwrapCloudTrail, context.limits), (value) => [parseCloudTrailRecord(value, { geo: countryForIp })]);
}

function clientFor(config: CloudTrailS3Config): S3Client {
  const credentials =
    config.accessKeyId && config.secretAccessKey
      ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey, sessionToken: config.sessionToken }
      : undefined;
  return new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials,
    maxAttempts: 3,
    // The endpoint is tenant configuration: its connections go through the outbound gate like any connector's.
    requestHandler: { httpAgent: new GuardedHttpAgent({ keepAlive: true }), httpsAgent: new GuardedHttpsAgent({ keepAlive: true }) },
  });
}

/** One S3 call with the run's signal and a timeout; SDK failures become messages an admin can act on. */
async function send<T>(config: CloudTrailS3Config, context: CollectContext, where: string, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const timeout = AbortSignal.timeout(config.timeoutMs);
  try {
    return await call(AbortSignal.any([context.signal, timeout]));
  } catch (error) {
    if (context.signal.aborted) throw error;
    if (timeout.aborted) throw new SourceRequestError(`S3 did not answer within ${config.timeoutMs / 1000} s (${where})`, 'timeout');
    throw describeS3Error(error, where);
  }
}

function describeS3Error(error: unknown, where: string): SourceRequestError {
  const name = typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string' ? error.name : 'Error';
  const status = httpStatusOf(error);
  const message = messageOf(error);
  if (status === undefined) {
    const code = codeOf(error) ?? /\b(E[A-Z_]{3,})\b/.exec(message)?.[1] ?? name;
    return new SourceRequestError(`could not reach S3 for ${where}: ${code} (${message.replace(/^AWS SDK error wrapper for /, '')})`, 'unreachable');
  }
  const detail = `${name}${message && message !== name && message !== 'UnknownError' ? `: ${message}` : ''}`;
  if (status === 401 || name === 'InvalidAccessKeyId' || name === 'SignatureDoesNotMatch' || name === 'ExpiredToken') {
    return new SourceRequestError(`S3 rejected the credentials for ${where} (${status} ${detail})`, 'unauthorized', status);
  }
  if (status === 403) {
    return new SourceRequestError(`S3 refused access to ${where} (${status} ${detail}): check the bucket policy and the key's KMS grants`, 'forbidden', status);
  }
  if (status === 404) return new SourceRequestError(`S3 has no ${where} (${status} ${detail})`, 'not-found', status);
  if (status >= 500) return new SourceRequestError(`S3 failed with ${status} for ${where} (${detail})`, 'server-error', status);
  return new SourceRequestError(`S3 answered ${status} for ${where} (${detail})`, 'http-error', status);
}

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return undefined;
  const metadata = error.$metadata;
  if (typeof metadata !== 'object' || metadata === null || !('httpStatusCode' in metadata)) return undefined;
  return typeof metadata.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined;
}
