import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuthModule } from '@postureboard/server-auth';
import { CoreModule, loadConfig } from '@postureboard/server-core';
import { DatabaseModule } from '@postureboard/server-database';
import type { TestDatabase } from '@postureboard/server-database/testing';
import { IngestModule } from '@postureboard/server-ingest';
import { OrganizationModule } from '@postureboard/server-organization';
import { PostureModule } from '@postureboard/server-posture';
import { PostureReportDataSource } from '../data/posture-report-data.source.js';
import { ReportsModule } from '../reports.module.js';

/** The reports module on the real posture, organisation and ingest services, against a test database. */
export async function createReportsTestApp(db: TestDatabase): Promise<INestApplicationContext> {
  const config = loadConfig({ DATABASE_URL: db.url, NODE_ENV: 'test', POSTUREBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'pb-reports-')) });
  @Module({
    imports: [
      CoreModule.forRoot(config),
      DatabaseModule.forRoot({ migrate: false, poolSize: 4 }),
      AuthModule.forRoot(),
      IngestModule.forRoot(),
      ReportsModule.forRoot({ imports: [PostureModule, OrganizationModule], dataSource: PostureReportDataSource }),
    ],
  })
  class ReportsTestModule {}
  return NestFactory.createApplicationContext(ReportsTestModule, { logger: ['error'], abortOnError: false });
}
