import { createHash } from 'node:crypto';
import { OrganizationRepository } from '@postureboard/server-database';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import type { ReportDataSource } from './data/report-data-source.js';
import { ReportError, ReportErrorCode } from './reports.error.js';
import { ReportsService } from './reports.service.js';
import { ReportRepository } from './storage/report.repository.js';
import { ReportScheduleRepository } from './storage/report-schedule.repository.js';
import { DEMO_AS_OF, DemoReportDataSource } from './testing/demo-report-data-source.js';
import { pdfText } from './testing/pdf-text.js';

const NOW = new Date(DEMO_AS_OF.getTime() + 9 * 3_600_000);
const DAY = 86_400_000;

const rejectsWith = async (promise: Promise<unknown>, code: ReportErrorCode) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReportError);
  expect((error as ReportError).code).toBe(code);
};

describe('ReportsService on PostgreSQL', () => {
  let db: TestDatabase;
  let organizations: OrganizationRepository;
  let service: ReportsService;

  beforeAll(async () => {
    db = await createTestDatabase();
    organizations = new OrganizationRepository(db.dataSource);
    for (const slug of ['demo', 'quiet']) await organizations.insert({ slug, name: slug, approvedCountries: ['KR'], currency: 'KRW' });
    service = new ReportsService(organizations, new ReportRepository(db.dataSource), new ReportScheduleRepository(db.dataSource), new DemoReportDataSource(), () => NOW);
  });

  afterAll(() => db.drop());

  it('stores a generated report with who, when, the period and the SHA-256 of the exact bytes it returns', async () => {
    const asOf = new Date(DEMO_AS_OF.getTime() - 28 * DAY);
    const { report, content } = await service.generate({ orgSlug: 'demo', asOf, lang: 'en', generatedBy: 'ciso@hanbit.example' });
    expect(report).toMatchObject({ trigger: 'ON_DEMAND', generatedBy: 'ciso@hanbit.example', generatedAt: NOW, asOf, lang: 'en', sizeBytes: content.length });
    expect(report.checksum).toBe(createHash('sha256').update(content).digest('hex'));
    // The first report of an organisation compares with the week before.
    expect(report.periodStart).toEqual(new Date(asOf.getTime() - 7 * DAY));

    const downloaded = await service.download(report.id);
    expect(downloaded.content.equals(content)).toBe(true);
    expect(downloaded.report).toEqual(report);
  });

  it('starts the next report’s period at the previous report, and lists the newest first', async () => {
    const { report, content } = await service.generate({ orgSlug: 'demo', lang: 'ko', generatedBy: 'cli:operator' });
    // No as-of: the live posture of now, as of the instant it describes (the demo's), not a new evaluation at NOW.
    expect(report.asOf).toEqual(DEMO_AS_OF);
    expect(report.periodEnd).toEqual(DEMO_AS_OF);
    expect(report.periodStart).toEqual(new Date(DEMO_AS_OF.getTime() - 28 * DAY));
    expect((await pdfText(content)).text).toContain('이사회 보고');
    const listed = await service.list('demo');
    expect(listed.map((r) => [r.lang, r.generatedBy])).toEqual([
      ['ko', 'cli:operator'],
      ['en', 'ciso@hanbit.example'],
    ]);
    expect(await service.list('quiet')).toEqual([]);
  });

  it('refuses an unknown organization, a future date, an unknown language and an unknown report id', async () => {
    await rejectsWith(service.generate({ orgSlug: 'nobody', generatedBy: 'x' }), ReportErrorCode.NOT_FOUND);
    await rejectsWith(service.generate({ orgSlug: 'demo', asOf: new Date(NOW.getTime() + DAY), generatedBy: 'x' }), ReportErrorCode.INVALID_INPUT);
    await rejectsWith(service.generate({ orgSlug: 'demo', lang: 'fr', generatedBy: 'x' }), ReportErrorCode.INVALID_INPUT);
    await rejectsWith(service.download('not-a-uuid'), ReportErrorCode.NOT_FOUND);
    await rejectsWith(service.download('00000000-0000-4000-8000-000000000000'), ReportErrorCode.NOT_FOUND);
  });

  it('says the data is unavailable when no posture data source is registered, and stores nothing', async () => {
    const unwired = new ReportsService(organizations, new ReportRepository(db.dataSource), new ReportScheduleRepository(db.dataSource), null, () => NOW);
    const before = (await service.list('quiet')).length;
    await rejectsWith(unwired.generate({ orgSlug: 'quiet', generatedBy: 'x' }), ReportErrorCode.DATA_UNAVAILABLE);
    expect(await service.list('quiet')).toHaveLength(before);
  });

  it('writes scheduled reports once per organization, week and language, from the stored posture, honouring each schedule', async () => {
    await service.setSchedule('demo', { enabled: true, languages: ['en', 'ko', 'en'] });
    await service.setSchedule('quiet', { enabled: false, languages: ['en'] });
    // A week whose stored posture is not yet of it: nothing yet (a report as of the week's start would need an evaluation).
    expect(await service.generateScheduled(new Date(DEMO_AS_OF.getTime() + DAY))).toEqual([]);
    const weekStart = new Date(DEMO_AS_OF.getTime() - 3 * DAY);

    const first = await service.generateScheduled(weekStart);
    expect(first.map((r) => [r.lang, r.trigger, r.generatedBy])).toEqual([
      ['en', 'SCHEDULED', 'schedule'],
      ['ko', 'SCHEDULED', 'schedule'],
    ]);
    // Dated at the instant of the stored posture it shows, as a report of now is.
    expect(first.every((r) => r.organizationId !== undefined && r.asOf.getTime() === DEMO_AS_OF.getTime())).toBe(true);
    // A second replica running the same schedule, or the next hour's run, writes nothing this week.
    expect(await service.generateScheduled(weekStart)).toEqual([]);
    expect(await service.schedule('quiet')).toEqual({ enabled: false, languages: ['en'] });
    await rejectsWith(service.setSchedule('demo', { enabled: true, languages: [] }), ReportErrorCode.INVALID_INPUT);
  });

  it('reads every section of a report of now as of the instant of the live posture it shows', async () => {
    const demo = new DemoReportDataSource();
    const asked: [string, Date | null][] = [];
    const recording: ReportDataSource = {
      posture: (org, asOf, limit) => (asked.push(['posture', asOf]), demo.posture(org, asOf, limit)),
      scoreHistory: (org, weeks, asOf) => (asked.push(['scoreHistory', asOf]), demo.scoreHistory(org, weeks)),
      budgets: () => demo.budgets(),
      rotationSla: (_org, asOf) => (asked.push(['rotationSla', asOf]), demo.rotationSla()),
      leavers: (_org, asOf) => (asked.push(['leavers', asOf]), demo.leavers()),
      crossBorderAccess: (org, days, asOf) => (asked.push(['crossBorderAccess', asOf]), demo.crossBorderAccess(org, days)),
      dataSources: () => demo.dataSources(),
    };
    const live = new ReportsService(organizations, new ReportRepository(db.dataSource), new ReportScheduleRepository(db.dataSource), recording, () => NOW);
    const { report } = await live.generate({ orgSlug: 'quiet', lang: 'en', generatedBy: 'x' });
    expect(report.asOf).toEqual(DEMO_AS_OF);
    expect(asked).toEqual([
      ['posture', null],
      ['scoreHistory', DEMO_AS_OF],
      ['rotationSla', DEMO_AS_OF],
      ['leavers', DEMO_AS_OF],
      ['crossBorderAccess', DEMO_AS_OF],
    ]);
  });

  it('keeps stored reports immutable', async () => {
    const [latest] = await service.list('demo');
    await expect(db.dataSource.query(`UPDATE report SET generated_by = 'someone else' WHERE id = $1`, [latest!.id])).rejects.toThrow(/immutable/);
  });
});
