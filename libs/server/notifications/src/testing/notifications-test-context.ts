import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DynamicModule, type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CoreModule, loadConfig } from '@postureboard/server-core';
import { DatabaseModule } from '@postureboard/server-database';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { NotificationChannelService } from '../channels/notification-channel.service.js';
import { NotificationWorker } from '../delivery/notification-worker.js';
import { NotificationsModule } from '../notifications.module.js';
import type { NotificationsModuleOptions } from '../notifications.options.js';
import { NotificationOutbox } from '../outbox/notification-outbox.js';

/** A migrated database, the notifications module wired as in production, and one organization. */
export interface NotificationsTestContext {
  db: TestDatabase;
  app: INestApplicationContext;
  channels: NotificationChannelService;
  outbox: NotificationOutbox;
  worker: NotificationWorker;
  organization: { id: string; slug: string };
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

@Module({})
class NotificationsTestModule {
  static forRoot(url: string, secretKey: string, dataDir: string, options: NotificationsModuleOptions): DynamicModule {
    const config = loadConfig({ DATABASE_URL: url, POSTUREBOARD_SECRET_KEY: secretKey, POSTUREBOARD_DATA_DIR: dataDir, NODE_ENV: 'test', POSTUREBOARD_PUBLIC_URL: 'https://pb.example.test' });
    return {
      module: NotificationsTestModule,
      imports: [CoreModule.forRoot(config), DatabaseModule.forRoot({ migrate: false, poolSize: 6 }), NotificationsModule.forRoot(options)],
    };
  }
}

/** Pass `existing` (and its secret key) for a second "process" on the same database: its own context, pool and pg-boss. */
export async function createNotificationsTestContext(
  options: NotificationsModuleOptions = {},
  existing?: { db: TestDatabase; secretKey: string; organization: { id: string; slug: string } },
): Promise<NotificationsTestContext & { secretKey: string }> {
  const db = existing?.db ?? (await createTestDatabase());
  const dir = mkdtempSync(join(tmpdir(), 'pb-notify-'));
  const secretKey = existing?.secretKey ?? randomBytes(32).toString('base64');
  const app = await NestFactory.createApplicationContext(NotificationsTestModule.forRoot(db.url, secretKey, dir, options), { logger: ['error'] });
  await app.init();
  let organization = existing?.organization;
  if (!organization) {
    const slug = `acme-${randomBytes(3).toString('hex')}`;
    [organization] = (await db.dataSource.query(`INSERT INTO organization (slug, name) VALUES ($1, 'Acme') RETURNING id, slug`, [slug])) as { id: string; slug: string }[];
  }
  return {
    db,
    app,
    secretKey,
    channels: app.get(NotificationChannelService),
    outbox: app.get(NotificationOutbox),
    worker: app.get(NotificationWorker),
    organization: organization!,
    query: async <R>(sql: string, params: unknown[] = []) => (await db.dataSource.query(sql, params)) as R[],
    close: async () => {
      await app.close();
      if (!existing) await db.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
