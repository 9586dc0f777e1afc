import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface TeamRecord {
  id: string;
  organizationId: string;
  name: string;
  leadEmail: string | null;
}

const toTeam = (r: Record<string, unknown>): TeamRecord => ({
  id: r['id'] as string,
  organizationId: r['organization_id'] as string,
  name: r['name'] as string,
  leadEmail: r['lead_email'] as string | null,
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
}
