import { OrganizationRepository } from '@postureboard/server-database';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { NotificationOutbox } from '@postureboard/server-notifications';
import { ReportsService } from './reports.service.js';
import { ReportRepository } from './storage/report.repository.js';
import { ReportScheduleRepository } from './storage/report-schedule.repository.js';
import { DEMO_AS_OF, DemoReportDataSource } from './testing/demo-report-data-source.js';

const NOW = new Date(DEMO_AS_OF.getTime() + 9 * 3_600_000);

describe('scheduled board reports and the notification outbox', () => {
  let db: TestDatabase;
  let service: ReportsService;
  let org: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const organizations = new OrganizationRepository(db.dataSource);
    org = (await organizations.insert({ slug: 'demo', name: 'Demo', approvedCountries: ['KR'], currency: 'KRW' }))!.id;
    await db.dataSource.query(
      `INSERT INTO notification_channel (organization_id, type, name, lang, config) VALUES
         ($1, 'smtp', 'board-en', 'en', '{}'), ($1, 'smtp', 'board-ko', 'ko', '{}'), ($1, 'slack', 'chat', 'en', '{}')`,
      [org],
    );
    service = new ReportsService(
      organizations,
      new ReportRepository(db.dataSource),
      new ReportScheduleRepository(db.dataSource),
      new DemoReportDataSource(),
      () => NOW,
      NotificationOutbox.on(db.dataSource, 'https://pb.example.test'),
    );
  });

  afterAll(() => db.drop());

  const deliveries = () =>
    db.dataSource.query(
      `SELECT m.type, m.data->>'reportId' AS report_id, m.data->>'lang' AS lang, d.channel_name FROM notification_message m
         JOIN notification_delivery d ON d.message_id = m.id ORDER BY d.channel_name`,
    ) as Promise<{ type: string; report_id: string; lang: string; channel_name: string }[]>;

  it('records the delivery of each scheduled report to the mail channel of its language, with the report, once', async () => {
    await service.setSchedule('demo', { enabled: true, languages: ['en', 'ko'] });
    const written = await service.generateScheduled(DEMO_AS_OF);
    expect(written).toHaveLength(2);
    const byLang = new Map(written.map((r) => [r.lang, r.id]));
    expect(await deliveries()).toEqual([
      { type: 'report.delivered', report_id: byLang.get('en'), lang: 'en', channel_name: 'board-en' },
      { type: 'report.delivered', report_id: byLang.get('ko'), lang: 'ko', channel_name: 'board-ko' },
    ]);
    expect(await service.generateScheduled(DEMO_AS_OF)).toEqual([]);
    expect(await deliveries()).toHaveLength(2);
  });

  it('records nothing for a report generated on demand', async () => {
    await service.generate({ orgSlug: 'demo', lang: 'en', generatedBy: 'ciso@hanbit.example' });
    expect(await deliveries()).toHaveLength(2);
  });
});
