/**
 * The columns of a rollup file (CSV header or Parquet schema, any case). `day`, `principal`, `events` and
 * `bytes` are required; the rest may be absent. `source_ip` stands in for `country` when the lake has no
 * geolocation (raw CloudTrail): the connector then resolves the country with its bundled GeoIP database.
 */
export const ACCESS_ROLLUP_REQUIRED_COLUMNS = ['day', 'principal', 'events', 'bytes'] as const;

export const ACCESS_ROLLUP_OPTIONAL_COLUMNS = ['credential', 'country', 'source_ip', 'records'] as const;

export type AccessRollupColumn = (typeof ACCESS_ROLLUP_REQUIRED_COLUMNS)[number] | (typeof ACCESS_ROLLUP_OPTIONAL_COLUMNS)[number];
