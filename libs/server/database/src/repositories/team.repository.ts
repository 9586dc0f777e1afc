import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface TeamRecord {
  id: string;
  organizationId: string;
  name: string;
  leadEmail: string | null;
  /** `YYYY-MM-DD`: the day by which the team means to have no overdue credential; null = none set. */
  rotationTargetDate: string | null;
}

/** node-postgres reads a `date` as local midnight; its local calendar fields are the stored day. */
const isoDay = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.slice(0, 10);
  const d = value as Date;
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const toTeam = (r: Record<string, unknown>): TeamRecord => ({
  id: r['id'] as string,
  organizationId: r['organization_id'] as string,
  name: r['name'] as string,
  leadEmail: r['lead_email'] as string | null,
  rotationTargetDate: isoDay(r['rotation_target_date']),
});

@Injectable()
export class TeamRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findAll(organizationId: string): Promise<TeamRecord[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM team WHERE organization_id = $1 ORDER BY name`, [organizationId])) as Record<string, unknown>[];
    return rows.map(toTeam);
  }

  async findByIds(ids: readonly string[]): Promise<TeamRecord[]> {
    if (ids.length === 0) return [];
    const rows = (await this.dataSource.query(`SELECT * FROM team WHERE id = ANY($1::uuid[])`, [ids])) as Record<string, unknown>[];
    return rows.map(toTeam);
  }

  /** Creates the team or returns the existing one with that name (idempotent). */
  async upsert(organizationId: string, name: string, leadEmail: string | null): Promise<TeamRecord> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO team (organization_id, name, lead_email) VALUES ($1, $2, $3)
       ON CONFLICT (organization_id, name) DO UPDATE SET lead_email = COALESCE(EXCLUDED.lead_email, team.lead_email)
       RETURNING *`,
      [organizationId, name, leadEmail],
    )) as Record<string, unknown>[];
    return toTeam(row!);
  }

  /** Sets (a `YYYY-MM-DD` day) or clears (null) the team's burn-down target; null when no such team. */
  async setRotationTarget(teamId: string, day: string | null): Promise<TeamRecord | null> {
    // Through a CTE: the driver answers a bare UPDATE with [rows, count], a SELECT with its rows.
    const [row] = (await this.dataSource.query(`WITH changed AS (UPDATE team SET rotation_target_date = $2::date WHERE id = $1 RETURNING *) SELECT * FROM changed`, [
      teamId,
      day,
    ])) as Record<string, unknown>[];
    return row ? toTeam(row) : null;
  }
}
