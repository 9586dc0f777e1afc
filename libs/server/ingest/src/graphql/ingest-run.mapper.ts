import type { IngestRunRecord } from '@postureboard/server-database';
import type { DataSourceView } from '../data-source.service.js';
import type { DataSourceObject } from './dtos/data-source.object.js';
import type { IngestRunObject } from './dtos/ingest-run.object.js';

export const toIngestRunObject = (run: IngestRunRecord): IngestRunObject => ({
  id: run.id,
  sourceType: run.sourceType,
  trigger: run.trigger,
  input: run.input,
  status: run.status,
  queuedAt: run.queuedAt,
  startedAt: run.startedAt,
  finishedAt: run.finishedAt,
  accepted: run.accepted,
  rejected: run.rejected,
  inserted: run.inserted,
  updated: run.updated,
  unchanged: run.unchanged,
  errorMessage: run.errorMessage,
});

export const toDataSourceObject = (view: DataSourceView): DataSourceObject => ({
  id: view.id,
  type: view.type,
  name: view.name,
  enabled: view.enabled,
  schedule: view.schedule,
  config: JSON.stringify(view.config),
  secretFieldsSet: view.secretFieldsSet,
  lastSuccessfulRunAt: view.lastSuccessfulRunAt,
  freshness: view.freshness,
  lastRun: view.lastRun ? toIngestRunObject(view.lastRun) : null,
});
