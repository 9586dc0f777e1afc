import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, CoreModule, loadConfig } from '@postureboard/server-core';
import { DatabaseModule, OrganizationRepository } from '@postureboard/server-database';
import type { DataSource } from 'typeorm';
import { createTestDatabase } from '@postureboard/server-database/testing';
import { AuthModule } from '../auth.module.js';

/** A clock tests move by hand. */
export class TestClock {
  constructor(private current = new Date('2025-06-01T09:00:00.000Z')) {}
  readonly now = (): Date => new Date(this.current.getTime());
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface AuthTestContext {
  app: INestApplicationContext;
  dataSource: DataSource;
  clock: TestClock;
  config: AppConfig;
  get<T>(type: Type<T>): T;
  createOrganization(slug: string): Promise<{ id: string; slug: string }>;
  close(): Promise<void>;
}

/** A migrated test database with AuthModule wired as the API wires it (without the start-up tasks). */
export async function createAuthTestContext(options: { signingKeyRotationDays?: number } = {}): Promise<AuthTestContext> {
  const db = await createTestDatabase();
  const clock = new TestClock();
  const config = loadConfig({
    DATABASE_URL: db.url,
    NODE_ENV: 'test',
    POSTUREBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'pb-auth-')),
    POSTUREBOARD_SECRET_KEY: Buffer.alloc(32, 3).toString('base64'),
  });
  const app = await NestFactory.createApplicationContext(
    {
      module: class AuthTestModule {},
      imports: [
        CoreModule.forRoot(config),
        DatabaseModule.forRoot({ migrate: false, poolSize: 4 }),
        AuthModule.forRoot({ clock: clock.now, signingKeyRotationDays: options.signingKeyRotationDays }),
      ],
    },
    { logger: false },
  );
  return {
    app,
    dataSource: db.dataSource,
    clock,
    config,
    get: <T>(type: Type<T>) => app.get(type, { strict: false }),
    createOrganization: async (slug) => {
      const created = await app.get(OrganizationRepository).insert({ slug, name: slug.toUpperCase(), approvedCountries: [], currency: 'USD' });
      return { id: created!.id, slug };
    },
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
