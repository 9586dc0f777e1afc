/** Spend for one fiscal year, in the organisation's currency. */
export interface Budget {
  fiscalYear: number;
  itSpend: number;
  securitySpend: number;
  revenue: number;
  currency: string;
}
