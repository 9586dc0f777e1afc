import { HttpException, HttpStatus } from '@nestjs/common';
import { assertUnreachable } from '@postureboard/server-core';
import { IngestError, IngestErrorCode } from '../ingest.error.js';

/** The one place ingest errors become HTTP responses (the upload endpoint). */
export function toHttpException(error: unknown): unknown {
  if (!(error instanceof IngestError)) return error;
  const status = ((): HttpStatus => {
    switch (error.code) {
      case IngestErrorCode.ORGANIZATION_NOT_FOUND:
      case IngestErrorCode.DATA_SOURCE_NOT_FOUND:
        return HttpStatus.NOT_FOUND;
      case IngestErrorCode.UNKNOWN_SOURCE:
      case IngestErrorCode.INVALID_CONFIG:
      case IngestErrorCode.INVALID_INPUT:
        return HttpStatus.BAD_REQUEST;
      case IngestErrorCode.UPLOAD_TOO_LARGE:
      case IngestErrorCode.INPUT_TOO_LARGE:
        return HttpStatus.PAYLOAD_TOO_LARGE;
      case IngestErrorCode.INPUT_UNPROCESSABLE:
        return HttpStatus.UNPROCESSABLE_ENTITY;
      case IngestErrorCode.QUEUE_UNAVAILABLE:
        return HttpStatus.SERVICE_UNAVAILABLE;
      default:
        return assertUnreachable(error.code);
    }
  })();
  const run = error.runId ? { runId: error.runId } : {};
  return new HttpException({ statusCode: status, error: error.code, message: error.message, ...run }, status);
}
