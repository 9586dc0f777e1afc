/**
 * Access events arrive aggregated so the server can compute them in SQL at scale: one row per UTC day ×
 * principal × credential × country × source.
 */
export interface ActivityRollup {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  /** User name, e-mail or ARN as the source gives it. */
  principal: string;
  credentialExternalId: string | null;
  /** ISO 3166 alpha-2, `internal` for private addresses, null when unknown. */
  country: string | null;
  /** The event source, e.g. `cloudtrail`. */
  source: string;
  events: number;
  bytes: number;
  records: number;
}

/** A few raw events kept as evidence, e.g. the first uses of a leaver's access after termination. */
export interface ActivitySample {
  eventId: string;
  occurredAt: Date;
  principal: string;
  credentialExternalId: string | null;
  country: string | null;
  sourceIp: string | null;
  action: string;
  resource: string | null;
  bytes: number | null;
  records: number | null;
  source: string;
  /**
   * False for a refused attempt (a failed or denied sign-in or call, by its source's own status): not use of
   * access, and in no rollup; after a departure it is evidence that someone tried the account.
   */
  success: boolean;
}

export interface ActivityInput {
  rollups: readonly ActivityRollup[];
  samples: readonly ActivitySample[];
}
