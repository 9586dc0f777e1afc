import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Role } from '../roles/role.js';
import { firstRow, rows } from './sql.js';

export interface ApiTokenRecord {
  id: string;
  userId: string;
  userEmail: string;
  organizationId: string;
  role: Role;
  name: string;
  tokenPrefix: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/** A presented token that is unrevoked, unexpired, held by an active user, with that user's current standing. */
export interface ActiveApiToken extends ApiTokenRecord {
  organizationSlug: string;
  platformAdmin: boolean;
  memberRole: Role | null;
  memberTeamIds: string[] | null;
}

const COLUMNS = `t.id, t.user_id AS "userId", u.email AS "userEmail", t.organization_id AS "organizationId", t.role, t.name,
  t.token_prefix AS "tokenPrefix", t.created_at AS "createdAt", t.expires_at AS "expiresAt", t.revoked_at AS "revokedAt",
  t.last_used_at AS "lastUsedAt"`;

@Injectable()
export class ApiTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(input: {
    userId: string;
    organizationId: string;
    role: Role;
    name: string;
    tokenHash: string;
    tokenPrefix: string;
    createdAt: Date;
    expiresAt: Date;
  }): Promise<ApiTokenRecord> {
    const inserted = await firstRow<{ id: string }>(
      this.dataSource,
      `INSERT INTO api_token (user_id, organization_id, role, name, token_hash, token_prefix, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [input.userId, input.organizationId, input.role, input.name, input.tokenHash, input.tokenPrefix, input.createdAt, input.expiresAt],
    );
    return (await this.findById(inserted!.id))!;
  }

  findById(id: string): Promise<ApiTokenRecord | null> {
    return firstRow<ApiTokenRecord>(this.dataSource, `SELECT ${COLUMNS} FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.id = $1`, [id]);
  }

  findActiveByHash(tokenHash: string, now: Date): Promise<ActiveApiToken | null> {
    return firstRow<ActiveApiToken>(
      this.dataSource,
      `SELECT ${COLUMNS}, o.slug AS "organizationSlug", u.platform_admin AS "platformAdmin", m.role AS "memberRole", m.team_ids AS "memberTeamIds"
       FROM api_token t JOIN app_user u ON u.id = t.user_id JOIN organization o ON o.id = t.organization_id
       LEFT JOIN membership m ON m.user_id = t.user_id AND m.organization_id = t.organization_id
       WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2 AND u.status = 'ACTIVE'`,
      [tokenHash, now],
    );
  }

  listForOrganization(organizationId: string, userId: string | null): Promise<ApiTokenRecord[]> {
    return rows<ApiTokenRecord>(
      this.dataSource,
      `SELECT ${COLUMNS} FROM api_token t JOIN app_user u ON u.id = t.user_id
       WHERE t.organization_id = $1 AND ($2::uuid IS NULL OR t.user_id = $2) ORDER BY t.created_at DESC`,
      [organizationId, userId],
    );
  }

  /** Returns false when there was nothing unrevoked with that id. */
  async revoke(id: string, at: Date, reason: string): Promise<boolean> {
    const revoked = await rows<{ id: string }>(
      this.dataSource,
      `UPDATE api_token SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
      [id, at, reason],
    );
    return revoked.length > 0;
  }

  /** Records use at most once a minute per token, so automation does not write on every request. */
  async touch(id: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_token SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`,
      [id, at],
    );
  }
}
