import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Credential, CredentialKind, Environment, SlaStatus } from '@postureboard/domain';

/**
 * A policy already resolved by the domain (createRotationPolicyResolver) for one team (or the
 * organisation, teamId null) × kind × environment. The organisation rows must cover every kind and
 * environment; team rows are needed only for teams that have overrides of their own.
 */
export interface ResolvedPolicyRow {
  teamId: string | null;
  kind: CredentialKind;
  environment: Environment;
  maxAgeDays: number;
  warningDays: number;
  graceDays: number;
}

export interface CredentialViewFilter {
  teamId?: string | null;
  /** Only these teams (an engineering lead's); unowned credentials fall outside. */
  teamScope?: readonly string[];
  kind?: CredentialKind | null;
  environment?: Environment | null;
  slaStatus?: SlaStatus | null;
  search?: string | null;
}

/** A credential as the inventory shows it: the domain's shape plus the owner's name and the answering team. */
export interface CredentialViewRecord extends Credential {
  /** The credential's team, else its owner's team (the domain's credentialOwnerTeamId). */
  effectiveTeamId: string | null;
  /** The owner identity's display name, else the owner reference the source gave. */
  owner: string | null;
}

export interface CredentialViewPage {
  credentials: (CredentialViewRecord & { cursor: string })[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

/** What a credential's rotation SLA at any instant depends on. */
export interface CredentialSlaInput
  extends Pick<Credential, 'id' | 'kind' | 'environment' | 'status' | 'createdAt' | 'lastRotatedAt' | 'firstSeenAt' | 'expiresAt' | 'deactivatedAt'> {
  effectiveTeamId: string | null;
}

export interface TeamSlaRecord {
  teamId: string | null;
  withinPolicy: number;
  dueSoon: number;
  overdue: number;
  maxDaysOverdue: number;
  oldestKeyAgeDays: number | null;
}

/**
 * The SLA of every credential of organisation $1 as of $3, with the policies in $2: narrow rows (only
 * what classifying, filtering and sorting need; float epochs, not numeric). Set-based twin of the
 * domain's isCredentialActiveAt + computeRotationSla (same day arithmetic: whole UTC days, OVERDUE past
 * max + grace, DUE_SOON from max − warning); an integration test holds the two to the same answers.
 * Filtering, counting and paging need it in SQL; the values shown per credential come from the domain.
 */
const CREDENTIAL_SLA_SQL = `
  base AS (
    SELECT c.id, c.kind, c.environment, c.name, c.external_id, c.source, COALESCE(o.display_name, c.owner_ref) AS owner,
           COALESCE(c.team_id, o.team_id) AS effective_team_id,
           COALESCE(COALESCE(c.created_at, c.first_seen_at) <= $3 AND (c.expires_at IS NULL OR c.expires_at > $3)
             AND (c.status = 'ACTIVE' OR c.deactivated_at > $3), false) AS active,
           COALESCE(CASE WHEN c.last_rotated_at <= $3 THEN c.last_rotated_at END,
                    CASE WHEN c.created_at <= $3 THEN c.created_at END, c.first_seen_at) AS age_from,
           -- A lookup, not a join: a join on a parameter table misleads the planner into nested loops.
           COALESCE($2::jsonb -> (COALESCE(c.team_id, o.team_id)::text || '|' || c.kind || '|' || c.environment),
                    $2::jsonb -> (c.kind || '|' || c.environment)) AS policy
      FROM credential c LEFT JOIN identity o ON o.id = c.owner_identity_id
     WHERE c.organization_id = $1
     OFFSET 0
  ), aged AS (
    SELECT b.id, b.kind, b.environment, b.name, b.external_id, b.source, b.owner, b.effective_team_id, b.active, b.age_from,
           GREATEST(0, floor((date_part('epoch', $3::timestamptz) - date_part('epoch', b.age_from)) / 86400))::int AS age_days,
           (b.policy->>0)::int AS max_age_days, (b.policy->>1)::int AS warning_days, (b.policy->>2)::int AS grace_days
      FROM base b
  ), credential_sla AS (
    SELECT a.*,
      CASE WHEN NOT a.active THEN NULL
           WHEN a.age_days > a.max_age_days + a.grace_days THEN 'OVERDUE'
           WHEN a.age_days >= a.max_age_days - a.warning_days THEN 'DUE_SOON'
           ELSE 'WITHIN_POLICY' END AS sla_status,
      -- Active credentials by due date (age_from + max age), inactive ones after them all.
      CASE WHEN a.active THEN date_part('epoch', a.age_from) + a.max_age_days * 86400::float8 ELSE 'Infinity'::float8 END AS sort_key
      FROM aged a
  )`;

/** The policy table as one JSON object: "TEAM|KIND|ENV" and "KIND|ENV" → [maxAgeDays, warningDays, graceDays]. */
const policiesJson = (policies: readonly ResolvedPolicyRow[]): string =>
  JSON.stringify(
    Object.fromEntries(
      policies.map((p) => [`${p.teamId === null ? '' : `${p.teamId}|`}${p.kind}|${p.environment}`, [p.maxAgeDays, p.warningDays, p.graceDays]]),
    ),
  );

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const encodeCredentialCursor = (sortKey: string, id: string): string => Buffer.from(JSON.stringify([sortKey, id])).toString('base64url');

/** Null for anything that is not a cursor this repository made (the caller reports it). */
export const decodeCredentialCursor = (cursor: string): [string, string] | null => {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [sortKey, id] = parsed as unknown[];
    if (typeof sortKey !== 'string' || !/^(Infinity|-?\d+(\.\d+)?(e[+-]?\d+)?)$/.test(sortKey) || typeof id !== 'string' || !UUID.test(id)) return null;
    return [sortKey, id];
  } catch {
    return null;
  }
};

const date = (v: unknown): Date | null => (v === null || v === undefined ? null : (v as Date));

const toRecord = (r: Record<string, unknown>): CredentialViewRecord => ({
  id: r['id'] as string,
  kind: r['kind'] as CredentialKind,
  name: r['name'] as string,
  algorithm: r['algorithm'] as string | null,
  environment: r['environment'] as Environment,
  createdAt: date(r['created_at']),
  lastRotatedAt: date(r['last_rotated_at']),
  expiresAt: date(r['expires_at']),
  lastUsedAt: date(r['last_used_at']),
  useObserved: r['use_observed'] === true,
  status: r['status'] as Credential['status'],
  deactivatedAt: date(r['deactivated_at']),
  ownerIdentityId: r['owner_identity_id'] as string | null,
  teamId: r['team_id'] as string | null,
  source: r['source'] as string,
  externalId: r['external_id'] as string,
  firstSeenAt: r['first_seen_at'] as Date,
  signedByCredentialId: r['signed_by_credential_id'] as string | null,
  effectiveTeamId: r['effective_team_id'] as string | null,
  owner: r['owner'] as string | null,
});

/** The key inventory read set-based: pages, per-team SLA counts and overdue counts over time. */
@Injectable()
export class CredentialViewRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Most urgent first: active credentials by due date (most overdue at the top), then inactive ones.
   * `filter.teamId` must be a UUID (the caller validates it).
   */
  async page(
    organizationId: string,
    asOf: Date,
    policies: readonly ResolvedPolicyRow[],
    filter: CredentialViewFilter,
    first: number,
    after: [string, string] | null,
  ): Promise<CredentialViewPage> {
    const params: unknown[] = [organizationId, policiesJson(policies), asOf];
    const where: string[] = ['true'];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (filter.teamId) add('effective_team_id = ?::uuid', filter.teamId);
    if (filter.teamScope) add('effective_team_id = ANY(?::uuid[])', filter.teamScope);
    if (filter.kind) add('kind = ?', filter.kind);
    if (filter.environment) add('environment = ?', filter.environment);
    if (filter.slaStatus) add('sla_status = ?', filter.slaStatus);
    if (filter.search?.trim()) {
      add(`(name ILIKE ? OR external_id ILIKE ? OR owner ILIKE ? OR source ILIKE ?)`, `%${filter.search.trim().replace(/[%_\\]/g, '\\$&')}%`);
    }
    const cte = `WITH ${CREDENTIAL_SLA_SQL}, listed AS (SELECT * FROM credential_sla WHERE ${where.join(' AND ')})`;
    const pageParams = [...params];
    let cursorSql = '';
    if (after) {
      pageParams.push(after[0], after[1]);
      cursorSql = `WHERE (sort_key, id) > ($${pageParams.length - 1}::float8, $${pageParams.length}::uuid)`;
    }
    pageParams.push(first + 1);
    const [rows, [{ count }]] = await Promise.all([
      // Only the page's rows are read in full.
      this.dataSource.query(
        `${cte}, page AS (SELECT id, effective_team_id, owner, sort_key FROM listed ${cursorSql} ORDER BY sort_key, id LIMIT $${pageParams.length})
         SELECT c.*, p.effective_team_id, p.owner, p.sort_key::text AS sort_key FROM page p JOIN credential c ON c.id = p.id ORDER BY p.sort_key, p.id`,
        pageParams,
      ) as Promise<Record<string, unknown>[]>,
      this.dataSource.query(`${cte} SELECT count(*)::int AS count FROM listed`, params) as Promise<{ count: number }[]>,
    ]);
    const page = rows.slice(0, first);
    const last = page.at(-1);
    return {
      credentials: page.map((r) => ({ ...toRecord(r), cursor: encodeCredentialCursor(r['sort_key'] as string, r['id'] as string) })),
      totalCount: count,
      hasNextPage: rows.length > first,
      endCursor: last ? encodeCredentialCursor(last['sort_key'] as string, last['id'] as string) : null,
    };
  }

  /** Active credentials per answering team (null = no team); teams without active credentials are absent. */
  async slaByTeam(organizationId: string, asOf: Date, policies: readonly ResolvedPolicyRow[]): Promise<TeamSlaRecord[]> {
    const rows = (await this.dataSource.query(
      `WITH ${CREDENTIAL_SLA_SQL}
       SELECT effective_team_id AS team_id,
              count(*) FILTER (WHERE sla_status = 'WITHIN_POLICY')::int AS within_policy,
              count(*) FILTER (WHERE sla_status = 'DUE_SOON')::int AS due_soon,
              count(*) FILTER (WHERE sla_status = 'OVERDUE')::int AS overdue,
              COALESCE(max(age_days - max_age_days) FILTER (WHERE sla_status = 'OVERDUE'), 0)::int AS max_days_overdue,
              max(age_days)::int AS oldest_key_age_days
         FROM credential_sla WHERE active GROUP BY effective_team_id`,
      [organizationId, policiesJson(policies), asOf],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      teamId: r['team_id'] as string | null,
      withinPolicy: r['within_policy'] as number,
      dueSoon: r['due_soon'] as number,
      overdue: r['overdue'] as number,
      maxDaysOverdue: r['max_days_overdue'] as number,
      oldestKeyAgeDays: r['oldest_key_age_days'] as number | null,
    }));
  }

  /** Overdue counts stored in snapshots (their trend point's overdueKeys) within [since, until], oldest first. */
  async storedOverdueCounts(organizationId: string, since: Date, until: Date): Promise<{ asOf: Date; overdue: number }[]> {
    return (await this.dataSource.query(
      `SELECT as_of AS "asOf", (trend->>'overdueKeys')::int AS overdue FROM score_snapshot
        WHERE organization_id = $1 AND as_of >= $2 AND as_of <= $3 AND jsonb_typeof(trend->'overdueKeys') = 'number'
        ORDER BY as_of`,
      [organizationId, since, until],
    )) as { asOf: Date; overdue: number }[];
  }

  /**
   * Every credential with only what its SLA at any instant depends on (epoch milliseconds travel as
   * float8: 100k rows parse fast), for the burn-down's week-by-week evaluation by the domain.
   */
  async slaInputs(organizationId: string): Promise<CredentialSlaInput[]> {
    const rows = (await this.dataSource.query(
      `SELECT c.id, c.kind, c.environment, c.status, COALESCE(c.team_id, o.team_id) AS team_id,
              date_part('epoch', c.created_at) * 1000 AS created_at, date_part('epoch', c.last_rotated_at) * 1000 AS last_rotated_at,
              date_part('epoch', c.first_seen_at) * 1000 AS first_seen_at, date_part('epoch', c.expires_at) * 1000 AS expires_at,
              date_part('epoch', c.deactivated_at) * 1000 AS deactivated_at
         FROM credential c LEFT JOIN identity o ON o.id = c.owner_identity_id
        WHERE c.organization_id = $1`,
      [organizationId],
    )) as Record<string, unknown>[];
    const at = (v: unknown): Date | null => (v === null ? null : new Date(v as number));
    return rows.map((r) => ({
      id: r['id'] as string,
      kind: r['kind'] as CredentialKind,
      environment: r['environment'] as Environment,
      status: r['status'] as Credential['status'],
      effectiveTeamId: r['team_id'] as string | null,
      createdAt: at(r['created_at']),
      lastRotatedAt: at(r['last_rotated_at']),
      firstSeenAt: at(r['first_seen_at'])!,
      expiresAt: at(r['expires_at']),
      deactivatedAt: at(r['deactivated_at']),
    }));
  }
}
