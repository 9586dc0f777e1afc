import type { NextFunction, Request, Response } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery defence for every state-changing route (uploads, sign-in, GraphQL mutations),
 * beside SameSite=Strict cookies (OWASP: verify the origin with standard headers). A browser names the page
 * that sent a POST in `Origin` (or at least `Referer`); it must be this server, as the browser reached it
 * (its Host) or as configured (`POSTUREBOARD_PUBLIC_URL`). A request with neither header is not a browser's
 * cross-site request (the CLI, curl with a token) and passes; `Origin: null` (sandboxed frames, data: URLs) does not.
 */
export function sameOriginMiddleware(publicUrl: string | undefined): (req: Request, res: Response, next: NextFunction) => void {
  const configured = publicUrl && URL.canParse(publicUrl) ? new URL(publicUrl).origin : null;
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.headers.origin ?? originOf(req.headers.referer);
    if (origin === undefined) return next();
    const own = `${req.protocol}://${req.headers.host ?? ''}`;
    if (origin === own || origin === configured) return next();
    res.status(403).json({ statusCode: 403, error: 'CROSS_ORIGIN_REQUEST', message: `Cross-origin ${req.method} refused: this server does not accept requests sent by ${origin}` });
  };
}

/** The origin of a Referer, `null` when it has none (unparsable), undefined when there is no Referer. */
function originOf(referer: string | undefined): string | undefined {
  if (referer === undefined) return undefined;
  return URL.canParse(referer) ? new URL(referer).origin : 'null';
}
