export enum OrganizationErrorCode {
  SLUG_TAKEN = 'SLUG_TAKEN',
  NOT_FOUND = 'NOT_FOUND',
  INVALID_INPUT = 'INVALID_INPUT',
}

export class OrganizationError extends Error {
  constructor(
    readonly code: OrganizationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OrganizationError';
  }
}
