import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { findingSearchText, type Finding, type FindingHistoryEntry, type FindingKind, type FindingStatus, type ScoreDomain, type Severity } from '@postureboard/domain';

export interface StoredFinding extends Finding {
  id: string;
  /** The user working on it: workflow state the evaluation never writes (absent on findings it built itself). */
  assigneeUserId?: string | null;
}

export interface StoredStatusChange {
  findingId: string;
  from: FindingStatus | null;
  to: FindingStatus;
  actor: string;
  actorType: 'USER' | 'SYSTEM';
  reason: string | null;
  riskAcceptedUntil: Date | null;
  falsePositiveUntil: Date | null;
  at: Date;
}

/** The latest stored evaluation as one finding sees it. */
export interface LatestEvaluation {
  asOf: Date | null;
  detected: boolean;
}

export interface FindingFilter {
  domain?: ScoreDomain;
  kind?: FindingKind;
  severity?: Severity;
  status?: FindingStatus;
  /** Defaults to open-ish findings (everything but RESOLVED) when no status is given. */
  includeResolved?: boolean;
  teamIds?: readonly string[];
  assigneeUserId?: string;
  search?: string;
}

export interface FindingPage {
  findings: StoredFinding[];
  /** One per finding, in the same order: `after` any of them continues the list behind that finding. */
  cursors: string[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

const SEVERITY_RANK_SQL = `CASE f.severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END`;

/** `firstDetectedAt` is PostgreSQL's own text (microseconds): a JS Date would cut it to milliseconds and repeat the row. */
const encodeCursor = (rank: number, firstDetectedAt: string, id: string): string => Buffer.from(JSON.stringify([rank, firstDetectedAt, id])).toString('base64url');

const CURSOR_DETECTED_SQL = `to_char(f.first_detected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The position a cursor from `list` encodes (severity rank, first detection, id), or null for anything else —
 * a finding id, a forged or truncated string — so callers can answer "not a cursor" instead of failing in SQL.
 */
export const decodeFindingCursor = (cursor: string): [number, string, string] | null => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return null;
  const [rank, detected, id] = parsed as unknown[];
  if (!Number.isInteger(rank) || (rank as number) < 0 || (rank as number) > 3) return null;
  if (typeof detected !== 'string' || Number.isNaN(Date.parse(detected))) return null;
  if (typeof id !== 'string' || !UUID.test(id)) return null;
  return [rank as number, detected, id];
};

const decodeCursor = (cursor: string): [number, string, string] => {
  const decoded = decodeFindingCursor(cursor);
  if (!decoded) throw new Error('Invalid cursor');
  return decoded;
};

/**
 * `last_detected_at` as readers see it. 'infinity' marks a finding detected by the evaluation that stored the current
 * posture (migration FindingDetectedThroughPosture): its last detection is that posture's as-of, or `$asOf` when
 * given (an evaluation reading back what it wrote before storing its posture).
 */
const lastDetectedSql = (asOfParam: string | null): string =>
  `CASE WHEN f.last_detected_at = 'infinity' THEN ${asOfParam === null ? '' : `coalesce(${asOfParam}::timestamptz, `}(SELECT cp.as_of FROM current_posture cp WHERE cp.organization_id = f.organization_id)${asOfParam === null ? '' : ')'} ELSE f.last_detected_at END AS last_detected`;

/** How an evaluation stores a finding's last detection: 'infinity' when it is the evaluation's own as-of (see lastDetectedSql). */
const storedLastDetected = (lastDetectedAt: Date, evaluatedAt: Date | null): Date | 'infinity' =>
  evaluatedAt !== null && lastDetectedAt.getTime() >= evaluatedAt.getTime() ? 'infinity' : lastDetectedAt;

const rowToFinding = (r: Record<string, unknown>): StoredFinding => ({
  id: r['id'] as string,
  kind: r['kind'] as FindingKind,
  domain: r['domain'] as ScoreDomain,
  severity: r['severity'] as Severity,
  status: r['status'] as FindingStatus,
  subject: {
    type: r['subject_type'] as Finding['subject']['type'],
    id: (r['details'] as FindingDetails | null)?.subjectId ?? (r['subject_external_id'] as string),
    externalId: r['subject_external_id'] as string,
    name: r['subject_name'] as string,
  },
  qualifier: r['qualifier'] as string | null,
  fingerprint: r['fingerprint'] as string,
  ownerTeamId: r['owner_team_id'] as string | null,
  params: (r['params'] ?? null) as Finding['params'],
  title: r['title'] as string,
  evidence: r['evidence'] as Finding['evidence'],
  dueAt: r['due_at'] as Date,
  firstDetectedAt: r['first_detected_at'] as Date,
  lastDetectedAt: r['last_detected'] as Date,
  resolvedAt: r['resolved_at'] as Date | null,
  riskAcceptedUntil: r['risk_accepted_until'] as Date | null,
  riskAcceptanceReason: r['risk_accepted_reason'] as string | null,
  falsePositiveUntil: r['false_positive_until'] as Date | null,
  falsePositiveReason: r['false_positive_reason'] as string | null,
  reopenCount: r['reopen_count'] as number,
  assigneeUserId: r['assignee_user_id'] as string | null,
  ...activityStartedOnOf(r['details'] as FindingDetails | null),
});

/** What a finding keeps in its `details` column: the subject's model id, and the start day of the incident (days to detect). */
interface FindingDetails {
  subjectId?: string;
  activityStartedOn?: string;
}

const activityStartedOnOf = (details: FindingDetails | null): { activityStartedOn?: string } =>
  typeof details?.activityStartedOn === 'string' ? { activityStartedOn: details.activityStartedOn } : {};

/** Findings and their status history. Writes are set-based: one statement per batch, not per finding. */
@Injectable()
export class FindingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The version of the organisation's findings, bumped by the database on any change to them (migration
   * PostureDataVersion); null before the first change. With `lock`, held until the transaction ends, so
   * that no one else changes the findings meanwhile (their statements wait).
   */
  async version(organizationId: string, manager: EntityManager, lock = false): Promise<string | null> {
    const rows = (await manager.query(
      `SELECT version::text AS version FROM posture_data_version WHERE organization_id = $1 AND table_name = 'finding'${lock ? ' FOR UPDATE' : ''}`,
      [organizationId],
    )) as { version: string }[];
    return rows[0]?.version ?? null;
  }

  /** With `detectedAt`, the findings its evaluation detected read as last detected then (before its posture is stored). */
  async findAll(organizationId: string, manager?: EntityManager, detectedAt?: Date): Promise<StoredFinding[]> {
    const rows = (await (manager ?? this.dataSource).query(`SELECT f.*, ${lastDetectedSql('$2')} FROM finding f WHERE f.organization_id = $1`, [
      organizationId,
      detectedAt ?? null,
    ])) as Record<string, unknown>[];
    return rows.map(rowToFinding);
  }

  async findById(organizationId: string, id: string): Promise<StoredFinding | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const rows = (await this.dataSource.query(`SELECT f.*, ${lastDetectedSql(null)} FROM finding f WHERE f.organization_id = $1 AND f.id = $2`, [organizationId, id])) as Record<string, unknown>[];
    return rows[0] ? rowToFinding(rows[0]) : null;
  }

  /** Active (not resolved) findings owned by these teams, per severity: what those teams' findings list holds. */
  async countActiveBySeverity(organizationId: string, teamIds: readonly string[]): Promise<Record<Severity, number>> {
    const rows = (await this.dataSource.query(
      `SELECT severity, count(*)::int AS count FROM finding
        WHERE organization_id = $1 AND status <> 'RESOLVED' AND owner_team_id = ANY($2::uuid[]) GROUP BY severity`,
      [organizationId, teamIds],
    )) as { severity: Severity; count: number }[];
    const counts: Record<Severity, number> = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0 };
    for (const row of rows) counts[row.severity] = row.count;
    return counts;
  }

  async findByIds(ids: readonly string[]): Promise<StoredFinding[]> {
    if (ids.length === 0) return [];
    const rows = (await this.dataSource.query(`SELECT f.*, ${lastDetectedSql(null)} FROM finding f WHERE f.id = ANY($1::uuid[])`, [ids])) as Record<string, unknown>[];
    return rows.map(rowToFinding);
  }

  /**
   * Upserts findings by fingerprint and appends their history, atomically. Given `stored` (the findings as
   * read before reconciling), only what changed is written; one that did not change at all is not touched. Every
   * evaluation would otherwise rewrite every finding ever raised, evidence and all.
   * `evaluation` is given by the evaluation job: its as-of, and the as-of of the stored posture `stored` was read
   * under (null before the first). What it detects is stored as detected through its posture (lastDetectedSql), so
   * a finding detected again is unchanged; other writers (a person's status change) leave `last_detected_at` as it is.
   * Returns which findings were unchanged (compared with `stored`), how many of them were detected again, and the
   * ids of those written.
   */
  async save(
    organizationId: string,
    findings: readonly Finding[],
    history: readonly FindingHistoryEntry[],
    manager?: EntityManager,
    stored?: readonly Finding[],
    evaluation?: { asOf: Date; storedAsOf: Date | null },
  ): Promise<{ written: number; redetected: number; unchanged: ReadonlySet<string>; ids: ReadonlyMap<string, string> }> {
    const before = new Map((stored ?? []).map((f) => [f.fingerprint, f]));
    const changed: (FindingRow & { search_text: string })[] = [];
    let redetected = 0;
    const unchanged = new Set<string>();
    for (const finding of findings) {
      const row = toRow(finding, evaluation?.asOf ?? null);
      const previous = before.get(finding.fingerprint);
      if (previous && sameJson(toRow(previous, evaluation?.storedAsOf ?? null), row)) {
        unchanged.add(finding.fingerprint);
        if (previous.lastDetectedAt.getTime() !== finding.lastDetectedAt.getTime()) redetected += 1;
        continue;
      }
      // Rendered only for what is written: two titles per finding on every comparison cost more than the writes.
      changed.push({ ...row, search_text: findingSearchText(finding) });
    }
    const ids = new Map<string, string>();
    const run = async (m: EntityManager) => {
      const batchSize = 2000;
      for (let i = 0; i < changed.length; i += batchSize) {
        const rows = await m.query(
          `INSERT INTO finding (organization_id, fingerprint, kind, qualifier, params, title, domain, severity, status, subject_type,
             subject_external_id, subject_name, owner_team_id, evidence, details, first_detected_at, last_detected_at, due_at,
             resolved_at, risk_accepted_until, risk_accepted_reason, false_positive_until, false_positive_reason, reopen_count, search_text)
           SELECT $1, x.fingerprint, x.kind, x.qualifier, x.params, x.title, x.domain, x.severity, x.status, x.subject_type,
             x.subject_external_id, x.subject_name, x.owner_team_id, x.evidence, x.details, x.first_detected_at, x.last_detected_at,
             x.due_at, x.resolved_at, x.risk_accepted_until, x.risk_accepted_reason, x.false_positive_until, x.false_positive_reason,
             x.reopen_count, x.search_text
             FROM jsonb_to_recordset($2::jsonb) AS x(fingerprint text, kind text, qualifier text, params jsonb, title text, domain text,
               severity text, status text, subject_type text, subject_external_id text, subject_name text, owner_team_id uuid,
               evidence jsonb, details jsonb, first_detected_at timestamptz, last_detected_at timestamptz, due_at timestamptz,
               resolved_at timestamptz, risk_accepted_until timestamptz, risk_accepted_reason text, false_positive_until timestamptz,
               false_positive_reason text, reopen_count int, search_text text)
           ON CONFLICT (organization_id, fingerprint) DO UPDATE SET
             kind = EXCLUDED.kind, qualifier = EXCLUDED.qualifier, params = EXCLUDED.params, title = EXCLUDED.title, domain = EXCLUDED.domain,
             severity = EXCLUDED.severity, status = EXCLUDED.status, subject_type = EXCLUDED.subject_type,
             subject_external_id = EXCLUDED.subject_external_id, subject_name = EXCLUDED.subject_name,
             owner_team_id = EXCLUDED.owner_team_id, evidence = EXCLUDED.evidence, details = EXCLUDED.details,
             first_detected_at = EXCLUDED.first_detected_at,
             last_detected_at = CASE WHEN $3::boolean THEN EXCLUDED.last_detected_at ELSE finding.last_detected_at END,
             due_at = EXCLUDED.due_at, resolved_at = EXCLUDED.resolved_at, risk_accepted_until = EXCLUDED.risk_accepted_until,
             risk_accepted_reason = EXCLUDED.risk_accepted_reason, false_positive_until = EXCLUDED.false_positive_until,
             false_positive_reason = EXCLUDED.false_positive_reason, reopen_count = EXCLUDED.reopen_count,
             search_text = EXCLUDED.search_text
           RETURNING fingerprint, id`,
          [organizationId, JSON.stringify(changed.slice(i, i + batchSize)), evaluation !== undefined],
        ) as { fingerprint: string; id: string }[];
        for (const row of rows) ids.set(row.fingerprint, row.id);
      }
      await this.fillSearchText(organizationId, m);
      for (let i = 0; i < history.length; i += batchSize) {
        await m.query(
          `INSERT INTO finding_status_change (finding_id, from_status, to_status, actor, actor_type, reason, risk_accepted_until,
             false_positive_until, changed_at)
           SELECT f.id, x.from_status, x.to_status, x.actor, x.actor_type, x.reason, x.risk_accepted_until, x.false_positive_until, x.changed_at
             FROM jsonb_to_recordset($2::jsonb) AS x(fingerprint text, from_status text, to_status text, actor text,
               actor_type text, reason text, risk_accepted_until timestamptz, false_positive_until timestamptz, changed_at timestamptz)
             JOIN finding f ON f.organization_id = $1 AND f.fingerprint = x.fingerprint`,
          [
            organizationId,
            JSON.stringify(
              history.slice(i, i + batchSize).map((h) => ({
                fingerprint: h.fingerprint,
                from_status: h.from,
                to_status: h.to,
                actor: h.actor.name,
                actor_type: h.actor.type,
                reason: h.reason,
                risk_accepted_until: h.riskAcceptedUntil,
                false_positive_until: h.falsePositiveUntil ?? null,
                changed_at: h.at,
              })),
            ),
          ],
        );
      }
    };
    if (manager) await run(manager);
    else await this.dataSource.transaction(run);
    return { written: changed.length, redetected, unchanged, ids };
  }

  /**
   * Writes the search text of the organisation's findings that have none: those stored before it existed, or
   * whose wording changed (a migration that changes how titles read sets it back to null). Found by a partial
   * index, so an evaluation with nothing to fill pays one empty index scan.
   */
  private async fillSearchText(organizationId: string, m: EntityManager): Promise<void> {
    const rows = (await m.query(`SELECT id, kind, params, title FROM finding WHERE organization_id = $1 AND search_text IS NULL`, [organizationId])) as {
      id: string;
      kind: FindingKind;
      params: Finding['params'] | null;
      title: string;
    }[];
    for (let i = 0; i < rows.length; i += 2000) {
      const batch = rows.slice(i, i + 2000).map((r) => ({ id: r.id, search_text: findingSearchText(r) }));
      await m.query(
        `UPDATE finding f SET search_text = x.search_text FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, search_text text)
          WHERE f.organization_id = $1 AND f.id = x.id`,
        [organizationId, JSON.stringify(batch)],
      );
    }
  }

  async list(organizationId: string, filter: FindingFilter, first: number, after?: string | null): Promise<FindingPage> {
    const where: string[] = ['f.organization_id = $1'];
    const params: unknown[] = [organizationId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.domain) add('f.domain = ?', filter.domain);
    if (filter.kind) add('f.kind = ?', filter.kind);
    if (filter.severity) add('f.severity = ?', filter.severity);
    if (filter.status) add('f.status = ?', filter.status);
    else if (!filter.includeResolved) where.push(`f.status <> 'RESOLVED'`);
    if (filter.teamIds) add('f.owner_team_id = ANY(?::uuid[])', filter.teamIds);
    if (filter.assigneeUserId) add('f.assignee_user_id = ?::uuid', filter.assigneeUserId);
    if (filter.search) {
      // One parameter for every column: its number is known only once it is pushed. The title in every language
      // (the stored English one until the search text is written), the subject, the owning team's name.
      params.push(`%${filter.search.replace(/[%_\\]/g, '\\$&')}%`);
      const n = `$${params.length}`;
      where.push(
        `(coalesce(f.search_text, f.title) ILIKE ${n} OR f.subject_name ILIKE ${n}
          OR EXISTS (SELECT 1 FROM team t WHERE t.id = f.owner_team_id AND t.name ILIKE ${n}))`,
      );
    }
    const whereSql = where.join(' AND ');
    const [{ count }] = (await this.dataSource.query(`SELECT count(*)::int AS count FROM finding f WHERE ${whereSql}`, params)) as { count: number }[];
    const pageParams = [...params];
    let cursorSql = '';
    if (after) {
      const [rank, detected, id] = decodeCursor(after);
      pageParams.push(rank, detected, id);
      const n = pageParams.length;
      cursorSql = ` AND (${SEVERITY_RANK_SQL}, f.first_detected_at, f.id) > ($${n - 2}::int, $${n - 1}::timestamptz, $${n}::uuid)`;
    }
    pageParams.push(first + 1);
    const rows = (await this.dataSource.query(
      `SELECT f.*, ${lastDetectedSql(null)}, ${SEVERITY_RANK_SQL} AS severity_rank, ${CURSOR_DETECTED_SQL} AS cursor_detected FROM finding f WHERE ${whereSql}${cursorSql}
        ORDER BY severity_rank, f.first_detected_at, f.id LIMIT $${pageParams.length}`,
      pageParams,
    )) as Record<string, unknown>[];
    const page = rows.slice(0, first);
    const cursors = page.map((r) => encodeCursor(r['severity_rank'] as number, r['cursor_detected'] as string, r['id'] as string));
    return {
      findings: page.map(rowToFinding),
      cursors,
      totalCount: count,
      hasNextPage: rows.length > first,
      endCursor: cursors.at(-1) ?? null,
    };
  }

  /**
   * For each finding, its organisation's latest stored evaluation: its as-of instant (null before the first) and
   * whether it detected the finding. Every evaluation moves `last_detected_at` of what it detects to its as-of
   * time, which it stores as the current posture's `as_of`; a finding detected at that instant still holds, and
   * resolving it does not stick. (The newest `last_detected_at` is not that instant: after an evaluation that
   * detected nothing it is an older one's.)
   */
  async latestEvaluationOf(findingIds: readonly string[]): Promise<Map<string, LatestEvaluation>> {
    if (findingIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT f.id, coalesce(f.last_detected_at >= cp.as_of, false) AS detected, cp.as_of
         FROM finding f
         LEFT JOIN current_posture cp ON cp.organization_id = f.organization_id
        WHERE f.id = ANY($1::uuid[])`,
      [findingIds],
    )) as { id: string; detected: boolean; as_of: Date | null }[];
    return new Map(rows.map((r) => [r.id, { detected: r.detected, asOf: r.as_of }]));
  }

  /** Sets (or clears, with null) the assignee of findings of the organisation; returns the ids changed. */
  async setAssignee(organizationId: string, findingIds: readonly string[], userId: string | null): Promise<string[]> {
    if (findingIds.length === 0) return [];
    const rows = (await this.dataSource.query(
      `UPDATE finding SET assignee_user_id = $3 WHERE organization_id = $1 AND id = ANY($2::uuid[])
         AND assignee_user_id IS DISTINCT FROM $3 RETURNING id`,
      [organizationId, findingIds, userId],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async historyFor(findingIds: readonly string[]): Promise<StoredStatusChange[]> {
    if (findingIds.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT * FROM finding_status_change WHERE finding_id = ANY($1::uuid[]) ORDER BY changed_at, id`,
      [findingIds],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      findingId: r['finding_id'] as string,
      from: r['from_status'] as FindingStatus | null,
      to: r['to_status'] as FindingStatus,
      actor: r['actor'] as string,
      actorType: r['actor_type'] as 'USER' | 'SYSTEM',
      reason: r['reason'] as string | null,
      riskAcceptedUntil: r['risk_accepted_until'] as Date | null,
      falsePositiveUntil: r['false_positive_until'] as Date | null,
      at: r['changed_at'] as Date,
    }));
  }
}

type FindingRow = ReturnType<typeof toRow>;

/** A finding as the columns store it; `evaluatedAt`: the as-of of the evaluation that stores it (storedLastDetected). */
function toRow(f: Finding, evaluatedAt: Date | null) {
  return {
    fingerprint: f.fingerprint,
    kind: f.kind,
    qualifier: f.qualifier,
    params: f.params,
    title: f.title,
    domain: f.domain,
    severity: f.severity,
    status: f.status,
    subject_type: f.subject.type,
    subject_external_id: f.subject.externalId,
    subject_name: f.subject.name,
    owner_team_id: f.ownerTeamId,
    evidence: f.evidence,
    details: { subjectId: f.subject.id, ...(f.activityStartedOn ? { activityStartedOn: f.activityStartedOn } : {}) } satisfies FindingDetails,
    first_detected_at: f.firstDetectedAt,
    last_detected_at: storedLastDetected(f.lastDetectedAt, evaluatedAt),
    due_at: f.dueAt,
    resolved_at: f.resolvedAt,
    risk_accepted_until: f.riskAcceptedUntil,
    risk_accepted_reason: f.riskAcceptanceReason,
    false_positive_until: f.falsePositiveUntil,
    false_positive_reason: f.falsePositiveReason,
    reopen_count: f.reopenCount,
  };
}

/** A value as JSON (and so jsonb) has it: dates as ISO strings, non-finite numbers as null. */
const asJson = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : typeof v === 'number' && !Number.isFinite(v) ? null : v);

/**
 * Whether two values are the same once stored as jsonb: object keys in any order (evidence read back from the
 * database has jsonb's key order), keys whose value is undefined ignored, as JSON.stringify does. Compares in
 * place: serialising both sides of every finding on every evaluation cost more than the writes it spared.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  // Two dates are the same instant without rendering either: a finding has five, compared on every evaluation.
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  const x = asJson(a);
  const y = asJson(b);
  if (x === y) return true;
  if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return false;
  if (Array.isArray(x) || Array.isArray(y)) {
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameJson(x[i] ?? null, y[i] ?? null)) return false;
    return true;
  }
  const left = x as Record<string, unknown>;
  const right = y as Record<string, unknown>;
  let keys = 0;
  for (const key in left) {
    if (!Object.hasOwn(left, key) || left[key] === undefined || typeof left[key] === 'function') continue;
    keys += 1;
    if (!Object.hasOwn(right, key) || !sameJson(left[key], right[key])) return false;
  }
  for (const key in right) if (Object.hasOwn(right, key) && right[key] !== undefined && typeof right[key] !== 'function') keys -= 1;
  return keys === 0;
}
