import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { firstRow, rows } from './sql.js';

export interface LiveSession {
  sessionId: string;
  userId: string;
  email: string;
  platformAdmin: boolean;
}

export type RefreshOutcome =
  | { kind: 'rotated'; session: LiveSession }
  /** A token that was already exchanged came back: someone holds a copy. The whole family is revoked. */
  | { kind: 'reused'; sessionId: string }
  | { kind: 'invalid' };

@Injectable()
export class SessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  create(input: {
    userId: string;
    createdAt: Date;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
    refreshTokenHash: string;
    refreshExpiresAt: Date;
  }): Promise<string> {
    return this.dataSource.transaction(async (tx) => {
      const session = await firstRow<{ id: string }>(
        tx,
        `INSERT INTO auth_session (user_id, created_at, expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [input.userId, input.createdAt, input.expiresAt, input.ip, input.userAgent],
      );
      await tx.query(`INSERT INTO refresh_token (session_id, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4)`, [
        session!.id,
        input.refreshTokenHash,
        input.createdAt,
        input.refreshExpiresAt,
      ]);
      return session!.id;
    });
  }

  /** The session when it is unrevoked, unexpired and its user active; checked on every request. */
  findLive(sessionId: string, now: Date): Promise<LiveSession | null> {
    return firstRow<LiveSession>(
      this.dataSource,
      `SELECT s.id AS "sessionId", u.id AS "userId", u.email, u.platform_admin AS "platformAdmin"
       FROM auth_session s JOIN app_user u ON u.id = s.user_id
       WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.status = 'ACTIVE'`,
      [sessionId, now],
    );
  }

  /**
   * Exchanges a refresh token for a new one in the same session. The old token is marked used in the
   * same statement that checks it, so two parallel exchanges cannot both succeed.
   */
  rotateRefreshToken(input: { tokenHash: string; newTokenHash: string; now: Date; expiresAt: Date }): Promise<RefreshOutcome> {
    return this.dataSource.transaction(async (tx): Promise<RefreshOutcome> => {
      const used = await firstRow<{ sessionId: string }>(
        tx,
        `UPDATE refresh_token SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2
         RETURNING session_id AS "sessionId"`,
        [input.tokenHash, input.now],
      );
      if (!used) {
        const known = await firstRow<{ sessionId: string; usedAt: Date | null }>(
          tx,
          `SELECT session_id AS "sessionId", used_at AS "usedAt" FROM refresh_token WHERE token_hash = $1`,
          [input.tokenHash],
        );
        return known?.usedAt ? { kind: 'reused', sessionId: known.sessionId } : { kind: 'invalid' };
      }
      const session = await firstRow<LiveSession>(
        tx,
        `SELECT s.id AS "sessionId", u.id AS "userId", u.email, u.platform_admin AS "platformAdmin"
         FROM auth_session s JOIN app_user u ON u.id = s.user_id
         WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.status = 'ACTIVE'`,
        [used.sessionId, input.now],
      );
      if (!session) return { kind: 'invalid' };
      await tx.query(`INSERT INTO refresh_token (session_id, token_hash, created_at, expires_at) VALUES ($1, $2, $3, LEAST($4::timestamptz, (SELECT expires_at FROM auth_session WHERE id = $1)))`, [
        session.sessionId,
        input.newTokenHash,
        input.now,
        input.expiresAt,
      ]);
      return { kind: 'rotated', session };
    });
  }

  /** Revokes the session and every refresh token of its family; returns false when it was already revoked. */
  revoke(sessionId: string, at: Date, reason: string): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const revoked = await rows<{ id: string }>(
        tx,
        `UPDATE auth_session SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
        [sessionId, at, reason],
      );
      await tx.query(`UPDATE refresh_token SET revoked_at = $2 WHERE session_id = $1 AND revoked_at IS NULL`, [sessionId, at]);
      return revoked.length > 0;
    });
  }

  findSessionIdByRefreshToken(tokenHash: string): Promise<string | null> {
    return firstRow<{ sessionId: string }>(this.dataSource, `SELECT session_id AS "sessionId" FROM refresh_token WHERE token_hash = $1`, [tokenHash]).then(
      (row) => row?.sessionId ?? null,
    );
  }
}
