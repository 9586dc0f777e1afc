import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import type { Request } from 'express';

/** Whether a browser's Origin header names the host the request was sent to (directly or through a proxy). */
export function isSameOrigin(origin: string, hosts: readonly (string | undefined)[]): boolean {
  let host: string;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    return false;
  }
  return hosts.some((h) => h !== undefined && h.split(',')[0]!.trim().toLowerCase() === host);
}

/**
 * The upload route takes a multipart form, which any web page can post without a CORS preflight. The
 * session cookies are SameSite=Strict, so another site's form arrives signed out; this also refuses a
 * page on a sibling host (same site, other origin). Browsers send Origin on every cross-origin POST;
 * a request without one (the CLI, curl with a bearer token) is not a browser's and is let through.
 */
@Injectable()
export class SameOriginGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const origin = request.headers.origin;
    if (origin === undefined) return true;
    // A page cannot set X-Forwarded-Host on a form post (custom headers need a preflight the API never grants).
    const forwarded = request.headers['x-forwarded-host'];
    if (isSameOrigin(origin, [request.headers.host, Array.isArray(forwarded) ? forwarded[0] : forwarded])) return true;
    throw new ForbiddenException(`Uploads are accepted only from the app's own origin, not ${origin}`);
  }
}
