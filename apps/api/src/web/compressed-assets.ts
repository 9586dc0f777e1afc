import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { NextFunction, Request, Response } from 'express';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export type Encoding = 'br' | 'gzip';

/** Vite names what it builds under `assets/` by content hash (`index-B1x9sQ2f.js`): such a file never changes. */
const HASHED_ASSET = /^assets\/(?:[^/]+\/)*[^/]+-[A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$/;
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.svg', '.json', '.html', '.txt', '.map', '.wasm']);
/** Below this, compression saves less than the headers cost. */
const MIN_BYTES = 1024;

export const IMMUTABLE = 'public, max-age=31536000, immutable';

export const isHashedAsset = (relativePath: string): boolean => HASHED_ASSET.test(relativePath.split(sep).join('/'));

/**
 * The encoding to answer with: brotli, else gzip, whichever the client accepts (a `q=0` refuses one;
 * `*` accepts both); null for neither.
 */
export function negotiateEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const weight = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name) q.set(name, weight === undefined ? 1 : Number(weight));
  }
  const accepts = (encoding: Encoding) => (q.get(encoding) ?? q.get('*') ?? 0) > 0;
  return accepts('br') ? 'br' : accepts('gzip') ? 'gzip' : null;
}

interface Compressed {
  br: Buffer;
  gzip: Buffer;
}

/**
 * The web build's hashed assets, compressed once per process with the best brotli and gzip levels and kept in
 * memory: they never change, the build is a few hundred kilobytes compressed, and Node's own zlib needs no
 * build step or dependency. Compression runs on libuv's thread pool, not the event loop; `warm()` does it for
 * every asset at start so no reader waits for it.
 */
export class CompressedAssets {
  private readonly cache = new Map<string, Promise<Compressed | null>>();

  constructor(private readonly webRoot: string) {}

  /** Compresses every hashed asset in the background; failures leave that file served uncompressed. */
  async warm(): Promise<void> {
    const dir = join(this.webRoot, 'assets');
    const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
    await Promise.all(
      entries.filter((entry) => entry.isFile()).map((entry) => this.get(relative(this.webRoot, join(entry.parentPath, entry.name))).catch(() => null)),
    );
  }

  /** The compressed bodies of `relativePath` (a hashed, compressible asset of at least 1 KiB), else null. */
  get(relativePath: string): Promise<Compressed | null> {
    let entry = this.cache.get(relativePath);
    if (!entry) {
      entry = this.compress(relativePath);
      this.cache.set(relativePath, entry);
    }
    return entry;
  }

  private async compress(relativePath: string): Promise<Compressed | null> {
    if (!isHashedAsset(relativePath) || !COMPRESSIBLE.has(extname(relativePath).toLowerCase())) return null;
    const body = await readFile(join(this.webRoot, relativePath)).catch(() => null);
    if (body === null || body.length < MIN_BYTES) return null;
    const [br, gz] = await Promise.all([
      brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
      gzipAsync(body, { level: constants.Z_BEST_COMPRESSION }),
    ]);
    return { br, gzip: gz };
  }

  /** Express middleware: answers a GET/HEAD of a hashed asset compressed when the client accepts it. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      let path: string;
      try {
        path = decodeURIComponent(req.path).replace(/^\/+/, '');
      } catch {
        return next();
      }
      if (!isHashedAsset(path) || path.split('/').includes('..')) return next();
      const encoding = negotiateEncoding(req.headers['accept-encoding']);
      if (encoding === null) return next();
      this.get(path).then(
        (compressed) => {
          if (compressed === null) return next();
          const body = compressed[encoding];
          res.type(extname(path));
          res.setHeader('Content-Encoding', encoding);
          res.setHeader('Content-Length', body.length);
          res.setHeader('Vary', 'Accept-Encoding');
          res.setHeader('Cache-Control', IMMUTABLE);
          res.status(200).end(req.method === 'HEAD' ? undefined : body);
        },
        () => next(),
      );
    };
  }
}
