import type { ScoreDomain } from '@postureboard/domain';
import { BoardReportDataAssembler, type BoardReportRequest } from './board-report-data.assembler.js';
import type { DomainScoreShape, PostureShape, ReportDataSource, ScoreSnapshotShape } from './report-data-source.js';

const AS_OF = new Date('2025-11-24T00:00:00Z');
const DAY = 86_400_000;
const before = (days: number) => new Date(AS_OF.getTime() - days * DAY);
const none = { critical: 0, high: 0, medium: 0, low: 0, total: 0 };

const domain = (d: ScoreDomain, score: number | null, change: number | null = null): DomainScoreShape =>
  score === null
    ? { domain: d, measured: false, notMeasuredReason: 'No log source', score: null, band: null, change: null, findingCounts: none }
    : { domain: d, measured: true, score, band: 'WEAK', change, findingCounts: none };

const snapshot = (daysBefore: number, overall: number, key: number): ScoreSnapshotShape => ({
  asOf: before(daysBefore).toISOString(),
  overallScore: overall,
  overallBand: 'WEAK',
  domains: [
    { domain: 'KEY_MANAGEMENT', measured: true, score: key },
    { domain: 'DETECTION', measured: false, score: null },
  ],
});

function source(overrides: Partial<ReportDataSource> = {}): ReportDataSource {
  const posture: PostureShape = {
    organization: { id: 'org-1', slug: 'acme', name: 'Acme', currency: 'USD' },
    asOf: AS_OF,
    overallScore: 60,
    overallBand: 'ADEQUATE',
    overallChange: 1.5,
    // Listed out of order on purpose: the report follows the vocabulary's domain order.
    domains: [domain('DETECTION', null), domain('KEY_MANAGEMENT', 50, 0.5)],
    budget: null,
    findingCounts: none,
  };
  return {
    posture: async () => ({
      posture,
      topRisks: [
        {
          id: 'f1',
          kind: 'KEY_ROTATION_OVERDUE',
          domain: 'KEY_MANAGEMENT',
          severity: 'CRITICAL',
          status: 'OPEN',
          title: 'Signing key overdue',
          params: null,
          subject: { type: 'CREDENTIAL', name: 'jwt-2015' },
          ownerTeam: null,
          firstDetectedAt: new Date(AS_OF.getTime() - 10.5 * DAY),
          dueAt: '2025-12-01T00:00:00Z',
        },
      ],
    }),
    scoreHistory: async () => [snapshot(7, 58, 49), snapshot(14, 55.5, 47), snapshot(100, 40, 30), snapshot(400, 35, 25)],
    budgets: async () => [
      { fiscalYear: 2024, itSpend: 1000, securitySpend: 40, revenue: 20000, currency: 'USD' },
      { fiscalYear: 2025, itSpend: 1000, securitySpend: 50, revenue: 20000, currency: 'USD' },
      { fiscalYear: 2023, itSpend: 0, securitySpend: 10, revenue: 100, currency: 'USD' },
    ],
    rotationSla: async () => [],
    leavers: async () => [],
    crossBorderAccess: async () => ({
      byCountry: [
        { country: 'KR', approved: true, events: 10, bytes: 100 },
        { country: 'CN', approved: false, events: 5, bytes: 900 },
      ],
      offshoreIdentities: [],
      bulkExtractions: [
        {
          principal: 'tok-1',
          credentialExternalId: null,
          startedOn: before(2),
          peakBytes: 700,
          series: [
            { day: before(3), bytes: 10, baseline: 10 },
            { day: before(2), bytes: 500, baseline: 10 },
            { day: before(1), bytes: 700, baseline: 10 },
          ],
        },
      ],
      bulkExtractionTotals: { count: 1, totalBytes: 1200 },
    }),
    dataSources: async () => [{ type: 'cloudtrail', name: 'Trail', enabled: true, lastSuccessfulRunAt: null, freshness: 'NEVER' }],
    ...overrides,
  };
}

const request = (extra: Partial<BoardReportRequest> = {}): BoardReportRequest => ({
  orgSlug: 'acme',
  asOf: AS_OF,
  lang: 'en',
  generatedBy: 'ciso@acme.example',
  generatedAt: new Date('2025-11-24T09:00:00Z'),
  ...extra,
});

describe('BoardReportDataAssembler', () => {
  it('measures change against the stored snapshot at the previous report, per domain too', async () => {
    const data = await new BoardReportDataAssembler(source()).assemble(request({ previousReportAsOf: before(14) }));
    expect(data.period).toEqual({ from: before(14).toISOString(), to: AS_OF.toISOString(), basis: 'PREVIOUS_REPORT' });
    expect(data.posture.overall.change).toBe(4.5); // 60 − 55.5
    expect(data.posture.domains.map((d) => [d.domain, d.change])).toEqual([
      ['KEY_MANAGEMENT', 3], // 50 − 47
      ['DETECTION', null], // not measured has no change
    ]);
  });

  it('without a previous report, says the posture\'s own change since last week: the very number the overview shows', async () => {
    const data = await new BoardReportDataAssembler(source()).assemble(request());
    expect(data.period.basis).toBe('PREVIOUS_WEEK');
    // The posture's 1.5 (against the snapshot at least seven days older), not a second reckoning from the
    // report's own choice of snapshot (60 − 58 = 2) that once put two numbers on one quantity.
    expect(data.posture.overall.change).toBe(1.5);
  });

  it('shows no change when no snapshot exists at the previous report rather than inventing one', async () => {
    const data = await new BoardReportDataAssembler(source({ scoreHistory: async () => [snapshot(7, 58, 49)] })).assemble(
      request({ previousReportAsOf: before(30) }),
    );
    expect(data.posture.overall.change).toBeNull();
    expect(data.posture.domains.find((d) => d.domain === 'KEY_MANAGEMENT')!.change).toBeNull();
  });

  it('keeps "not measured" as not measured, with its reason, in the domains and in data completeness', async () => {
    const data = await new BoardReportDataAssembler(source()).assemble(request());
    const detection = data.posture.domains.find((d) => d.domain === 'DETECTION')!;
    expect(detection).toMatchObject({ measured: false, score: null, band: null, notMeasuredReason: 'No log source' });
    expect(data.dataCompleteness.notMeasured).toEqual([{ domain: 'DETECTION', reason: 'No log source' }]);
  });

  it('builds 12- and 52-week trends from stored snapshots in time order, ending at the as-of date', async () => {
    const data = await new BoardReportDataAssembler(source()).assemble(request());
    expect(data.trend.weeks52.map((p) => p.overall)).toEqual([40, 55.5, 58, 60]); // 400 days ago is outside 52 weeks
    expect(data.trend.weeks12.map((p) => p.overall)).toEqual([55.5, 58, 60]); // 100 days ago is outside 12 weeks
    expect(data.trend.weeks12.at(-1)).toEqual({ asOf: AS_OF.toISOString(), overall: 60, domains: { DETECTION: null, KEY_MANAGEMENT: 50 } });
  });

  it('pairs each fiscal year’s spend ratio with that year’s last stored score, and the current year with today’s', async () => {
    const data = await new BoardReportDataAssembler(source()).assemble(request());
    expect(data.spendVsScore).toEqual([
      { fiscalYear: 2024, securityToItRatio: 0.04, score: 35 }, // 40 / 1000; the snapshot 400 days back is in 2024
      { fiscalYear: 2025, securityToItRatio: 0.05, score: 60 }, // 50 / 1000; current posture
    ]);
  });

  it('derives ages in whole days, orders countries by volume and totals bulk extraction from its start', async () => {
    const data = await new BoardReportDataAssembler(source()).assemble(request());
    expect(data.topRisks[0]).toMatchObject({ ageDays: 10, ownerTeam: null, dueAt: '2025-12-01T00:00:00.000Z' });
    expect(data.crossBorder.byCountry.map((c) => c.country)).toEqual(['CN', 'KR']);
    expect(data.crossBorder.bulkExtractions[0]!.totalBytes).toBe(1200); // 500 + 700, not the 10 before it started
    expect(data.crossBorder.windowDays).toBe(90);
  });

  it('shows a finding not yet tracked on the report date with its age unknown, not as zero days', async () => {
    const base = source();
    const data = await new BoardReportDataAssembler(
      source({
        posture: async (org, asOf, limit) => {
          const reading = await base.posture(org, asOf, limit);
          return { ...reading, topRisks: reading.topRisks.map((r) => ({ ...r, id: null, status: null, firstDetectedAt: null, dueAt: null })) };
        },
      }),
    ).assemble(request());
    expect(data.topRisks[0]).toMatchObject({ title: 'Signing key overdue', status: null, ageDays: null, dueAt: null });
  });

  it('with a posture already read, reads the rest as of the request and not the posture again', async () => {
    const asked: string[] = [];
    const base = source();
    const assembler = new BoardReportDataAssembler(
      source({
        posture: async (org, asOf, limit) => (asked.push(`posture ${asOf?.toISOString() ?? 'now'}`), base.posture(org, asOf, limit)),
        leavers: async (_org, asOf) => (asked.push(`leavers ${asOf.toISOString()}`), []),
      }),
    );
    const live = await assembler.readPosture('acme', null);
    const data = await assembler.assemble(request(), live);
    expect(asked).toEqual(['posture now', `leavers ${AS_OF.toISOString()}`]);
    expect(data.asOf).toBe(AS_OF.toISOString());
    expect(data.topRisks.map((r) => r.title)).toEqual(['Signing key overdue']);
  });

  it('labels the report with the language’s default classification unless one is given', async () => {
    const assembler = new BoardReportDataAssembler(source());
    expect((await assembler.assemble(request({ lang: 'ko' }))).classification).toBe('대외비: 이사회 및 감사위원회 한정');
    expect((await assembler.assemble(request({ classification: 'Internal' }))).classification).toBe('Internal');
  });
  it("writes each top risk's title in the report's language from its parameters, and names kind and subject of one stored without them", async () => {
    const base = source();
    const withParams = source({
      posture: async (org, asOf, limit) => {
        const reading = await base.posture(org, asOf, limit);
        const params = { credentialKind: 'SIGNING_KEY' as const, name: 'jwt-2015', dueOn: '2016-06-30' };
        return { ...reading, topRisks: [...reading.topRisks.map((r) => ({ ...r, params })), { ...reading.topRisks[0]!, id: 'f2' }] };
      },
    });
    const titles = async (lang: 'en' | 'ko') => (await new BoardReportDataAssembler(withParams).assemble(request({ lang }))).topRisks.map((r) => r.title);
    expect(await titles('en')).toEqual(['Signing key jwt-2015 has been overdue for rotation since Jun 30, 2016', 'Signing key overdue']);
    expect(await titles('ko')).toEqual(['서명 키 jwt-2015: 2016. 6. 30.부터 교체 기한 초과', '키 교체 기한 초과: jwt-2015']);
  });
});
