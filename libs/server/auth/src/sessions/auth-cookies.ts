import type { CookieOptions, Request, Response } from 'express';
import { ACCESS_TOKEN_TTL_SECONDS } from '../signing-keys/token-lifetimes.js';
import type { IssuedTokens } from './session.service.js';

export const ACCESS_COOKIE = 'pb_access';
export const REFRESH_COOKIE = 'pb_refresh';
/** The refresh token only ever travels to the refresh and sign-out routes. */
const REFRESH_PATH = '/auth';

const base = (secure: boolean): CookieOptions => ({ httpOnly: true, sameSite: 'strict', secure });

export function setAuthCookies(res: Response, tokens: IssuedTokens, secure: boolean, now: Date): void {
  res.cookie(ACCESS_COOKIE, tokens.accessToken, { ...base(secure), path: '/', maxAge: ACCESS_TOKEN_TTL_SECONDS * 1000 });
  res.cookie(REFRESH_COOKIE, tokens.refreshToken, { ...base(secure), path: REFRESH_PATH, maxAge: Math.max(tokens.refreshExpiresAt.getTime() - now.getTime(), 0) });
}

export function clearAuthCookies(res: Response, secure: boolean): void {
  res.clearCookie(ACCESS_COOKIE, { ...base(secure), path: '/' });
  res.clearCookie(REFRESH_COOKIE, { ...base(secure), path: REFRESH_PATH });
}

/** Reads one cookie from the Cookie header (no cookie-parser middleware needed). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return undefined;
}

export const refreshCookieOf = (req: Request): string | undefined => readCookie(req.headers.cookie, REFRESH_COOKIE);
