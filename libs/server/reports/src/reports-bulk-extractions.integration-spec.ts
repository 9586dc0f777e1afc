import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { OrganizationService } from '@postureboard/server-organization';
import { MAX_EXTRACTIONS } from '@postureboard/server-posture';
import { ReportFormatter } from './i18n/report-formatter.js';
import { ReportsService } from './reports.service.js';
import { REPORT_ROW_LIMITS } from './summary/bounded-lists.js';
import { pdfText } from './testing/pdf-text.js';
import { createReportsTestApp } from './testing/reports-test-app.js';

const DAY = 86_400_000;
const GB = 1_000_000_000;
const EXTRACTIONS = 25;

describe('a board report of more bulk extractions than the cross-border service lists', () => {
  let db: TestDatabase;
  let app: INestApplicationContext;
  const now = Date.now();
  const isoDay = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString().slice(0, 10);
  // Before the findings were last detected: a read-only look, which raises no findings of its own.
  const asOf = new Date(now - 2 * DAY);

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createReportsTestApp(db);
    const organization = await app.get(OrganizationService).create({ slug: 'acme', name: 'Acme', approvedCountries: ['KR'], currency: 'KRW' });
    // Extraction n (1..25) moved n GB on the day it began; the largest were found first, so the service lists 25..6.
    for (let n = EXTRACTIONS; n >= 1; n--) {
      const token = `tok-${String(n).padStart(2, '0')}`;
      await db.dataSource.query(
        `INSERT INTO finding (organization_id, fingerprint, kind, domain, severity, status, subject_type, subject_external_id, subject_name,
           evidence, first_detected_at, last_detected_at)
         VALUES ($1, $2, 'BULK_EXTRACTION', 'DETECTION', 'HIGH', 'OPEN', 'CREDENTIAL', $3, $3, $4, $5, $6)`,
        [
          organization.id,
          `bulk-${token}`,
          token,
          JSON.stringify([{ source: 'cloudtrail', type: 'bulk-summary', summary: '', data: { episodeStartDay: isoDay(10), peakBytes: n * GB } }]),
          new Date(now - 9 * DAY + (EXTRACTIONS - n) * 60_000),
          new Date(now - DAY),
        ],
      );
      await db.dataSource.query(
        `INSERT INTO access_daily_rollup (organization_id, day, principal, credential_external_id, country, events, bytes, records, first_at, last_at)
         VALUES ($1, $2, $3, $3, 'KR', 1, $4, 0, $2::date, $2::date)`,
        [organization.id, isoDay(10), token, n * GB],
      );
    }
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('states the true number of anomalies and what the unlisted ones moved', async () => {
    expect(EXTRACTIONS).toBeGreaterThan(MAX_EXTRACTIONS);
    const { content } = await app.get(ReportsService).generate({ orgSlug: 'acme', asOf, lang: 'en', generatedBy: 'test' });
    const text = (await pdfText(content)).text.replace(/\s+/g, ' ');
    expect(text).toContain(`${EXTRACTIONS} bulk data extractions far above normal`);
    // Shown: the 5 largest (25 + 24 + 23 + 22 + 21 GB); left out: the other 20, listed or not (1 + ... + 20 GB).
    const shown = REPORT_ROW_LIMITS.bulkExtractions;
    const leftOutBytes = ((EXTRACTIONS - shown) * (EXTRACTIONS - shown + 1)) / 2 * GB;
    expect(text).toContain(`…and ${EXTRACTIONS - shown} more anomalies, which moved ${new ReportFormatter('en').bytes(leftOutBytes)} in the last 90 days.`);
  });
});
