import {
  DescribeKeyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListKeysCommand,
  paginateListAliases,
  paginateListKeyRotations,
  paginateListKeys,
  paginateListResourceTags,
  type KeyListEntry,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { ENVIRONMENTS } from '@postureboard/domain';
import { z } from 'zod';
import type { CollectContext, ConnectionTestResult, Connector } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { AWS_SECRET_FIELDS, awsClientOptions, awsConnectionSchema, callSignal, requireKeyPair } from '../core/util/aws-connection.config.js';
import { awsFailure, describeAwsError } from '../core/util/aws-error.util.js';
import { kmsKeyObservation, supportsAutomaticRotation, type KmsKeyFacts } from './kms-key.mapper.js';

export const awsKmsConfigSchema = awsConnectionSchema
  .extend({
    /** The account's environment; when unset it is read from each key's tags, aliases and description. */
    environment: z.enum(ENVIRONMENTS).optional(),
    /** AWS-managed keys (`aws/s3`, ...) rotate yearly by themselves; include them for a full inventory. */
    includeAwsManaged: z.boolean().default(true),
    /** Keys described at the same time. */
    concurrency: z.number().int().min(1).max(32).default(8),
  })
  .superRefine(requireKeyPair);

export type AwsKmsConfig = z.output<typeof awsKmsConfigSchema>;

type Call = <T>(action: string, run: (abortSignal: AbortSignal) => Promise<T>) => Promise<T>;

/**
 * KMS keys of one region: ListKeys and ListAliases (paginated), then per key DescribeKey,
 * GetKeyRotationStatus and ListKeyRotations where rotation applies, and ListResourceTags for
 * customer-managed keys. A key that cannot be described is one rejection; the rest still land.
 */
export const awsKmsConnector: Connector<AwsKmsConfig> = {
  type: 'aws-kms',
  displayName: 'AWS KMS keys',
  configSchema: awsKmsConfigSchema,
  secretFields: AWS_SECRET_FIELDS,

  async test(config: AwsKmsConfig, context: CollectContext): Promise<ConnectionTestResult> {
    const client = new KMSClient(awsClientOptions(config));
    try {
      await client.send(new ListKeysCommand({ Limit: 1 }), { abortSignal: callSignal(context.signal, config) });
      return { ok: true, message: `AWS KMS reachable in ${config.region}: keys can be listed` };
    } catch (error) {
      return { ok: false, message: describeAwsError(error, 'kms:ListKeys') };
    } finally {
      client.destroy();
    }
  },

  collect(config: AwsKmsConfig, context: CollectContext): AsyncIterable<CollectedRecord> {
    return collectKeys(config, context);
  },
};

async function* collectKeys(config: AwsKmsConfig, context: CollectContext): AsyncGenerator<CollectedRecord> {
  const client = new KMSClient(awsClientOptions(config));
  const source = `aws-kms:${config.region}`;
  const call: Call = async (action, run) => {
    try {
      return await run(callSignal(context.signal, config));
    } catch (error) {
      throw awsFailure(error, action);
    }
  };
  try {
    const aliases = await listAliases(client, call);
    let record = 0;
    const pages = paginateListKeys({ client, pageSize: 1000 }, {}, { abortSignal: context.signal });
    for await (const page of withFailure(pages, 'kms:ListKeys')) {
      const keys = page.Keys ?? [];
      for (let start = 0; start < keys.length; start += config.concurrency) {
        const batch = keys.slice(start, start + config.concurrency);
        const results = await Promise.all(batch.map((key) => describe(client, call, key, aliases, config, context)));
        for (const result of results) {
          const location = { source, record };
          record += 1;
          if (result === null) continue;
          yield 'reason' in result
            ? { accepted: false, location, reason: result.reason }
            : { accepted: true, location, observation: kmsKeyObservation(result.metadata, result.facts, { now: context.now, environment: config.environment }) };
        }
      }
    }
  } finally {
    client.destroy();
  }
}

type Described = { metadata: KeyMetadata; facts: KmsKeyFacts } | { reason: string } | null;

async function describe(
  client: KMSClient,
  call: Call,
  key: KeyListEntry,
  aliases: ReadonlyMap<string, string[]>,
  config: AwsKmsConfig,
  context: CollectContext,
): Promise<Described> {
  const keyId = key.KeyId ?? key.KeyArn ?? '';
  let described: KeyMetadata | undefined;
  try {
    described = (await call('kms:DescribeKey', (abortSignal) => client.send(new DescribeKeyCommand({ KeyId: keyId }), { abortSignal }))).KeyMetadata;
  } catch (error) {
    context.signal.throwIfAborted();
    return { reason: `${key.KeyArn ?? keyId}: ${(error as Error).message}` };
  }
  const metadata = described;
  if (!metadata) return { reason: `${key.KeyArn ?? keyId}: kms:DescribeKey returned no KeyMetadata` };
  if (metadata.KeyManager === 'AWS' && !config.includeAwsManaged) return null;
  const facts: KmsKeyFacts = {
    aliases: aliases.get(metadata.KeyId ?? keyId) ?? [],
    tags: {},
    rotationEnabled: null,
    rotationPeriodInDays: null,
    nextRotationDate: null,
    lastRotatedAt: null,
    rotationLookupError: null,
  };
  // Rotation and tags enrich the key; a refusal there leaves a gap in evidence, not a lost key.
  const refusals: string[] = [];
  const optional = async (action: string, run: () => Promise<void>): Promise<void> => {
    try {
      await run();
    } catch (error) {
      context.signal.throwIfAborted();
      refusals.push(`${action}: ${errorName(error)}`);
    }
  };
  if (supportsAutomaticRotation(metadata)) {
    await optional('kms:GetKeyRotationStatus', async () => {
      const status = await client.send(new GetKeyRotationStatusCommand({ KeyId: metadata.KeyId }), { abortSignal: callSignal(context.signal, config) });
      facts.rotationEnabled = status.KeyRotationEnabled ?? null;
      facts.rotationPeriodInDays = status.RotationPeriodInDays ?? null;
      facts.nextRotationDate = status.NextRotationDate ?? null;
    });
  } else {
    facts.rotationEnabled = false;
  }
  if (metadata.KeySpec === 'SYMMETRIC_DEFAULT') {
    await optional('kms:ListKeyRotations', async () => {
      const pages = paginateListKeyRotations({ client, pageSize: 1000 }, { KeyId: metadata.KeyId }, { abortSignal: callSignal(context.signal, config) });
      for await (const page of pages) {
        for (const rotation of page.Rotations ?? []) {
          if (rotation.RotationDate && (!facts.lastRotatedAt || rotation.RotationDate > facts.lastRotatedAt)) facts.lastRotatedAt = rotation.RotationDate;
        }
      }
    });
  }
  if (metadata.KeyManager === 'CUSTOMER') {
    await optional('kms:ListResourceTags', async () => {
      const pages = paginateListResourceTags({ client, pageSize: 50 }, { KeyId: metadata.KeyId }, { abortSignal: callSignal(context.signal, config) });
      for await (const page of pages) {
        for (const tag of page.Tags ?? []) if (tag.TagKey) facts.tags = { ...facts.tags, [tag.TagKey]: tag.TagValue ?? '' };
      }
    });
  }
  facts.rotationLookupError = refusals.length > 0 ? refusals.join('; ') : null;
  return { metadata, facts };
}

/** Alias names by target key id; aliases that name no key (reserved AWS aliases) are left out. */
async function listAliases(client: KMSClient, call: Call): Promise<Map<string, string[]>> {
  return call('kms:ListAliases', async (abortSignal) => {
    const byKey = new Map<string, string[]>();
    for await (const page of paginateListAliases({ client, pageSize: 100 }, {}, { abortSignal })) {
      for (const alias of page.Aliases ?? []) {
        if (!alias.TargetKeyId || !alias.AliasName) continue;
        byKey.set(alias.TargetKeyId, [...(byKey.get(alias.TargetKeyId) ?? []), alias.AliasName]);
      }
    }
    return byKey;
  });
}

async function* withFailure<T>(pages: AsyncIterable<T>, action: string): AsyncGenerator<T> {
  const iterator = pages[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<T>;
    try {
      next = await iterator.next();
    } catch (error) {
      throw awsFailure(error, action);
    }
    if (next.done) return;
    yield next.value;
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : String(error);
}
