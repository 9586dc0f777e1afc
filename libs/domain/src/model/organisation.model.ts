/** The settings evaluation reads for one organisation (tenant). */
export interface OrganisationSettings {
  id: string;
  slug: string;
  name: string;
  /** ISO 3166 alpha-2 codes, upper case. Empty means "not configured": cross-border access is then not measured. */
  approvedCountries: readonly string[];
  /** ISO 4217 code used for budgets. */
  currency: string;
  /** Month (1 = January) the fiscal year starts; fiscal year Y starts in that month of calendar year Y. */
  fiscalYearStartMonth: number;
}

/** An owning team; the engineering lead is the person who answers for its keys. */
export interface Team {
  id: string;
  name: string;
  leadIdentityId: string | null;
}
