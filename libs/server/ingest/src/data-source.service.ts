import { Injectable } from '@nestjs/common';
import { CONNECTORS, connectorFor } from '@postureboard/connectors';
import { dataSourceCategoryOf, type DataSourceCategory } from '@postureboard/domain';
import { type SecretBox } from '@postureboard/server-core';
import {
  type DataSourceRecord,
  DataSourceRepository,
  type IngestRunRecord,
  IngestRunRepository,
  PgClientRepository,
} from '@postureboard/server-database';
import { IngestError, IngestErrorCode } from './ingest.error.js';
import { IngestService } from './ingest.service.js';
import { checkCron } from './queue/cron-schedule.util.js';
import { type ConfigValues, DataSourceSecrets, keepOmittedSecrets, secretFieldsSet, splitSecrets } from './secrets/data-source-secrets.js';

export const FRESHNESS = ['FRESH', 'STALE', 'NEVER'] as const;
export type Freshness = (typeof FRESHNESS)[number];

/** A data source as the API may show it: the names of its secret fields that are set, never their values. */
export interface DataSourceView {
  id: string;
  type: string;
  name: string;
  category: DataSourceCategory | null;
  enabled: boolean;
  schedule: string | null;
  config: ConfigValues;
  secretFieldsSet: string[];
  expectedFreshnessHours: number;
  lastSuccessfulRunAt: Date | null;
  freshness: Freshness;
  lastRun: IngestRunRecord | null;
}

export interface ConfigureDataSource {
  type: string;
  name: string;
  /** JSON text of the whole configuration, secrets included (write-only). */
  config: string;
  schedule?: string | null;
}

export function freshnessOf(lastSuccessfulRunAt: Date | null, expectedFreshnessHours: number, now: Date): Freshness {
  if (!lastSuccessfulRunAt) return 'NEVER';
  return now.getTime() - lastSuccessfulRunAt.getTime() > expectedFreshnessHours * 3_600_000 ? 'STALE' : 'FRESH';
}

/** Configured connectors: validation by the connector's own schema, secrets sealed, freshness. */
@Injectable()
export class DataSourceService {
  constructor(
    private readonly ingest: IngestService,
    private readonly dataSources: DataSourceRepository,
    private readonly runs: IngestRunRepository,
    private readonly secrets: DataSourceSecrets,
    private readonly pg: PgClientRepository,
  ) {}

  async list(orgSlug: string, now: Date = new Date()): Promise<DataSourceView[]> {
    const organization = await this.ingest.organization(orgSlug);
    const sources = await this.dataSources.listByOrganization(organization.id);
    const lastRuns = await this.runs.lastRunsOf(sources.map((s) => s.id));
    return sources.map((source) => this.view(source, lastRuns.get(source.id) ?? null, now));
  }

  async configure(orgSlug: string, input: ConfigureDataSource, now: Date = new Date()): Promise<DataSourceView> {
    const organization = await this.ingest.organization(orgSlug);
    const connector = connectorFor(input.type);
    if (!connector) {
      throw new IngestError(
        IngestErrorCode.UNKNOWN_SOURCE,
        `No connector pulls "${input.type}": expected one of ${CONNECTORS.map((c) => c.type).join(', ')} (file sources are ingested, not configured)`,
      );
    }
    const name = input.name.trim();
    if (!name) throw new IngestError(IngestErrorCode.INVALID_CONFIG, 'A data source needs a name');
    const schedule = input.schedule?.trim() || null;
    const cronProblem = schedule ? checkCron(schedule) : null;
    if (cronProblem) throw new IngestError(IngestErrorCode.INVALID_CONFIG, `schedule: ${cronProblem}`);

    const scope = { organizationId: organization.id, name };
    const existing = await this.dataSources.findByName(organization.id, name);
    const previousSecrets = existing?.type === input.type ? this.secrets.open(scope, existing.secretCiphertext) : {};
    const parsed = connector.configSchema.safeParse(keepOmittedSecrets(parseConfigText(input.config), previousSecrets, connector.secretFields));
    if (!parsed.success) {
      // Zod's messages name the field and the expectation, never the value given: safe to return.
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(config)'}: ${issue.message}`);
      throw new IngestError(IngestErrorCode.INVALID_CONFIG, `Invalid ${input.type} configuration: ${problems.join('; ')}`);
    }
    const { plain, secrets } = splitSecrets(parsed.data as ConfigValues, connector.secretFields);
    const saved = await this.dataSources.upsert({
      organizationId: organization.id,
      type: input.type,
      name,
      config: plain,
      secretCiphertext: this.secrets.seal(scope, secrets),
      schedule,
    });
    const lastRuns = await this.runs.lastRunsOf([saved.id]);
    return this.view(saved, lastRuns.get(saved.id) ?? null, now);
  }

  /**
   * Re-seals every data source secret under `to` in one transaction (all or nothing); `from` is the key in
   * use. Returns how many sources were re-encrypted.
   */
  async resealAll(to: SecretBox, from?: SecretBox): Promise<number> {
    return this.pg.transaction(async (client) => {
      const sealed = await this.dataSources.listWithSecrets(client);
      for (const source of sealed) {
        await this.dataSources.replaceSecret(client, source.id, this.secrets.reseal(source, source.secretCiphertext, to, from));
      }
      return sealed.length;
    });
  }

  private view(source: DataSourceRecord, lastRun: IngestRunRecord | null, now: Date): DataSourceView {
    let secretNames: string[];
    try {
      secretNames = secretFieldsSet(this.secrets.open(source, source.secretCiphertext));
    } catch {
      // Sealed under another key: the names cannot be read either; say that something is set.
      secretNames = source.secretCiphertext ? ['(sealed under another key)'] : [];
    }
    return {
      id: source.id,
      type: source.type,
      name: source.name,
      category: dataSourceCategoryOf(source.type) ?? null,
      enabled: source.enabled,
      schedule: source.schedule,
      config: source.config,
      secretFieldsSet: secretNames,
      expectedFreshnessHours: source.expectedFreshnessHours,
      lastSuccessfulRunAt: source.lastSuccessfulRunAt,
      freshness: freshnessOf(source.lastSuccessfulRunAt, source.expectedFreshnessHours, now),
      lastRun,
    };
  }
}

function parseConfigText(text: string): ConfigValues {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // JSON.parse quotes the text around the fault, which may be a secret: say only where the problem is.
    throw new IngestError(IngestErrorCode.INVALID_CONFIG, 'config is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new IngestError(IngestErrorCode.INVALID_CONFIG, 'config must be a JSON object');
  }
  return value as ConfigValues;
}
