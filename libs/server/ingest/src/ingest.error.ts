export enum IngestErrorCode {
  ORGANIZATION_NOT_FOUND = 'ORGANIZATION_NOT_FOUND',
  UNKNOWN_SOURCE = 'UNKNOWN_SOURCE',
  DATA_SOURCE_NOT_FOUND = 'DATA_SOURCE_NOT_FOUND',
  INVALID_CONFIG = 'INVALID_CONFIG',
  INVALID_INPUT = 'INVALID_INPUT',
  UPLOAD_TOO_LARGE = 'UPLOAD_TOO_LARGE',
  /** The input exceeds a reading limit (inflated size, ratio, a line or document too long): HTTP 413. */
  INPUT_TOO_LARGE = 'INPUT_TOO_LARGE',
  /** The input's shape is refused (nesting too deep): HTTP 422. */
  INPUT_UNPROCESSABLE = 'INPUT_UNPROCESSABLE',
  QUEUE_UNAVAILABLE = 'QUEUE_UNAVAILABLE',
}

/** What the ingest module refuses; a failed run is not an error but a recorded outcome. */
export class IngestError extends Error {
  constructor(
    readonly code: IngestErrorCode,
    message: string,
    /** The run that recorded the refusal, when there is one. */
    readonly runId?: string,
  ) {
    super(message);
    this.name = 'IngestError';
  }
}
