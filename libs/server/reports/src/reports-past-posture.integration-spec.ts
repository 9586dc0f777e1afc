import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { OrganizationService } from '@postureboard/server-organization';
import { EvaluationService } from '@postureboard/server-posture';
import { REPORT_DATA_SOURCE, type ReportDataSource } from './data/report-data-source.js';
import { ReportsService } from './reports.service.js';
import { pdfText } from './testing/pdf-text.js';
import { createReportsTestApp } from './testing/reports-test-app.js';

const DAY = 86_400_000;

describe('a board report of a past date, after a later evaluation', () => {
  let db: TestDatabase;
  let app: INestApplicationContext;
  const now = Date.now();
  /** The first evaluation; the report is of a date between it and the latest one. */
  const firstEvaluatedAt = new Date(now - 10 * DAY);
  const asOf = new Date(now - 5 * DAY);

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createReportsTestApp(db);
    const organization = await app.get(OrganizationService).create({ slug: 'acme', name: 'Acme', approvedCountries: ['KR'], currency: 'KRW' });
    const credential = (externalId: string, kind: string, rotatedDaysAgo: number) =>
      db.dataSource.query(
        `INSERT INTO credential (organization_id, source, external_id, kind, name, environment, status, created_at, last_rotated_at, last_used_at, first_seen_at, owner_ref)
         VALUES ($1, 'test', $2, $3, $2, 'PRODUCTION', 'ACTIVE', $4, $4, $5, $4, 'someone')`,
        [organization.id, externalId, kind, new Date(now - rotatedDaysAgo * DAY), new Date(now - 20 * DAY)],
      );
    await credential('decade-signing-key', 'SIGNING_KEY', 3650);
    await credential('old-access-key', 'ACCESS_KEY', 1000);
    const evaluation = app.get(EvaluationService);
    await evaluation.evaluateAndStore(organization, firstEvaluatedAt); // tracks the two keys' findings from then
    // Ingested after that evaluation, though on record since long before the report's date: tracked only now.
    await credential('late-found-key', 'ACCESS_KEY', 900);
    await evaluation.evaluateAndStore(organization, new Date()); // the latest evaluation, after the report's date
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('lists the findings active on that date, with what the stored findings knew of them then', async () => {
    const { posture, topRisks } = await app.get<ReportDataSource>(REPORT_DATA_SOURCE, { strict: false }).posture('acme', asOf, 10);
    expect(posture.findingCounts.total).toBeGreaterThanOrEqual(3);
    // As many top risks as the posture counts active findings (all fit in ten).
    expect(topRisks).toHaveLength(posture.findingCounts.total);
    const bySubject = (name: string) => topRisks.filter((r) => r.subject.name === name);
    for (const tracked of ['decade-signing-key', 'old-access-key']) {
      expect(bySubject(tracked).length).toBeGreaterThan(0);
      for (const risk of bySubject(tracked)) {
        expect(risk).toMatchObject({ id: expect.any(String), status: 'OPEN', firstDetectedAt: firstEvaluatedAt });
      }
    }
    // Tracked only after the date: the same finding, but neither its status nor its age then is on record.
    expect(bySubject('late-found-key').length).toBeGreaterThan(0);
    for (const risk of bySubject('late-found-key')) expect(risk).toMatchObject({ id: expect.any(String), status: null, firstDetectedAt: null, dueAt: null });
    // Known ages first within a severity: the late-found key never outranks a tracked finding as severe.
    const rank = topRisks.map((r) => `${r.severity}:${r.firstDetectedAt === null ? 'unknown' : 'known'}`);
    for (const [i, r] of rank.entries()) if (r.endsWith('unknown')) expect(rank.slice(i + 1)).not.toContain(r.replace('unknown', 'known'));
  });

  it('prints them in the top risks table of the PDF', async () => {
    const { report, content } = await app.get(ReportsService).generate({ orgSlug: 'acme', asOf, lang: 'en', generatedBy: 'test' });
    expect(report.asOf).toEqual(asOf);
    const text = (await pdfText(content)).text.replace(/\s+/g, ' ');
    expect(text).not.toContain('No open findings.');
    expect(text).toContain('decade-signing-key');
    expect(text).toContain('5 days'); // open for 5 days on the date: tracked since the first evaluation
    expect(text).toContain('Not yet tracked on this date');
  });
});
