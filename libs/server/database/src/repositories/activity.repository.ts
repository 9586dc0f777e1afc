import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Whose activity to read: rollups whose principal matches one of `principalKeys` (lower-cased; an ARN also
 * by its last path segment, as the domain's PostureIndex.resolvePrincipal does) or that used one of
 * `credentialExternalIds`. `sinceDay` (YYYY-MM-DD, exclusive) bounds "use after" totals.
 */
export interface ActivityMatcher {
  subject: string;
  principalKeys: readonly string[];
  credentialExternalIds: readonly string[];
  sinceDay?: string | null;
}

export interface ActivityUsage {
  subject: string;
  /** Totals on days strictly after `sinceDay` (zero without one). */
  eventsSince: number;
  bytesSince: number;
  lastUseAt: Date | null;
}

export interface SubjectDay {
  subject: string;
  day: string;
  events: number;
  bytes: number;
}

export interface CountryTotal {
  /** As stored: ISO alpha-2, `internal`, or '' when unknown. */
  country: string;
  events: number;
  bytes: number;
}

export interface CountryDayTotal extends CountryTotal {
  day: string;
}

/** What activity may name an identity by. */
export interface IdentityActivityKeys {
  identityId: string;
  /** E-mail, employee number, account user names and ids, aliases: lower-cased and trimmed. */
  principalKeys: string[];
  /** Every credential the identity owns, active or not: a revoked key's earlier use still counts. */
  credentialExternalIds: string[];
}

/** Lower-cased, trimmed: the key a principal is matched on. */
export const principalKey = (value: string): string => value.trim().toLowerCase();

const matchersJson = (matchers: readonly ActivityMatcher[]): string =>
  JSON.stringify(
    matchers.flatMap((m) => [
      ...[...new Set(m.principalKeys.map(principalKey).filter(Boolean))].map((key) => ({ subject: m.subject, principal_key: key, credential: null, since_day: m.sinceDay ?? null })),
      ...[...new Set(m.credentialExternalIds)].map((id) => ({ subject: m.subject, principal_key: null, credential: id, since_day: m.sinceDay ?? null })),
    ]),
  );

/**
 * Rollup rows matched to subjects, each row once per subject (UNION) even when it matches by principal
 * and by credential. Parameters: $1 organisation, $2 matchers, $3 first day, $4 last day (inclusive).
 */
const MATCHED_SQL = `
  matcher AS (
    SELECT * FROM jsonb_to_recordset($2::jsonb) AS m(subject text, principal_key text, credential text, since_day date)
  ), matched AS (
    SELECT m.subject, m.since_day, r.day, r.principal, r.credential_external_id, r.country, r.events, r.bytes, r.last_at
      FROM matcher m JOIN access_daily_rollup r
        ON r.organization_id = $1
       AND lower(regexp_replace(btrim(r.principal), '^.*/', '')) = regexp_replace(m.principal_key, '^.*/', '')
       AND (lower(btrim(r.principal)) = m.principal_key OR lower(regexp_replace(btrim(r.principal), '^.*/', '')) = m.principal_key)
       AND r.day BETWEEN $3::date AND $4::date
     WHERE m.principal_key IS NOT NULL
    UNION
    SELECT m.subject, m.since_day, r.day, r.principal, r.credential_external_id, r.country, r.events, r.bytes, r.last_at
      FROM matcher m JOIN access_daily_rollup r
        ON r.organization_id = $1 AND r.credential_external_id = m.credential AND r.credential_external_id <> '' AND r.day BETWEEN $3::date AND $4::date
     WHERE m.credential IS NOT NULL
  )`;

/**
 * Activity read from access_daily_rollup (folded from the events by the evaluation job after each ingest: as fresh as
 * the stored posture), never from raw events: pages stay fast at volume.
 */
@Injectable()
export class ActivityRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The names (the domain's principal match keys) and credentials of each identity. */
  async keysOfIdentities(organizationId: string, identityIds: readonly string[]): Promise<IdentityActivityKeys[]> {
    if (identityIds.length === 0) return [];
    const rows = (await this.dataSource.query(
      `WITH who AS (SELECT id, email, employee_number FROM identity WHERE organization_id = $1 AND id = ANY($2::uuid[])),
       keyed AS (
         SELECT id AS identity_id, email AS k FROM who
         UNION SELECT id, employee_number FROM who
         -- An account names its identity by user name and by external id: both from one read of the accounts.
         UNION SELECT a.identity_id, v.k FROM account a JOIN who ON who.id = a.identity_id CROSS JOIN LATERAL (VALUES (a.user_name), (a.external_id)) v(k)
         UNION SELECT x.identity_id, x.alias FROM identity_alias x JOIN who ON who.id = x.identity_id
       )
       SELECT who.id, k.principal_keys, c.credential_ids
         FROM who
         LEFT JOIN (SELECT identity_id, array_agg(DISTINCT lower(btrim(k))) AS principal_keys FROM keyed WHERE btrim(COALESCE(k, '')) <> '' GROUP BY identity_id) k
           ON k.identity_id = who.id
         LEFT JOIN (SELECT c.owner_identity_id, array_agg(DISTINCT c.external_id) AS credential_ids FROM credential c JOIN who ON who.id = c.owner_identity_id
                     GROUP BY c.owner_identity_id) c ON c.owner_identity_id = who.id`,
      [organizationId, identityIds],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      identityId: r['id'] as string,
      principalKeys: (r['principal_keys'] as string[] | null) ?? [],
      credentialExternalIds: (r['credential_ids'] as string[] | null) ?? [],
    }));
  }

  /** Per subject: use after its `sinceDay` and the last use at all, over [fromDay, toDay]. */
  async usage(organizationId: string, matchers: readonly ActivityMatcher[], fromDay: string, toDay: string): Promise<ActivityUsage[]> {
    if (matchers.length === 0) return [];
    const rows = (await this.dataSource.query(
      `WITH ${MATCHED_SQL}
       SELECT subject,
              COALESCE(sum(events) FILTER (WHERE day > since_day), 0)::float8 AS events_since,
              COALESCE(sum(bytes) FILTER (WHERE day > since_day), 0)::float8 AS bytes_since,
              max(last_at) AS last_use_at
         FROM matched GROUP BY subject`,
      [organizationId, matchersJson(matchers), fromDay, toDay],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      subject: r['subject'] as string,
      eventsSince: r['events_since'] as number,
      bytesSince: r['bytes_since'] as number,
      lastUseAt: r['last_use_at'] as Date | null,
    }));
  }

  /** Per subject and day over [fromDay, toDay], ascending; days without activity are absent. */
  async dailyBySubject(organizationId: string, matchers: readonly ActivityMatcher[], fromDay: string, toDay: string): Promise<SubjectDay[]> {
    if (matchers.length === 0) return [];
    const rows = (await this.dataSource.query(
      `WITH ${MATCHED_SQL}
       SELECT subject, to_char(day, 'YYYY-MM-DD') AS day, sum(events)::float8 AS events, sum(bytes)::float8 AS bytes
         FROM matched GROUP BY subject, day ORDER BY subject, day`,
      [organizationId, matchersJson(matchers), fromDay, toDay],
    )) as SubjectDay[];
    return rows;
  }

  /** Totals per day and country over [fromDay, toDay], ascending by day. */
  async byCountryAndDay(organizationId: string, fromDay: string, toDay: string): Promise<CountryDayTotal[]> {
    return (await this.dataSource.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, country, sum(events)::float8 AS events, sum(bytes)::float8 AS bytes
         FROM access_daily_rollup WHERE organization_id = $1 AND day BETWEEN $2::date AND $3::date
        GROUP BY day, country ORDER BY day, country`,
      [organizationId, fromDay, toDay],
    )) as CountryDayTotal[];
  }
}
