import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { CompressedAssets, IMMUTABLE, isHashedAsset } from './compressed-assets.js';

const API_PREFIXES = ['/graphql', '/healthz', '/readyz', '/auth', '/api'];

/**
 * Serves the built web app at `/`, falling back to index.html for client-side routes. Hashed assets are cached
 * for a year as immutable (a new build has new names) and sent brotli- or gzip-compressed when the client takes
 * it; everything else, index.html first, is revalidated on every load so a deploy reaches readers at once.
 * Returns false when there is no build (the API still runs).
 */
export function serveWebApp(app: NestExpressApplication, webRoot: string): boolean {
  const index = join(webRoot, 'index.html');
  if (!existsSync(index)) return false;
  const compressed = new CompressedAssets(webRoot);
  void compressed.warm();
  app.use(compressed.middleware());
  app.useStaticAssets(webRoot, {
    index: false,
    setHeaders: (res, path) => {
      const hashed = isHashedAsset(relative(webRoot, path));
      res.setHeader('Cache-Control', hashed ? IMMUTABLE : 'no-cache');
      if (hashed) res.setHeader('Vary', 'Accept-Encoding');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || API_PREFIXES.some((p) => req.path === p || req.path.startsWith(`${p}/`))) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
