import type { NextFunction, Request, Response } from 'express';

/**
 * The web app's policy: its own scripts only (Vite emits no inline script), inline style attributes (the
 * charts set them), data: images (the favicon), and no framing anywhere (clickjacking).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Security headers on every response: pages, API answers and errors alike. GraphiQL (development only,
 * `GET /graphql`) loads its scripts from a CDN, so it keeps every header but the script policy.
 */
export function securityHeadersMiddleware(production: boolean): (req: Request, res: Response, next: NextFunction) => void {
  return (req, res, next) => {
    const graphiql = !production && req.method === 'GET' && req.path === '/graphql';
    res.setHeader('Content-Security-Policy', graphiql ? "frame-ancestors 'none'; object-src 'none'; base-uri 'self'" : CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  };
}
