import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Role } from '../roles/role.js';
import { firstRow, rows } from './sql.js';

export interface MembershipRecord {
  userId: string;
  organizationId: string;
  organizationSlug: string;
  organizationName: string;
  role: Role;
  teamIds: string[];
}

export interface OrganizationMemberRecord {
  userId: string;
  email: string;
  role: Role;
  teamIds: string[];
  status: 'ACTIVE' | 'DEACTIVATED';
  lastSignInAt: Date | null;
}

const COLUMNS = `m.user_id AS "userId", m.organization_id AS "organizationId", o.slug AS "organizationSlug",
  o.name AS "organizationName", m.role, m.team_ids AS "teamIds"`;

@Injectable()
export class MembershipRepository {
  constructor(private readonly dataSource: DataSource) {}

  async upsert(input: { userId: string; organizationId: string; role: Role; teamIds: readonly string[] }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO membership (user_id, organization_id, role, team_ids) VALUES ($1, $2, $3, $4::uuid[])
       ON CONFLICT (user_id, organization_id) DO UPDATE SET role = EXCLUDED.role, team_ids = EXCLUDED.team_ids`,
      [input.userId, input.organizationId, input.role, [...input.teamIds]],
    );
  }

  find(userId: string, organizationId: string): Promise<MembershipRecord | null> {
    return firstRow<MembershipRecord>(
      this.dataSource,
      `SELECT ${COLUMNS} FROM membership m JOIN organization o ON o.id = m.organization_id WHERE m.user_id = $1 AND m.organization_id = $2`,
      [userId, organizationId],
    );
  }

  /**
   * The organisation named by `slug` and the user's membership in it, in one query: null when there is no such
   * organisation, `membership` null when the user is not a member.
   */
  async findBySlug(
    userId: string,
    slug: string,
  ): Promise<{ organization: { id: string; slug: string }; membership: { role: Role; teamIds: string[] } | null } | null> {
    const row = await firstRow<{ id: string; slug: string; role: Role | null; teamIds: string[] | null }>(
      this.dataSource,
      `SELECT o.id, o.slug, m.role, m.team_ids AS "teamIds"
         FROM organization o LEFT JOIN membership m ON m.organization_id = o.id AND m.user_id = $1
        WHERE o.slug = $2`,
      [userId, slug],
    );
    if (!row) return null;
    return { organization: { id: row.id, slug: row.slug }, membership: row.role ? { role: row.role, teamIds: row.teamIds ?? [] } : null };
  }

  listForUser(userId: string): Promise<MembershipRecord[]> {
    return rows<MembershipRecord>(
      this.dataSource,
      `SELECT ${COLUMNS} FROM membership m JOIN organization o ON o.id = m.organization_id WHERE m.user_id = $1 ORDER BY o.slug`,
      [userId],
    );
  }

  /** Everyone with a role in the organization, with whether they can still sign in. */
  listForOrganization(organizationId: string): Promise<OrganizationMemberRecord[]> {
    return rows<OrganizationMemberRecord>(
      this.dataSource,
      `SELECT u.id AS "userId", u.email, m.role, m.team_ids AS "teamIds", u.status, u.last_sign_in_at AS "lastSignInAt"
         FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.organization_id = $1 ORDER BY u.email`,
      [organizationId],
    );
  }

  /** Team ids for names or ids within one organization; `missing` lists what matched nothing. */
  async resolveTeams(organizationId: string, refs: readonly string[]): Promise<{ ids: string[]; missing: string[] }> {
    if (refs.length === 0) return { ids: [], missing: [] };
    const found = await rows<{ id: string; name: string }>(
      this.dataSource,
      `SELECT id::text AS id, name FROM team WHERE organization_id = $1 AND (name = ANY($2::text[]) OR id::text = ANY($2::text[]))`,
      [organizationId, [...refs]],
    );
    const missing = refs.filter((ref) => !found.some((t) => t.id === ref || t.name === ref));
    return { ids: [...new Set(found.map((t) => t.id))].sort(), missing };
  }
}
