import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '@postureboard/server-core';
import { AUTH_CLOCK, type Clock } from '../auth.clock.js';
import { AuthError, AuthErrorCode } from '../auth.error.js';
import { Authenticator } from '../authentication/authenticator.service.js';
import { Public, SkipAudit } from '../authorization/access.decorators.js';
import { RateLimiter } from '../passwords/rate-limiter.js';
import { clearAuthCookies, refreshCookieOf, setAuthCookies } from './auth-cookies.js';
import { SessionService } from './session.service.js';

/**
 * Failed sign-ins per client address per minute, across all accounts (credential stuffing fails a lot;
 * a browser-test suite signing in over and over does not).
 */
const FAILED_SIGN_INS_PER_MINUTE = 10;

interface SignedInBody {
  user: { id: string; email: string };
  accessExpiresAt: string;
}

/**
 * The web app's sign-in. Tokens only ever travel in httpOnly, SameSite=Strict cookies, and every route
 * insists on a JSON body: a cross-site form cannot send one without a CORS preflight, which we never grant.
 */
@Controller('auth')
@Public()
@SkipAudit()
export class AuthController {
  private readonly failedSignIns = new RateLimiter(FAILED_SIGN_INS_PER_MINUTE, 60_000);

  constructor(
    private readonly sessions: SessionService,
    private readonly authenticator: Authenticator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AUTH_CLOCK) private readonly clock: Clock,
  ) {}

  @Post('login')
  @HttpCode(200)
  async login(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: unknown): Promise<SignedInBody> {
    requireJson(req);
    const client = req.ip ?? 'unknown';
    const wait = this.failedSignIns.check(client, Date.now());
    if (wait > 0) throw new AuthError(AuthErrorCode.RATE_LIMITED, 'Too many failed sign-ins; try again later', wait);
    // Counted as a failure before the password is verified (parallel guesses each count at once), and
    // forgiven when it turns out to succeed or was not a guess at all.
    this.failedSignIns.record(client, Date.now());
    const tokens = await this.sessions.signIn(body, { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null }).catch((error: unknown) => {
      if (!(error instanceof AuthError) || error.code === AuthErrorCode.INVALID_INPUT) this.failedSignIns.forgive(client);
      throw error;
    });
    this.failedSignIns.forgive(client);
    setAuthCookies(res, tokens, this.secure, this.clock());
    return { user: tokens.user, accessExpiresAt: tokens.accessExpiresAt.toISOString() };
  }

  @Post('refresh')
  @HttpCode(200)
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SignedInBody> {
    requireJson(req);
    try {
      const tokens = await this.sessions.refresh(refreshCookieOf(req));
      setAuthCookies(res, tokens, this.secure, this.clock());
      return { user: tokens.user, accessExpiresAt: tokens.accessExpiresAt.toISOString() };
    } catch (error) {
      clearAuthCookies(res, this.secure);
      throw error;
    }
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    requireJson(req);
    const caller = await this.authenticator.authenticate(req);
    await this.sessions.signOut(caller?.kind === 'session' ? caller : null, refreshCookieOf(req));
    clearAuthCookies(res, this.secure);
  }

  private get secure(): boolean {
    return this.config.NODE_ENV === 'production';
  }
}

function requireJson(req: Request): void {
  if (!req.is('application/json')) throw new AuthError(AuthErrorCode.INVALID_INPUT, 'Send Content-Type: application/json');
}
