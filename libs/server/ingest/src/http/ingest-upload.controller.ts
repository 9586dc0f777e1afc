import { rm } from 'node:fs/promises';
import { Controller, HttpCode, Inject, Param, Post, Query, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import { DEFAULT_INPUT_LIMITS, fileSourceFor } from '@postureboard/connectors';
import { Role, Roles } from '@postureboard/server-auth';
import type { IngestErrorRecord, IngestRunRecord } from '@postureboard/server-database';
import { INGEST_OPTIONS, type ResolvedIngestOptions } from '../ingest.options.js';
import { IngestService } from '../ingest.service.js';
import { unknownFileSource } from '../run/run-input.factory.js';
import { toHttpException } from './ingest.http-error.js';
import { type MultipartFile, receiveUpload } from './upload-receiver.js';
import { makeUploadDirectory } from './upload-scratch.js';

export interface UploadedRun {
  run: IngestRunRecord;
  errors: IngestErrorRecord[];
}

/**
 * `POST /api/orgs/:org/ingest/:source`: a file ingest of the request body (raw, e.g. `curl --data-binary
 * @report.csv -H 'Content-Type: application/octet-stream'`, with `?filename=` for its name) or of a multipart
 * `file` part. Runs at once and answers with the finished run and its first errors; 200 whatever the run's
 * status, which the body says. A browser's request must come from the app's own origin (sameOriginMiddleware, on every state-changing route).
 */
@Controller('api/orgs/:org/ingest')
@Roles(Role.ADMIN, Role.CISO, Role.ANALYST)
export class IngestUploadController {
  constructor(
    private readonly ingest: IngestService,
    @Inject(INGEST_OPTIONS) private readonly options: ResolvedIngestOptions,
  ) {}

  @Post(':source')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file'))
  async upload(
    @Param('org') org: string,
    @Param('source') source: string,
    @Query('filename') filename: string | undefined,
    @Req() request: Request,
    @UploadedFile() file: MultipartFile | undefined,
  ): Promise<UploadedRun> {
    const directory = await makeUploadDirectory();
    try {
      if (!fileSourceFor(source)) throw unknownFileSource(source);
      await this.ingest.organization(org);
      const upload = await receiveUpload(request, directory, {
        limitBytes: this.options.uploadLimitBytes,
        file,
        filename,
        fallbackName: `${source}-upload`,
        maxDepth: this.options.inputLimits.maxDepth ?? DEFAULT_INPUT_LIMITS.maxDepth,
      });
      const run = await this.ingest.ingestFile(org, source, upload.path, {
        trigger: 'UPLOAD',
        shownAs: `upload:${upload.name}`,
        throwOnRefusal: true,
      });
      const errors = (await this.ingest.errorsByRun([run.id], 50)).get(run.id) ?? [];
      return { run, errors };
    } catch (error) {
      throw toHttpException(error);
    } finally {
      await rm(directory, { recursive: true, force: true });
      if (file) await rm(file.path, { force: true });
    }
  }
}
