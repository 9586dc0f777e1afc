export enum BudgetErrorCode {
  INVALID_INPUT = 'INVALID_INPUT',
}

export class BudgetError extends Error {
  constructor(
    readonly code: BudgetErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BudgetError';
  }
}
