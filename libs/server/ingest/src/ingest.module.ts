import { ActivityRetentionService } from './retention/activity-retention.service.js';
import { type DynamicModule, Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { IdentityAliasService } from './alias/identity-alias.service.js';
import { DataSourceService } from './data-source.service.js';
import { DataSourceResolver } from './graphql/data-source.resolver.js';
import { IdentityAliasResolver } from './graphql/identity-alias.resolver.js';
import { IngestRunResolver } from './graphql/ingest-run.resolver.js';
import { IngestUploadController } from './http/ingest-upload.controller.js';
import { UploadScratchJanitor } from './http/upload-scratch.janitor.js';
import { multipartDirectory } from './http/upload-scratch.js';
import { DEFAULT_INGEST_OPTIONS, INGEST_OPTIONS, type IngestModuleOptions } from './ingest.options.js';
import { IngestService } from './ingest.service.js';
import { IngestQueue } from './queue/ingest-queue.js';
import { IngestWorker } from './queue/ingest-worker.js';
import { IngestRunExecutor } from './run/ingest-run.executor.js';
import { RunInputFactory } from './run/run-input.factory.js';
import { DataSourceSecrets } from './secrets/data-source-secrets.js';

/**
 * The ingest engine. The API imports it with `worker: true` (an in-process worker); the CLI without, and
 * `postureboard worker` starts one explicitly.
 */
@Module({})
export class IngestModule {
  static forRoot(options: IngestModuleOptions = {}): DynamicModule {
    const resolved = { ...DEFAULT_INGEST_OPTIONS, ...options };
    return {
      module: IngestModule,
      // Global: the demo seeder and the report data feed use the ingest service wherever they are imported.
      global: true,
      // Multipart uploads go straight to disk, never into memory, and stop at the size limit.
      imports: [MulterModule.register({ dest: multipartDirectory(), limits: { fileSize: resolved.uploadLimitBytes, files: 1 } })],
      controllers: [IngestUploadController],
      providers: [
        { provide: INGEST_OPTIONS, useValue: resolved },
        IngestService,
        IdentityAliasService,
        UploadScratchJanitor,
        DataSourceService,
        DataSourceSecrets,
        IngestRunExecutor,
        RunInputFactory,
        IngestQueue,
        IngestWorker,
        ActivityRetentionService,
        IngestRunResolver,
        DataSourceResolver,
        IdentityAliasResolver,
      ],
      exports: [IngestService, IdentityAliasService, DataSourceService, IngestWorker, IngestQueue, ActivityRetentionService, INGEST_OPTIONS],
    };
  }
}
