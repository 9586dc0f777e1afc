import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { AUTH_CLOCK, type Clock } from '../auth.clock.js';
import { AuthError, AuthErrorCode, unauthenticated } from '../auth.error.js';
import { actorFromCaller, anonymousActor } from '../audit/audit-actor.js';
import { type AuditDetailValue, AuditTrail } from '../audit/audit-trail.service.js';
import type { SessionCaller } from '../authorization/caller.js';
import { PasswordHasher } from '../passwords/password-hasher.js';
import { lockedUntilAfter } from '../passwords/sign-in-lockout.js';
import { SessionRepository } from '../repositories/session.repository.js';
import { UserRepository } from '../repositories/user.repository.js';
import { SigningKeyService } from '../signing-keys/signing-key.service.js';
import { ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS, SESSION_MAX_AGE_SECONDS } from '../signing-keys/token-lifetimes.js';
import { hashOpaqueToken, newOpaqueToken, REFRESH_TOKEN_PREFIX } from '../tokens/opaque-token.js';
import { normaliseEmail } from '../users/email.js';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** What the controller turns into cookies. */
export interface IssuedTokens {
  user: { id: string; email: string };
  accessToken: string;
  accessExpiresAt: Date;
  refreshToken: string;
  refreshExpiresAt: Date;
}

const signInSchema = z.object({ email: z.string().min(3).max(320), password: z.string().min(1).max(1024) });

const INVALID = 'Invalid e-mail or password';

/** Sign-in, refresh-token rotation and sign-out for the web app. */
@Injectable()
export class SessionService {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly signingKeys: SigningKeyService,
    private readonly audit: AuditTrail,
    @Inject(AUTH_CLOCK) private readonly clock: Clock,
  ) {}

  async signIn(body: unknown, client: ClientInfo): Promise<IssuedTokens> {
    const parsed = signInSchema.safeParse(body);
    if (!parsed.success) throw new AuthError(AuthErrorCode.INVALID_INPUT, 'Expected JSON { "email", "password" }');
    const email = normaliseEmail(parsed.data.email);
    const now = this.clock();
    const user = await this.users.findByEmail(email);
    const failed = (reason: string) =>
      this.audit.append({ actor: anonymousActor(email), action: 'auth.sign-in', target: email, outcome: 'FAILURE', details: { reason, ip: client.ip } });

    // The attempt is counted (and the account locked if it is one too many) before the password is
    // verified: parallel guesses cannot all slip in before the first failure is recorded.
    if (user) {
      const attempt = await this.users.reserveSignInAttempt(user.id, now, lockedUntilAfter);
      if (!attempt.reserved) {
        await failed('locked');
        throw new AuthError(AuthErrorCode.LOCKED, 'Too many failed sign-ins; try again later', Math.ceil((attempt.lockedUntil.getTime() - now.getTime()) / 1000));
      }
    }
    // Verify even for unknown or deactivated accounts, so the answer and its timing reveal nothing.
    const passwordMatches = await this.hasher.verify(user?.passwordHash ?? null, parsed.data.password);
    if (!user || !passwordMatches || user.status !== 'ACTIVE') {
      await failed(!user ? 'unknown account' : user.status !== 'ACTIVE' ? 'deactivated' : 'wrong password');
      throw new AuthError(AuthErrorCode.INVALID_CREDENTIALS, INVALID);
    }

    return this.startSession(user, client);
  }

  /**
   * Opens a session for a user whose identity is already proven (their password above, or an OpenID
   * Provider's verified ID token), so every way in ends with the same tokens and the same audit entry.
   */
  async startSession(user: { id: string; email: string }, client: ClientInfo, details: Record<string, AuditDetailValue> = {}): Promise<IssuedTokens> {
    const now = this.clock();
    await this.users.recordSuccessfulSignIn(user.id, now);
    const refreshToken = newOpaqueToken(REFRESH_TOKEN_PREFIX);
    const refreshExpiresAt = new Date(now.getTime() + REFRESH_TOKEN_TTL_SECONDS * 1000);
    const sessionId = await this.sessions.create({
      userId: user.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
      refreshTokenHash: hashOpaqueToken(refreshToken),
      refreshExpiresAt,
    });
    await this.audit.append({ actor: { type: 'USER', id: user.id, label: user.email }, action: 'auth.sign-in', target: user.email, details: { ip: client.ip, sessionId, ...details } });
    const access = await this.signingKeys.sign({ sub: user.id, sid: sessionId }, ACCESS_TOKEN_TTL_SECONDS);
    return { user: { id: user.id, email: user.email }, accessToken: access.token, accessExpiresAt: access.expiresAt, refreshToken, refreshExpiresAt };
  }

  /**
   * Exchanges a refresh token for a new pair. Presenting a token that was already exchanged means a
   * copy exists somewhere: the whole session (every token of the family) is revoked.
   */
  async refresh(refreshToken: string | undefined): Promise<IssuedTokens> {
    if (!refreshToken) throw unauthenticated();
    const now = this.clock();
    const next = newOpaqueToken(REFRESH_TOKEN_PREFIX);
    const refreshExpiresAt = new Date(now.getTime() + REFRESH_TOKEN_TTL_SECONDS * 1000);
    const outcome = await this.sessions.rotateRefreshToken({ tokenHash: hashOpaqueToken(refreshToken), newTokenHash: hashOpaqueToken(next), now, expiresAt: refreshExpiresAt });
    if (outcome.kind === 'reused') {
      await this.sessions.revoke(outcome.sessionId, now, 'refresh token reused');
      await this.audit.append({
        actor: anonymousActor('refresh token holder'),
        action: 'auth.refresh-token-reused',
        target: outcome.sessionId,
        outcome: 'FAILURE',
        details: { revoked: 'session' },
      });
      throw unauthenticated('Session revoked');
    }
    if (outcome.kind === 'invalid') throw unauthenticated('Session expired or invalid');
    const { session } = outcome;
    const access = await this.signingKeys.sign({ sub: session.userId, sid: session.sessionId }, ACCESS_TOKEN_TTL_SECONDS);
    return { user: { id: session.userId, email: session.email }, accessToken: access.token, accessExpiresAt: access.expiresAt, refreshToken: next, refreshExpiresAt };
  }

  /** Resolves an access token to a live session; every request pays one indexed lookup so revocation is immediate. */
  async authenticate(accessToken: string): Promise<SessionCaller | null> {
    const claims = await this.signingKeys.verify(accessToken).catch(() => null);
    if (!claims || typeof claims['sid'] !== 'string' || typeof claims.sub !== 'string') return null;
    const session = await this.sessions.findLive(claims['sid'], this.clock());
    if (!session || session.userId !== claims.sub) return null;
    return { kind: 'session', sessionId: session.sessionId, userId: session.userId, email: session.email, platformAdmin: session.platformAdmin };
  }

  /** Ends the session named by the caller's access token or, failing that, by the refresh token. */
  async signOut(caller: SessionCaller | null, refreshToken: string | undefined): Promise<void> {
    const now = this.clock();
    const sessionId = caller?.sessionId ?? (refreshToken ? await this.sessions.findSessionIdByRefreshToken(hashOpaqueToken(refreshToken)) : null);
    if (!sessionId) return;
    const revoked = await this.sessions.revoke(sessionId, now, 'signed out');
    if (revoked) {
      await this.audit.append({ actor: caller ? actorFromCaller(caller) : anonymousActor('refresh token holder'), action: 'auth.sign-out', target: sessionId });
    }
  }
}
