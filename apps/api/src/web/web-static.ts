import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

const API_PREFIXES = ['/graphql', '/healthz', '/readyz', '/auth', '/api'];

/**
 * Serves the built web app at `/`, falling back to index.html for client-side routes.
 * Returns false when there is no build (the API still runs).
 */
export function serveWebApp(app: NestExpressApplication, webRoot: string): boolean {
  const index = join(webRoot, 'index.html');
  if (!existsSync(index)) return false;
  app.useStaticAssets(webRoot, { index: false, maxAge: '1h', immutable: false });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || API_PREFIXES.some((p) => req.path === p || req.path.startsWith(`${p}/`))) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
