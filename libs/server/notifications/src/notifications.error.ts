export enum NotificationErrorCode {
  INVALID_INPUT = 'INVALID_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  DELIVERY_FAILED = 'DELIVERY_FAILED',
}

/** Errors of the notifications module; messages never carry a channel's secret. */
export class NotificationError extends Error {
  constructor(
    readonly code: NotificationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'NotificationError';
  }
}
