import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { firstRow, rows } from './sql.js';

export type UserStatus = 'ACTIVE' | 'DEACTIVATED';

export interface UserRecord {
  id: string;
  email: string;
  displayName: string | null;
  passwordHash: string | null;
  platformAdmin: boolean;
  status: UserStatus;
  failedSignIns: number;
  lockedUntil: Date | null;
  lastSignInAt: Date | null;
  createdAt: Date;
  deactivatedAt: Date | null;
}

/** What a user chose for the notifications addressed to them: e-mail language (null: the channel's) and the digest. */
export interface NotificationPreferences {
  language: 'en' | 'ko' | null;
  digestOptOut: boolean;
}

export interface RevokedOnDeactivation {
  sessions: number;
  refreshTokens: number;
  apiTokens: number;
}

const COLUMNS = `id, email, display_name AS "displayName", password_hash AS "passwordHash", platform_admin AS "platformAdmin",
  status, failed_sign_ins AS "failedSignIns", locked_until AS "lockedUntil", last_sign_in_at AS "lastSignInAt",
  created_at AS "createdAt", deactivated_at AS "deactivatedAt"`;

@Injectable()
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  async notificationPreferences(userId: string): Promise<NotificationPreferences | null> {
    return firstRow<NotificationPreferences>(this.dataSource, `SELECT notification_lang AS language, digest_opt_out AS "digestOptOut" FROM app_user WHERE id = $1`, [userId]);
  }

  /** Sets what is given (undefined keeps the stored value; a null language goes back to the channel's). */
  async setNotificationPreferences(userId: string, change: { language?: 'en' | 'ko' | null; digestOptOut?: boolean }): Promise<NotificationPreferences | null> {
    return firstRow<NotificationPreferences>(
      this.dataSource,
      `UPDATE app_user SET notification_lang = CASE WHEN $2 THEN $3 ELSE notification_lang END, digest_opt_out = COALESCE($4, digest_opt_out)
        WHERE id = $1 RETURNING notification_lang AS language, digest_opt_out AS "digestOptOut"`,
      [userId, change.language !== undefined, change.language ?? null, change.digestOptOut ?? null],
    );
  }

  async count(): Promise<number> {
    const row = await firstRow<{ count: number }>(this.dataSource, 'SELECT count(*)::int AS count FROM app_user');
    return row?.count ?? 0;
  }

  findByEmail(email: string): Promise<UserRecord | null> {
    return firstRow<UserRecord>(this.dataSource, `SELECT ${COLUMNS} FROM app_user WHERE email = $1`, [email]);
  }

  /** The account bound to an identity at an OpenID Provider, if any. */
  findByOidcIdentity(issuer: string, subject: string): Promise<UserRecord | null> {
    return firstRow<UserRecord>(
      this.dataSource,
      `SELECT ${COLUMNS} FROM app_user WHERE id = (SELECT user_id FROM oidc_identity WHERE issuer = $1 AND subject = $2)`,
      [issuer, subject],
    );
  }

  /** The subject an account is bound to at `issuer`, or null when it has not signed in there yet. */
  async oidcSubjectOf(userId: string, issuer: string): Promise<string | null> {
    const row = await firstRow<{ subject: string }>(this.dataSource, 'SELECT subject FROM oidc_identity WHERE user_id = $1 AND issuer = $2', [userId, issuer]);
    return row?.subject ?? null;
  }

  /** Binds an account to (issuer, subject); false when either is bound already (a concurrent first sign-in). */
  async bindOidcIdentity(userId: string, issuer: string, subject: string): Promise<boolean> {
    const row = await firstRow<{ subject: string }>(
      this.dataSource,
      'INSERT INTO oidc_identity (issuer, subject, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING subject',
      [issuer, subject, userId],
    );
    return row !== null;
  }

  findById(id: string): Promise<UserRecord | null> {
    return firstRow<UserRecord>(this.dataSource, `SELECT ${COLUMNS} FROM app_user WHERE id = $1`, [id]);
  }

  /** Inserts unless the e-mail exists; returns null when it does. */
  insert(input: { email: string; passwordHash: string | null; platformAdmin: boolean; createdAt: Date }): Promise<UserRecord | null> {
    return firstRow<UserRecord>(
      this.dataSource,
      `INSERT INTO app_user (email, password_hash, platform_admin, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO NOTHING RETURNING ${COLUMNS}`,
      [input.email, input.passwordHash, input.platformAdmin, input.createdAt],
    );
  }

  /**
   * Sets a new password and, in the same transaction, ends every session and refresh token of the user:
   * a password is changed (or reset by an administrator) because the old one may be known to someone else,
   * who must not stay signed in with it. API tokens are separate credentials and stay.
   */
  setPassword(id: string, passwordHash: string, at: Date): Promise<{ sessions: number }> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query('UPDATE app_user SET password_hash = $2, failed_sign_ins = 0, locked_until = NULL WHERE id = $1', [id, passwordHash]);
      const sessions = await rows<{ id: string }>(
        tx,
        `UPDATE auth_session SET revoked_at = $2, revoked_reason = 'password changed' WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
        [id, at],
      );
      await tx.query(
        `UPDATE refresh_token SET revoked_at = $2 FROM auth_session s
         WHERE refresh_token.session_id = s.id AND s.user_id = $1 AND refresh_token.revoked_at IS NULL AND refresh_token.used_at IS NULL`,
        [id, at],
      );
      return { sessions: sessions.length };
    });
  }

  async setPlatformAdmin(id: string, platformAdmin: boolean): Promise<void> {
    await this.dataSource.query('UPDATE app_user SET platform_admin = $2 WHERE id = $1', [id, platformAdmin]);
  }

  /**
   * Reserves one sign-in attempt before the password is verified: counted as a failure at once (a success
   * resets the count), and the account locked when `lockAfter` says so — under the row's lock, so 200
   * parallel guesses count like 200 sequential ones and all but the first few find the account locked
   * without a password being verified. Refused (nothing counted) while the account is locked.
   */
  reserveSignInAttempt(id: string, now: Date, lockAfter: (failures: number, now: Date) => Date | null): Promise<{ reserved: true } | { reserved: false; lockedUntil: Date }> {
    return this.dataSource.transaction(async (tx) => {
      const row = await firstRow<{ failures: number; lockedUntil: Date | null }>(
        tx,
        'SELECT failed_sign_ins AS failures, locked_until AS "lockedUntil" FROM app_user WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (row?.lockedUntil && row.lockedUntil > now) return { reserved: false as const, lockedUntil: row.lockedUntil };
      const failures = (row?.failures ?? 0) + 1;
      await tx.query('UPDATE app_user SET failed_sign_ins = $2, locked_until = COALESCE($3::timestamptz, locked_until) WHERE id = $1', [id, failures, lockAfter(failures, now)]);
      return { reserved: true as const };
    });
  }

  async recordSuccessfulSignIn(id: string, at: Date): Promise<void> {
    await this.dataSource.query('UPDATE app_user SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = $2 WHERE id = $1', [id, at]);
  }

  /**
   * Deactivates the user and, in the same transaction, revokes every session, refresh token and API
   * token: nothing the user held stays valid for a second longer (the breach this product exists for).
   */
  deactivate(id: string, at: Date): Promise<RevokedOnDeactivation | null> {
    return this.dataSource.transaction(async (tx) => {
      const user = await firstRow<{ id: string }>(
        tx,
        `UPDATE app_user SET status = 'DEACTIVATED', deactivated_at = $2 WHERE id = $1 AND status = 'ACTIVE' RETURNING id`,
        [id, at],
      );
      if (!user) return null;
      const sessions = await rows<{ id: string }>(
        tx,
        `UPDATE auth_session SET revoked_at = $2, revoked_reason = 'user deactivated' WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
        [id, at],
      );
      const refreshTokens = await rows<{ id: string }>(
        tx,
        `UPDATE refresh_token SET revoked_at = $2 FROM auth_session s
         WHERE refresh_token.session_id = s.id AND s.user_id = $1 AND refresh_token.revoked_at IS NULL AND refresh_token.used_at IS NULL
         RETURNING refresh_token.id`,
        [id, at],
      );
      const apiTokens = await rows<{ id: string }>(
        tx,
        `UPDATE api_token SET revoked_at = $2, revoked_reason = 'user deactivated' WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
        [id, at],
      );
      return { sessions: sessions.length, refreshTokens: refreshTokens.length, apiTokens: apiTokens.length };
    });
  }
}
