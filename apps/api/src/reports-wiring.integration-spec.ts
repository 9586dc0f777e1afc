import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@postureboard/server-core';
import { OrganizationRepository } from '@postureboard/server-database';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { EvaluationService } from '@postureboard/server-posture';
import { ReportsService } from '@postureboard/server-reports';
import { AppModule } from './app.module.js';

/**
 * The reports service as the API wires it (not built by hand): a scheduled report is recorded for delivery in the
 * outbox. Its collaborators are optional, and an optional
 * parameter whose type the compiler could not name was silently left out: scheduled reports were never delivered.
 */
describe('the API wires the reports service to the outbox and the audit trail', () => {
  let db: TestDatabase;
  let app: INestApplicationContext;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({
      DATABASE_URL: db.url,
      NODE_ENV: 'test',
      POSTUREBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'pb-api-')),
      POSTUREBOARD_SECRET_KEY: Buffer.alloc(32, 3).toString('base64'),
      POSTUREBOARD_SEED_DEMO: 'false',
      POSTUREBOARD_IN_PROCESS_WORKER: 'false',
    });
    app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'], abortOnError: false });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('records a scheduled report for delivery in the outbox', async () => {
    const organization = (await app.get(OrganizationRepository).insert({ slug: 'alpha', name: 'Alpha', approvedCountries: [], currency: 'USD' }))!;
    const weekStart = new Date();
    await app.get(EvaluationService).evaluateAndStore(organization as never, new Date(weekStart.getTime() + 1));
    const reports = app.get(ReportsService);
    await reports.setSchedule('alpha', { enabled: true, languages: ['en'] });
    const generated = await reports.generateScheduled(weekStart);
    expect(generated).toHaveLength(1);
    const messages = (await db.dataSource.query(`SELECT type FROM notification_message WHERE organization_id = $1`, [organization.id])) as { type: string }[];
    expect(messages.map((m) => m.type)).toContain('report.delivered');
  });
});
