import 'reflect-metadata';
import { jest } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { OrganizationService } from '@postureboard/server-organization';
import { EvaluationService, EvaluationWorker, PostureService } from '@postureboard/server-posture';
import { ReportsService } from './reports.service.js';
import { pdfText } from './testing/pdf-text.js';
import { createReportsTestApp } from './testing/reports-test-app.js';

const DAY = 86_400_000;

describe('a board report of "now" on the real posture service', () => {
  let db: TestDatabase;
  let app: INestApplicationContext;
  let organizationId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createReportsTestApp(db);
    const organization = await app.get(OrganizationService).create({ slug: 'acme', name: 'Acme', approvedCountries: ['KR'], currency: 'KRW' });
    organizationId = organization.id;
    const now = Date.now();
    for (const [externalId, kind, rotatedDaysAgo] of [
      ['decade-signing-key', 'SIGNING_KEY', 3650],
      ['old-access-key', 'ACCESS_KEY', 1000],
      ['fresh-access-key', 'ACCESS_KEY', 20],
    ] as const) {
      await db.dataSource.query(
        `INSERT INTO credential (organization_id, source, external_id, kind, name, environment, status, created_at, last_rotated_at, last_used_at, first_seen_at, owner_ref)
         VALUES ($1, 'test', $2, $3, $2, 'PRODUCTION', 'ACTIVE', $4, $4, $5, $4, 'someone')`,
        [organization.id, externalId, kind, new Date(now - rotatedDaysAgo * DAY), new Date(now - DAY)],
      );
    }
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('reads the stored posture the overview shows, as of its instant, without evaluating', async () => {
    await app.get(EvaluationWorker).evaluate(organizationId); // the evaluation job
    const posture = app.get(PostureService);
    const { view } = await posture.posture('acme'); // the overview
    const evaluations = jest.spyOn(app.get(EvaluationService), 'evaluateAt');
    const stored = jest.spyOn(app.get(EvaluationService), 'evaluateAndStore');
    try {
      const reports = app.get(ReportsService);
      const first = await reports.generate({ orgSlug: 'acme', lang: 'en', generatedBy: 'test' });
      const second = await reports.generate({ orgSlug: 'acme', lang: 'ko', generatedBy: 'test' });
      expect(evaluations).not.toHaveBeenCalled();
      expect(stored).not.toHaveBeenCalled();
      for (const { report } of [first, second]) {
        expect(report.asOf).toEqual(view.asOf);
        expect(report.periodEnd).toEqual(view.asOf);
      }
      const { text } = await pdfText(first.content);
      expect(view.overallScore).not.toBeNull();
      expect(text).toContain(`The overall governance score is ${view.overallScore!.toFixed(1)} out of 100`);
      expect(text).toContain('decade-signing-key');
      expect(text.replace(/\s+/g, ' ')).toContain(`${view.findingCounts.total} findings are open`);
    } finally {
      evaluations.mockRestore();
      stored.mockRestore();
    }
  });

  it('evaluates a report with an explicit as-of at that instant, not the live posture', async () => {
    const posture = app.get(PostureService);
    const evaluations = jest.spyOn(posture, 'postureAt');
    try {
      const asOf = new Date(Date.now() - 2 * DAY);
      const { report } = await app.get(ReportsService).generate({ orgSlug: 'acme', asOf, lang: 'en', generatedBy: 'test' });
      expect(report.asOf).toEqual(asOf);
      expect(evaluations).toHaveBeenCalledWith(expect.objectContaining({ slug: 'acme' }), asOf);
    } finally {
      evaluations.mockRestore();
    }
  });
});
