export enum ReportErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  INVALID_INPUT = 'INVALID_INPUT',
  /** No ReportDataSource is registered: the posture library is not wired into this process. */
  DATA_UNAVAILABLE = 'DATA_UNAVAILABLE',
}

export class ReportError extends Error {
  constructor(
    readonly code: ReportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReportError';
  }
}
