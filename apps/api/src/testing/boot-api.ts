import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogLevel } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@postureboard/server-core';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { createApiApp } from '../api-app.js';

export interface BootedApi {
  app: NestExpressApplication;
  /** `http://127.0.0.1:<port>` */
  base: string;
  db: TestDatabase;
  close(): Promise<void>;
}

export interface BootApiOptions {
  /** Environment over the defaults below (an admin, no demo, a fixed secret key, a fresh data directory). */
  env?: Record<string, string>;
  logger?: LogLevel[] | false;
  webRoot?: string;
  /** An existing database; by default a fresh one, dropped by `close()`. */
  db?: TestDatabase;
}

/** The admin every booted API bootstraps unless `env` names another. */
export const TEST_ADMIN = { email: 'root@postureboard.test', password: 'test-admin-password-123' } as const;

/**
 * The whole API (as `main.ts` builds it) on a fresh PostgreSQL database, listening on a free loopback port.
 */
export async function bootApi(options: BootApiOptions = {}): Promise<BootedApi> {
  const db = options.db ?? (await createTestDatabase());
  const dataDir = mkdtempSync(join(tmpdir(), 'pb-api-'));
  const config = loadConfig({
    DATABASE_URL: db.url,
    NODE_ENV: 'test',
    POSTUREBOARD_DATA_DIR: dataDir,
    POSTUREBOARD_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
    POSTUREBOARD_SEED_DEMO: 'false',
    POSTUREBOARD_ADMIN_EMAIL: TEST_ADMIN.email,
    POSTUREBOARD_ADMIN_PASSWORD: TEST_ADMIN.password,
    ...options.env,
  });
  const { app } = await createApiApp(config, { logger: options.logger ?? ['error'], ...(options.webRoot === undefined ? {} : { webRoot: options.webRoot }) });
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    base,
    db,
    close: async () => {
      await app.close();
      if (!options.db) await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through `/auth/login` as the web app does; the session cookies as one `cookie` header. */
export async function signIn(base: string, email: string, password: string): Promise<{ status: number; cookie: string }> {
  const res = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ email, password }) });
  return {
    status: res.status,
    cookie: res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
  };
}
