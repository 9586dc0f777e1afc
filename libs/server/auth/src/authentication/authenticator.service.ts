import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Caller } from '../authorization/caller.js';
import { ACCESS_COOKIE, readCookie } from '../sessions/auth-cookies.js';
import { SessionService } from '../sessions/session.service.js';
import { ApiTokenService } from '../tokens/api-token.service.js';
import { requestAuth } from './request-auth.js';

/**
 * Who is calling: an API token in `Authorization: Bearer pbt_...`, else the access-token cookie.
 * Resolved once per HTTP request, however many GraphQL fields ask.
 */
@Injectable()
export class Authenticator {
  constructor(
    private readonly sessions: SessionService,
    private readonly apiTokens: ApiTokenService,
  ) {}

  authenticate(req: Request): Promise<Caller | null> {
    const auth = requestAuth(req);
    auth.caller ??= this.resolve(req).then((caller) => (auth.resolvedCaller = caller));
    return auth.caller;
  }

  private async resolve(req: Request): Promise<Caller | null> {
    const authorization = req.headers?.authorization;
    if (authorization) {
      // A presented but unusable header never falls back to the cookie: the caller asked to be that token.
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      return match ? this.apiTokens.authenticate(match[1]!) : null;
    }
    const access = readCookie(req.headers?.cookie, ACCESS_COOKIE);
    return access ? this.sessions.authenticate(access) : null;
  }
}
