import { Controller, Get, HttpStatus, Inject, Req, Res } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import { APP_CONFIG, type AppConfig, assertUnreachable } from '@postureboard/server-core';
import { AUTH_CLOCK, type Clock } from '../auth.clock.js';
import { Public, SkipAudit } from '../authorization/access.decorators.js';
import { readCookie, setAuthCookies } from '../sessions/auth-cookies.js';
import { OIDC_FLOW_COOKIE, OIDC_FLOW_COOKIE_PATH, OIDC_FLOW_TTL_SECONDS } from './oidc-flow-cookie.js';
import { OidcError, OidcErrorCode } from './oidc.error.js';
import { OidcService } from './oidc.service.js';
import { signInProblemPage } from './sign-in-problem.page.js';

const statusOf = (code: OidcErrorCode): HttpStatus => {
  switch (code) {
    case OidcErrorCode.DISABLED:
      return HttpStatus.NOT_FOUND;
    case OidcErrorCode.FLOW_INVALID:
    case OidcErrorCode.PROVIDER_REJECTED:
      return HttpStatus.BAD_REQUEST;
    case OidcErrorCode.PROVIDER_UNAVAILABLE:
      return HttpStatus.BAD_GATEWAY;
    case OidcErrorCode.EMAIL_UNVERIFIED:
    case OidcErrorCode.UNKNOWN_USER:
    case OidcErrorCode.DEACTIVATED_USER:
    case OidcErrorCode.IDENTITY_MISMATCH:
      return HttpStatus.FORBIDDEN;
    default:
      return assertUnreachable(code);
  }
};

/**
 * Sign-in with the organisation's OpenID Provider. Browsers navigate here (no fetch), so problems are
 * answered with a page, not JSON. The routes exist only when POSTUREBOARD_OIDC_* is configured (404 otherwise).
 */
@Controller('auth/oidc')
@Public()
@SkipAudit()
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AUTH_CLOCK) private readonly clock: Clock,
  ) {}

  /** Lets the sign-in page decide whether to offer "Sign in with SSO". */
  @Get('config')
  settings(): { enabled: boolean } {
    return { enabled: this.oidc.enabled };
  }

  @Get('login')
  async login(@Res() res: Response): Promise<void> {
    try {
      const { authorizationUrl, sealedFlow } = await this.oidc.begin();
      // Lax, not Strict: the browser must send it back on the provider's cross-site redirect to the callback.
      res.cookie(OIDC_FLOW_COOKIE, sealedFlow, { ...this.flowCookie, maxAge: OIDC_FLOW_TTL_SECONDS * 1000 });
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(HttpStatus.FOUND, authorizationUrl.href);
    } catch (error) {
      this.answerProblem(res, error);
    }
  }

  @Get('callback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      if (!this.oidc.enabled) return this.answerProblem(res, new OidcError(OidcErrorCode.DISABLED, 'OpenID Connect sign-in is not configured on this server'));
      const sealedFlow = readCookie(req.headers.cookie, OIDC_FLOW_COOKIE);
      // One answer per sign-in attempt, whatever it turns out to be.
      res.clearCookie(OIDC_FLOW_COOKIE, this.flowCookie);
      const query = req.originalUrl.indexOf('?');
      const tokens = await this.oidc.complete(query < 0 ? '' : req.originalUrl.slice(query), sealedFlow, {
        ip: req.ip ?? null,
        userAgent: req.headers['user-agent'] ?? null,
      });
      setAuthCookies(res, tokens, this.secure, this.clock());
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(HttpStatus.FOUND, '/');
    } catch (error) {
      this.answerProblem(res, error);
    }
  }

  private answerProblem(res: Response, error: unknown): void {
    if (!(error instanceof OidcError)) throw error;
    const status = statusOf(error.code);
    res.setHeader('Cache-Control', 'no-store');
    if (error.code === OidcErrorCode.DISABLED) {
      res.status(status).json({ error: 'NOT_FOUND', message: error.message });
      return;
    }
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    res.status(status).type('html').send(signInProblemPage(error.message));
  }

  private get flowCookie(): CookieOptions {
    return { httpOnly: true, sameSite: 'lax', secure: this.secure, path: OIDC_FLOW_COOKIE_PATH };
  }

  private get secure(): boolean {
    return this.config.NODE_ENV === 'production';
  }
}
