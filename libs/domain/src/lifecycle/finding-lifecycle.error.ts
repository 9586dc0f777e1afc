export enum FindingLifecycleErrorCode {
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  REASON_REQUIRED = 'REASON_REQUIRED',
  EXPIRY_REQUIRED = 'EXPIRY_REQUIRED',
  EXPIRY_NOT_IN_FUTURE = 'EXPIRY_NOT_IN_FUTURE',
}

/** A refused status change; callers map `code` to their transport's error (GraphQL, CLI exit code). */
export class FindingLifecycleError extends Error {
  constructor(
    readonly code: FindingLifecycleErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FindingLifecycleError';
  }
}
