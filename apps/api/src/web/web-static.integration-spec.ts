import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { negotiateEncoding } from './compressed-assets.js';
import { serveWebApp } from './web-static.js';

@Module({})
class NoRoutesModule {}

/** The web build as the API serves it: over HTTP, with the headers a browser and a CDN act on. */
describe('the served web app: compressed hashed assets, cached for a year; index.html revalidated', () => {
  const webRoot = mkdtempSync(join(tmpdir(), 'pb-web-static-'));
  const script = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `finding ${i} 발견 사항`))};\n`;
  let app: NestExpressApplication;
  let base: string;

  beforeAll(async () => {
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><script type="module" src="/assets/index-B1x9sQ2f.js"></script>');
    writeFileSync(join(webRoot, 'assets', 'index-B1x9sQ2f.js'), script);
    writeFileSync(join(webRoot, 'assets', 'logo-Cq3Zp0aa.png'), Buffer.alloc(2048, 1));
    writeFileSync(join(webRoot, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = await NestFactory.create<NestExpressApplication>(NoRoutesModule, { logger: false, abortOnError: false });
    expect(serveWebApp(app, webRoot)).toBe(true);
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  // fetch() decodes a compressed body itself: node:http hands over the bytes as sent.
  const get = (path: string, acceptEncoding: string | null) =>
    new Promise<{ response: { status: number; headers: { get(name: string): string | null } }; body: Buffer }>((resolve, reject) => {
      const request = httpGet(`${base}${path}`, { headers: acceptEncoding === null ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const header = (name: string) => {
            const value = res.headers[name.toLowerCase()];
            return value === undefined ? null : Array.isArray(value) ? value.join(', ') : String(value);
          };
          resolve({ response: { status: res.statusCode ?? 0, headers: { get: header } }, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      });
      request.on('error', reject);
    });

  it('sends a hashed script brotli-compressed to a browser that takes br, immutable for a year', async () => {
    const { response, body } = await get('/assets/index-B1x9sQ2f.js', 'gzip, deflate, br, zstd');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('vary')).toBe('Accept-Encoding');
    expect(brotliDecompressSync(body).toString('utf8')).toBe(script);
    expect(body.length).toBeLessThan(Buffer.byteLength(script) / 4);
  });

  it('sends gzip to a client without brotli, and the plain file to one that takes neither', async () => {
    const gzip = await get('/assets/index-B1x9sQ2f.js', 'gzip');
    expect(gzip.response.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(gzip.body).toString('utf8')).toBe(script);
    const plain = await get('/assets/index-B1x9sQ2f.js', 'identity');
    expect(plain.response.headers.get('content-encoding')).toBeNull();
    expect(plain.body.toString('utf8')).toBe(script);
    expect(plain.response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(plain.response.headers.get('vary')).toBe('Accept-Encoding');
  });

  it('does not compress what does not compress (images), yet caches it as immutable', async () => {
    const { response } = await get('/assets/logo-Cq3Zp0aa.png', 'br, gzip');
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('revalidates index.html (at /, at a client route and by name) and unhashed files on every load', async () => {
    for (const path of ['/', '/findings', '/index.html', '/favicon.svg']) {
      const { response } = await get(path, 'br, gzip');
      expect([path, response.status, response.headers.get('cache-control')]).toEqual([path, 200, 'no-cache']);
    }
  });

  it('answers a missing asset as the app (a client route), never a cached year of a 404', async () => {
    const { response } = await get('/assets/gone-AAAAAAAA.js', 'br');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-encoding')).toBeNull();
  });

  it('negotiates by the client’s weights: q=0 refuses an encoding, * accepts both', () => {
    expect(negotiateEncoding('br;q=0, gzip')).toBe('gzip');
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding('br;q=0, gzip;q=0')).toBeNull();
    expect(negotiateEncoding(undefined)).toBeNull();
  });
});
