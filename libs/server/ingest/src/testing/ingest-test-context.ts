import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DynamicModule, type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CoreModule, loadConfig } from '@postureboard/server-core';
import { type AccessRollupFold, AccessRollupFoldRepository, DatabaseModule } from '@postureboard/server-database';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { DataSourceService } from '../data-source.service.js';
import { IngestModule } from '../ingest.module.js';
import type { IngestModuleOptions } from '../ingest.options.js';
import { IngestService } from '../ingest.service.js';
import { IngestWorker } from '../queue/ingest-worker.js';

/** A migrated database, the ingest module wired as in production, and one organization to ingest into. */
export interface IngestTestContext {
  db: TestDatabase;
  app: INestApplicationContext;
  ingest: IngestService;
  dataSources: DataSourceService;
  worker: IngestWorker;
  organization: { id: string; slug: string };
  secretKey: string;
  /** A scratch directory removed by close(). */
  dir: string;
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** The rollup fold the evaluation job runs after a run commits (events runs leave their days pending). */
  foldRollups(organizationId?: string): Promise<AccessRollupFold>;
  close(): Promise<void>;
}

@Module({})
class IngestTestModule {
  static forRoot(url: string, secretKey: string, dataDir: string, options: IngestModuleOptions): DynamicModule {
    const config = loadConfig({ DATABASE_URL: url, POSTUREBOARD_SECRET_KEY: secretKey, POSTUREBOARD_DATA_DIR: dataDir, NODE_ENV: 'test' });
    return {
      module: IngestTestModule,
      imports: [CoreModule.forRoot(config), DatabaseModule.forRoot({ migrate: false, poolSize: 6 }), IngestModule.forRoot(options)],
    };
  }
}

export async function createIngestTestContext(options: IngestModuleOptions = {}, existing?: TestDatabase): Promise<IngestTestContext> {
  const db = existing ?? (await createTestDatabase());
  const dir = mkdtempSync(join(tmpdir(), 'pb-ingest-'));
  const secretKey = randomBytes(32).toString('base64');
  const app = await NestFactory.createApplicationContext(IngestTestModule.forRoot(db.url, secretKey, dir, options), { logger: ['error'] });
  await app.init();
  const slug = `acme-${randomBytes(3).toString('hex')}`;
  const [organization] = (await db.dataSource.query(`INSERT INTO organization (slug, name) VALUES ($1, 'Acme') RETURNING id, slug`, [slug])) as {
    id: string;
    slug: string;
  }[];
  return {
    db,
    app,
    ingest: app.get(IngestService),
    dataSources: app.get(DataSourceService),
    worker: app.get(IngestWorker),
    organization: organization!,
    secretKey,
    dir,
    query: async <R>(sql: string, params: unknown[] = []) => (await db.dataSource.query(sql, params)) as R[],
    foldRollups: (organizationId = organization!.id) => app.get(AccessRollupFoldRepository).fold(organizationId),
    close: async () => {
      await app.close();
      if (!existing) await db.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
