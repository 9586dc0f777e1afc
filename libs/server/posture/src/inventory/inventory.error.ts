export enum InventoryErrorCode {
  INVALID_INPUT = 'INVALID_INPUT',
}

/** What the inventory pages refuse: bad paging, windows out of range, malformed ids. */
export class InventoryError extends Error {
  constructor(
    readonly code: InventoryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'InventoryError';
  }
}
