import { Injectable } from '@nestjs/common';
import { type CollectedRecord, connectorFor, FILE_SOURCES, fileSourceFor, InputLimitError } from '@postureboard/connectors';
import { DataSourceRepository, type IngestRunRecord } from '@postureboard/server-database';
import { IngestError, IngestErrorCode } from '../ingest.error.js';
import { DataSourceSecrets } from '../secrets/data-source-secrets.js';
import type { RunInput } from './ingest-run.executor.js';

/** Failures found before reading (a deleted source, a secret that no longer opens) still end as a FAILED run. */
const failing = (label: string, error: unknown): RunInput => ({
  label,
  // eslint-disable-next-line require-yield
  records: async function* (): AsyncGenerator<CollectedRecord> {
    throw error;
  },
});

/** Builds what a run reads: a file through its file source, or a configured connector's pull. */
@Injectable()
export class RunInputFactory {
  constructor(
    private readonly dataSources: DataSourceRepository,
    private readonly secrets: DataSourceSecrets,
  ) {}

  /**
   * `shownAs` replaces `path` in error locations (an upload's temporary file is reported under the name
   * it was uploaded with).
   */
  forFile(sourceType: string, path: string, shownAs?: string): RunInput {
    const source = fileSourceFor(sourceType);
    if (!source) throw unknownFileSource(sourceType);
    const label = shownAs ?? path;
    return {
      label,
      records: (context) => (shownAs ? relabel(source.collectFile(path, context), path, shownAs) : source.collectFile(path, context)),
    };
  }

  async forRun(run: IngestRunRecord): Promise<RunInput> {
    if (run.trigger === 'FILE' || run.trigger === 'UPLOAD') {
      if (!run.input) return failing(run.sourceType, new Error('the queued file run names no file'));
      try {
        return this.forFile(run.sourceType, run.input);
      } catch (error) {
        return failing(run.input, error);
      }
    }
    const dataSource = run.dataSourceId ? await this.dataSources.findByIdAnyOrganization(run.dataSourceId) : null;
    if (!dataSource) return failing(run.sourceType, new Error('the data source of this run no longer exists'));
    const label = `${dataSource.type} data source "${dataSource.name}"`;
    const connector = connectorFor(dataSource.type);
    if (!connector) return failing(label, new Error(`no connector pulls ${dataSource.type}; ingest its files instead`));
    let config: Record<string, unknown>;
    let secrets: Record<string, unknown>;
    try {
      secrets = this.secrets.open(dataSource, dataSource.secretCiphertext);
      config = { ...dataSource.config, ...secrets };
    } catch (error) {
      return failing(label, new Error(`cannot open the stored secrets: ${(error as Error).message}`));
    }
    const secretValues = Object.values(secrets).filter((value): value is string => typeof value === 'string');
    return { label, secrets: secretValues, records: (context) => connector.collect(config, { ...context, lastSuccessfulRunAt: dataSource.lastSuccessfulRunAt }) };
  }
}

export function unknownFileSource(sourceType: string): IngestError {
  return new IngestError(
    IngestErrorCode.UNKNOWN_SOURCE,
    `Unknown source "${sourceType}": expected one of ${FILE_SOURCES.map((s) => s.type).join(', ')}`,
  );
}

async function* relabel(records: AsyncIterable<CollectedRecord>, path: string, shownAs: string): AsyncGenerator<CollectedRecord> {
  try {
    for await (const record of records) {
      const source = record.location.source;
      if (source === path || source.startsWith(`${path}/`)) {
        yield { ...record, location: { ...record.location, source: shownAs + source.slice(path.length) } };
      } else {
        yield record;
      }
    }
  } catch (error) {
    // A refusal names its source too: the upload's name, never the temporary path.
    throw error instanceof InputLimitError ? error.relabel(path, shownAs) : error;
  }
}
