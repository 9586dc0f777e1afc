import { Injectable } from '@nestjs/common';
import type { EmploymentType, IdentityStatus } from '@postureboard/domain';
import type { SqlClient, UpsertCounts } from './pg-client.repository.js';
import { isoDate } from './sql-values.util.js';

/** A person as one source reports them; e-mails already normalised (trimmed, lower case). */
export interface IdentityRow {
  externalId: string;
  email: string | null;
  employeeNumber: string | null;
  displayName: string;
  employmentType: EmploymentType;
  status: IdentityStatus;
  startDate: Date | null;
  terminationDate: Date | null;
  workCountry: string | null;
  department: string | null;
  managerEmail: string | null;
}

/** Higher outranks lower: a source may overwrite what an equal or lower-ranked source said, else only fill gaps. */
export type SourceRank = (source: string) => number;

interface Match {
  ord: number;
  id: string | null;
  source: string | null;
  email: string | null;
  employeeNumber: string | null;
}

/**
 * Identities merged across sources: matched by e-mail, then employee number, then an explicit alias.
 * Set-based: one match query, one UPDATE and one INSERT per batch.
 */
@Injectable()
export class IdentityStoreRepository {
  async upsertBatch(client: SqlClient, organizationId: string, source: string, rows: readonly IdentityRow[], rank: SourceRank): Promise<UpsertCounts> {
    if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
    await ensureTeams(client, organizationId, rows);
    const matches = await match(client, organizationId, rows);
    const updates = new Map<string, { row: IdentityRow; full: boolean; match: Match }>();
    const inserts = new Map<string, IdentityRow>();
    rows.forEach((row, index) => {
      const found = matches[index]!;
      if (found.id) {
        updates.delete(found.id);
        updates.set(found.id, { row, full: rank(source) >= rank(found.source ?? ''), match: found });
      } else {
        const key = row.email ?? (row.employeeNumber ? `#${row.employeeNumber}` : `@${row.externalId}`);
        inserts.delete(key);
        inserts.set(key, row);
      }
    });
    const updated = await update(client, organizationId, source, [...updates.entries()]);
    const inserted = await insert(client, organizationId, source, [...inserts.values()]);
    return { inserted, updated, unchanged: rows.length - inserted - updated };
  }
}

/** HR departments become teams, so credentials and findings can be owned by a team. */
async function ensureTeams(client: SqlClient, organizationId: string, rows: readonly IdentityRow[]): Promise<void> {
  const departments = [...new Set(rows.map((r) => r.department?.trim()).filter((d): d is string => Boolean(d)))];
  if (departments.length === 0) return;
  await client.query(
    `INSERT INTO team (organization_id, name)
     SELECT $1, d FROM unnest($2::text[]) AS d
     WHERE NOT EXISTS (SELECT 1 FROM team t WHERE t.organization_id = $1 AND lower(t.name) = lower(d))
     ON CONFLICT DO NOTHING`,
    [organizationId, departments],
  );
}

async function match(client: SqlClient, organizationId: string, rows: readonly IdentityRow[]): Promise<Match[]> {
  const result = await client.query<Match>(
    `SELECT t.ord::int AS ord, m.id, m.source, m.email, m.employee_number AS "employeeNumber"
     FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t(email, employee_number, external_id, ord)
     LEFT JOIN LATERAL (
       SELECT i.id, i.source, i.email, i.employee_number FROM (
         SELECT id, 1 AS rank FROM identity WHERE organization_id = $1 AND email = t.email
         UNION ALL SELECT id, 2 FROM identity WHERE organization_id = $1 AND employee_number = t.employee_number
         UNION ALL SELECT identity_id, 3 FROM identity_alias
           WHERE organization_id = $1 AND alias IN (t.email, t.employee_number, t.external_id, lower(btrim(t.external_id)))
       ) c JOIN identity i ON i.id = c.id ORDER BY c.rank LIMIT 1
     ) m ON true
     ORDER BY t.ord`,
    [organizationId, rows.map((r) => r.email), rows.map((r) => r.employeeNumber), rows.map((r) => r.externalId)],
  );
  return result.rows;
}

/** E-mail and employee number may change only when no other identity holds the new value. */
function uniqueChanges(updates: [string, { row: IdentityRow; match: Match }][], field: 'email' | 'employeeNumber'): Set<string> {
  const claims = new Map<string, number>();
  for (const [, { row, match: m }] of updates) {
    const value = row[field];
    if (value !== null && value !== m[field]) claims.set(value, (claims.get(value) ?? 0) + 1);
  }
  return new Set([...claims].filter(([, n]) => n > 1).map(([value]) => value));
}

async function update(
  client: SqlClient,
  organizationId: string,
  source: string,
  updates: [string, { row: IdentityRow; full: boolean; match: Match }][],
): Promise<number> {
  if (updates.length === 0) return 0;
  const contestedEmails = uniqueChanges(updates, 'email');
  const contestedNumbers = uniqueChanges(updates, 'employeeNumber');
  const rows = updates.map(([id, u]) => ({
    id,
    ...u,
    email: u.row.email && !contestedEmails.has(u.row.email) ? u.row.email : null,
    employeeNumber: u.row.employeeNumber && !contestedNumbers.has(u.row.employeeNumber) ? u.row.employeeNumber : null,
  }));
  // `full` (the source outranks or equals the one that wrote the identity) overwrites; otherwise gaps are filled.
  const result = await client.query(
    `WITH u AS (
       SELECT * FROM unnest($3::uuid[], $4::boolean[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                            $10::date[], $11::date[], $12::text[], $13::text[], $14::text[])
         AS u(id, full_mode, email, employee_number, display_name, employment_type, status, start_date, termination_date,
              work_country, department, manager_email)
     ), target AS (
       SELECT i.id,
         CASE WHEN EXISTS (SELECT 1 FROM identity o WHERE o.organization_id = $1 AND o.email = u.email AND o.id <> i.id) THEN i.email
              WHEN u.full_mode THEN COALESCE(u.email, i.email) ELSE COALESCE(i.email, u.email) END AS email,
         CASE WHEN EXISTS (SELECT 1 FROM identity o WHERE o.organization_id = $1 AND o.employee_number = u.employee_number AND o.id <> i.id)
              THEN i.employee_number
              WHEN u.full_mode THEN COALESCE(u.employee_number, i.employee_number) ELSE COALESCE(i.employee_number, u.employee_number) END
           AS employee_number,
         CASE WHEN u.full_mode THEN u.display_name ELSE i.display_name END AS display_name,
         CASE WHEN u.full_mode THEN u.employment_type ELSE i.employment_type END AS employment_type,
         CASE WHEN u.full_mode THEN u.status ELSE i.status END AS status,
         CASE WHEN u.full_mode THEN COALESCE(u.start_date, i.start_date) ELSE COALESCE(i.start_date, u.start_date) END AS start_date,
         CASE WHEN u.full_mode THEN u.termination_date ELSE COALESCE(i.termination_date, u.termination_date) END AS termination_date,
         CASE WHEN u.full_mode THEN COALESCE(u.work_country, i.work_country) ELSE COALESCE(i.work_country, u.work_country) END::char(2)
           AS work_country,
         CASE WHEN u.full_mode THEN COALESCE(u.department, i.department) ELSE COALESCE(i.department, u.department) END AS department,
         CASE WHEN u.full_mode THEN COALESCE(team.id, i.team_id) ELSE COALESCE(i.team_id, team.id) END AS team_id,
         CASE WHEN u.full_mode THEN COALESCE(u.manager_email, i.manager_email) ELSE COALESCE(i.manager_email, u.manager_email) END
           AS manager_email,
         CASE WHEN u.full_mode THEN $2 ELSE i.source END AS source
       FROM u JOIN identity i ON i.id = u.id AND i.organization_id = $1
       LEFT JOIN LATERAL (
         SELECT id FROM team WHERE organization_id = $1 AND lower(name) = lower(btrim(u.department)) ORDER BY created_at, id LIMIT 1
       ) team ON true
     )
     UPDATE identity i SET email = t.email, employee_number = t.employee_number, display_name = t.display_name,
       employment_type = t.employment_type, status = t.status, start_date = t.start_date, termination_date = t.termination_date,
       work_country = t.work_country, department = t.department, team_id = t.team_id, manager_email = t.manager_email,
       source = t.source, updated_at = now()
     FROM target t
     WHERE i.id = t.id AND (i.email, i.employee_number, i.display_name, i.employment_type, i.status, i.start_date, i.termination_date,
       i.work_country, i.department, i.team_id, i.manager_email, i.source)
       IS DISTINCT FROM (t.email, t.employee_number, t.display_name, t.employment_type, t.status, t.start_date, t.termination_date,
       t.work_country, t.department, t.team_id, t.manager_email, t.source)
     RETURNING i.id`,
    [
      organizationId,
      source,
      rows.map((r) => r.id),
      rows.map((r) => r.full),
      rows.map((r) => r.email),
      rows.map((r) => r.employeeNumber),
      rows.map((r) => r.row.displayName),
      rows.map((r) => r.row.employmentType),
      rows.map((r) => r.row.status),
      rows.map((r) => isoDate(r.row.startDate)),
      rows.map((r) => isoDate(r.row.terminationDate)),
      rows.map((r) => r.row.workCountry),
      rows.map((r) => r.row.department),
      rows.map((r) => r.row.managerEmail),
    ],
  );
  return result.rowCount ?? 0;
}

async function insert(client: SqlClient, organizationId: string, source: string, rows: readonly IdentityRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  // DO NOTHING: two new records of one batch claiming the same employee number cannot fail the run.
  const result = await client.query(
    `INSERT INTO identity (organization_id, email, employee_number, display_name, employment_type, status, start_date,
       termination_date, work_country, department, team_id, manager_email, source)
     SELECT $1, u.email, u.employee_number, u.display_name, u.employment_type, u.status, u.start_date, u.termination_date,
       u.work_country, u.department,
       (SELECT id FROM team WHERE organization_id = $1 AND lower(name) = lower(btrim(u.department)) ORDER BY created_at, id LIMIT 1),
       u.manager_email, $2
     FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[], $9::date[], $10::text[], $11::text[], $12::text[])
       AS u(email, employee_number, display_name, employment_type, status, start_date, termination_date, work_country, department,
            manager_email)
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [
      organizationId,
      source,
      rows.map((r) => r.email),
      rows.map((r) => r.employeeNumber),
      rows.map((r) => r.displayName),
      rows.map((r) => r.employmentType),
      rows.map((r) => r.status),
      rows.map((r) => isoDate(r.startDate)),
      rows.map((r) => isoDate(r.terminationDate)),
      rows.map((r) => r.workCountry),
      rows.map((r) => r.department),
      rows.map((r) => r.managerEmail),
    ],
  );
  return result.rowCount ?? 0;
}
