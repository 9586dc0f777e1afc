export enum IngestErrorCode {
  ORGANIZATION_NOT_FOUND = 'ORGANIZATION_NOT_FOUND',
  UNKNOWN_SOURCE = 'UNKNOWN_SOURCE',
  DATA_SOURCE_NOT_FOUND = 'DATA_SOURCE_NOT_FOUND',
  INVALID_CONFIG = 'INVALID_CONFIG',
  INVALID_INPUT = 'INVALID_INPUT',
  UPLOAD_TOO_LARGE = 'UPLOAD_TOO_LARGE',
  QUEUE_UNAVAILABLE = 'QUEUE_UNAVAILABLE',
}

/** What the ingest module refuses; a failed run is not an error but a recorded outcome. */
export class IngestError extends Error {
  constructor(
    readonly code: IngestErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IngestError';
  }
}
