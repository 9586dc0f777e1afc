import { z } from 'zod';
import { GuardedHttpAgent, GuardedHttpsAgent } from '../net/outbound-guard.js';

/**
 * How to reach an AWS API. Without an access key the SDK's default chain applies (environment,
 * instance or task role). `endpoint` serves VPC endpoints and test doubles.
 */
export const awsConnectionSchema = z.object({
  region: z.string().min(1).default('us-east-1'),
  accessKeyId: z.string().min(1).optional(),
  secretAccessKey: z.string().min(1).optional(),
  sessionToken: z.string().min(1).optional(),
  endpoint: z.url().optional(),
  /** Per request: connection and socket inactivity, and the whole call including retries. */
  requestTimeoutMs: z.number().int().positive().default(30_000),
});

export type AwsConnectionConfig = z.output<typeof awsConnectionSchema>;

export const AWS_SECRET_FIELDS = ['secretAccessKey', 'sessionToken'] as const;

/** An access key id without its secret (or the reverse) is a configuration mistake, not a fallback. */
export function requireKeyPair(config: { accessKeyId?: string; secretAccessKey?: string }, ctx: z.RefinementCtx): void {
  if (Boolean(config.accessKeyId) !== Boolean(config.secretAccessKey)) {
    ctx.addIssue({
      code: 'custom',
      path: [config.accessKeyId ? 'secretAccessKey' : 'accessKeyId'],
      message: 'accessKeyId and secretAccessKey go together: set both, or neither to use the default credential chain',
    });
  }
}

/** The constructor options shared by the SDK clients (IAMClient, KMSClient, ...). */
export function awsClientOptions(config: AwsConnectionConfig) {
  return {
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.accessKeyId && config.secretAccessKey
      ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey, sessionToken: config.sessionToken } }
      : {}),
    maxAttempts: 3,
    // Without throwOnRequestTimeout the SDK only warns when a request outlives its timeout and keeps waiting.
    // The endpoint is tenant configuration: its connections go through the outbound gate like any connector's.
    requestHandler: {
      connectionTimeout: config.requestTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      throwOnRequestTimeout: true,
      httpAgent: new GuardedHttpAgent({ keepAlive: true }),
      httpsAgent: new GuardedHttpsAgent({ keepAlive: true }),
    },
  };
}

/** Aborts a call when the run is cancelled or when the call alone has taken too long. */
export function callSignal(runSignal: AbortSignal, config: AwsConnectionConfig): AbortSignal {
  return AbortSignal.any([runSignal, AbortSignal.timeout(config.requestTimeoutMs)]);
}
