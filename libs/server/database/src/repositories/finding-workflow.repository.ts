import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** One comment on a finding: who wrote it, when, and what. Comments are append-only (migration FindingsWorkflow). */
export interface StoredFindingComment {
  id: string;
  findingId: string;
  authorUserId: string | null;
  author: string;
  body: string;
  createdAt: Date;
}

/** A member of the organisation as the findings workflow sees them (to assign a finding to). */
export interface FindingWorkflowMember {
  userId: string;
  email: string;
  displayName: string | null;
  role: string;
  teamIds: string[];
}

/** The workflow around findings that the evaluation never touches: comments and the people findings go to. */
@Injectable()
export class FindingWorkflowRepository {
  constructor(private readonly dataSource: DataSource) {}

  async addComment(findingId: string, author: { userId: string | null; name: string }, body: string, at: Date): Promise<StoredFindingComment> {
    const rows = (await this.dataSource.query(
      `INSERT INTO finding_comment (finding_id, author_user_id, author, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [findingId, author.userId, author.name, body, at],
    )) as Record<string, unknown>[];
    return toComment(rows[0]!);
  }

  async commentsFor(findingIds: readonly string[]): Promise<StoredFindingComment[]> {
    if (findingIds.length === 0) return [];
    const rows = (await this.dataSource.query(`SELECT * FROM finding_comment WHERE finding_id = ANY($1::uuid[]) ORDER BY created_at, id`, [findingIds])) as Record<
      string,
      unknown
    >[];
    return rows.map(toComment);
  }

  /** Active members of the organisation (deactivated users are never assigned new work). */
  activeMembers(organizationId: string): Promise<FindingWorkflowMember[]> {
    return this.dataSource.query(
      `SELECT u.id AS "userId", u.email, u.display_name AS "displayName", m.role, m.team_ids::text[] AS "teamIds"
         FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.organization_id = $1 AND u.status = 'ACTIVE' ORDER BY u.email`,
      [organizationId],
    ) as Promise<FindingWorkflowMember[]>;
  }

  /** Users by id, whatever their membership now (an assignee may have left the organisation since). */
  async usersByIds(ids: readonly string[]): Promise<Map<string, { userId: string; email: string; displayName: string | null }>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.dataSource.query(`SELECT id AS "userId", email, display_name AS "displayName" FROM app_user WHERE id = ANY($1::uuid[])`, [ids])) as {
      userId: string;
      email: string;
      displayName: string | null;
    }[];
    return new Map(rows.map((r) => [r.userId, r]));
  }
}

const toComment = (r: Record<string, unknown>): StoredFindingComment => ({
  id: String(r['id']),
  findingId: r['finding_id'] as string,
  authorUserId: r['author_user_id'] as string | null,
  author: r['author'] as string,
  body: r['body'] as string,
  createdAt: r['created_at'] as Date,
});
