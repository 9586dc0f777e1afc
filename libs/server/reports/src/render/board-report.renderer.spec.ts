import { BoardReportDataAssembler } from '../data/board-report-data.assembler.js';
import type { BoardReportData } from '../model/board-report-data.js';
import { REPORT_ROW_LIMITS, worstTeams } from '../summary/bounded-lists.js';
import { demoBoardReportData } from '../testing/demo-board-report-data.js';
import { DEMO_AS_OF } from '../testing/demo-report-data-source.js';
import { LargeReportDataSource } from '../testing/large-report-data-source.js';
import { pdfText } from '../testing/pdf-text.js';
import { renderBoardReport } from './board-report.renderer.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The page whose first line is the given section heading. */
const page = (pages: string[], heading: string): string => {
  const found = pages.find((p) => p.trimStart().startsWith(heading));
  if (!found) throw new Error(`No page starts with "${heading}"`);
  return found;
};

/** The score printed in the domain table: the first "nn.n" after the domain's name. */
const printedScore = (text: string, domainName: string): string | undefined =>
  new RegExp(`${escape(domainName)}[\\s\\S]*?\\n(\\d{1,3}\\.\\d) `).exec(text)?.[1];

describe('renderBoardReport', () => {
  let data: BoardReportData;
  let pages: string[];
  let pageCount: number;

  beforeAll(async () => {
    data = await demoBoardReportData('en');
    ({ pages, pageCount } = await pdfText(await renderBoardReport(data)));
  });

  it('numbers every page after the cover "Page n of N" with N the real page count', () => {
    expect(pageCount).toBeGreaterThanOrEqual(7);
    expect(pages[0]).not.toMatch(/Page \d+ of/);
    pages.slice(1).forEach((text, i) => expect(text).toContain(`Page ${i + 2} of ${pageCount}`));
  });

  it('prints the overall score and every domain score exactly as in the data', () => {
    const scores = page(pages, '3. Governance scores and trend');
    // 44.7 and the domain scores come from the demo posture; formatting to one decimal is the contract.
    expect(scores).toMatch(new RegExp(`Overall ${escape(data.posture.overall.score!.toFixed(1))} `));
    for (const domain of data.posture.domains) {
      const name = { KEY_MANAGEMENT: 'Key management', ACCESS_GOVERNANCE: 'Access governance', CROSS_BORDER_ACCESS: 'Cross-border access', DETECTION: 'Detection and monitoring' }[domain.domain];
      expect(printedScore(scores, name)).toBe(domain.score!.toFixed(1));
    }
    expect(pages[0]).toContain(data.posture.overall.score!.toFixed(1));
  });

  it('prints the budget ratios and their benchmarks as in the data', () => {
    const spend = page(pages, '2. Spend beside governance');
    const budget = data.budget!;
    // 82,000,000,000 / 1,782,600,000,000 = 4.6 %; 82,000,000,000 / 41,000,000,000,000 = 0.20 %.
    expect(spend).toContain(`${(budget.securityToItRatio! * 100).toFixed(1)}% benchmark ${(budget.itBenchmark * 100).toFixed(0)}%`);
    expect(spend).toContain(`${(budget.securityToRevenueRatio! * 100).toFixed(2)}% benchmark ${(budget.revenueBenchmark * 100).toFixed(0)}%`);
    // KRW has no minor unit: whole won, no decimals.
    expect(spend).toContain('₩82,000,000,000');
    expect(spend).not.toMatch(/₩[\d,]+\.\d/);
  });

  it('lists every top risk with its owner, and every team of the rotation table', () => {
    const risks = page(pages, '4. Top risks');
    // A line may wrap after a hyphen ("28-day"): compared with the wrap taken out.
    const text = (value: string) => value.replace(/\s+/g, ' ').replace(/- /g, '-');
    for (const risk of data.topRisks) expect(text(risks)).toContain(text(risk.title));
    for (const team of data.rotationSla) expect(risks).toContain(team.team ?? 'No owning team');
  });

  it('states that the framework mapping is guidance, and maps each finding kind to real control ids', () => {
    const appendix = pages.slice(pages.findIndex((p) => p.includes('Appendix: mapping to control frameworks'))).join('\n');
    expect(appendix).toMatch(/guidance/);
    expect(appendix).toMatch(/not a certification/);
    for (const id of ['A.8.24', 'A.5.17', 'A.5.18', 'A.6.5', 'PR.AA-01', 'PR.AA-05', 'DE.CM-03', '6.2', '2.7.2', '2.2.5', '2.5.6']) expect(appendix).toContain(id);
  });

  it('prints the audit checkpoint in the appendix, in English and Korean, only when there is one', async () => {
    const auditCheckpoint = { format: 'postureboard-audit-checkpoint/1' as const, organization: 'demo', seq: 412, hash: 'a'.repeat(64), takenAt: '2026-11-30T09:00:00.000Z', keyId: '0123456789abcdef', mac: 'b'.repeat(64) };
    expect(pages.join('\n')).not.toContain('Audit trail checkpoint');
    const en = (await pdfText(await renderBoardReport({ ...data, auditCheckpoint }))).text;
    expect(en).toContain('Audit trail head: entry 412, signed 2026-11-30T09:00:00.000Z');
    expect(en).toContain(`"mac": "${'b'.repeat(64)}"`);
    const ko = (await pdfText(await renderBoardReport({ ...(await demoBoardReportData('ko')), auditCheckpoint }))).text;
    expect(ko).toContain('감사 기록 체크포인트');
    expect(ko).toContain('감사 기록 최신 항목: 412번');
  });

  it('writes a Korean report in Korean, with Hangul that can be selected and searched', async () => {
    const korean = await pdfText(await renderBoardReport(await demoBoardReportData('ko')));
    expect(korean.text).toContain('이사회 보고: 보안 거버넌스 현황');
    expect(korean.text).toContain('가장 중요한 세 가지');
    expect(korean.text).toContain('종합 거버넌스 점수는 100점 만점에 44.7점으로');
    for (const label of ['키 관리', '접근 권한 관리', '국외 접근', '탐지 및 모니터링', '부록: 통제 프레임워크 매핑', '퇴사자']) expect(korean.text).toContain(label);
    expect(korean.text).toContain(`2쪽 / 전체 ${korean.pageCount}쪽`);
    // No English label leaks into the Korean report.
    for (const english of ['Executive summary', 'Top risks', 'Page 2 of', 'Not measured', 'benchmark']) expect(korean.text).not.toContain(english);
  });

  it("words a leaver's remaining accounts and credentials in the report's language, never as enum names", async () => {
    const korean = (await pdfText(await renderBoardReport(await demoBoardReportData('ko')))).text;
    for (const words of ['okta 계정 jaewon.kim', 'API 토큰 tok-7f3a', '액세스 키 AKIA…7KD2', 'SSH 키 ravi@bastion']) expect(korean).toContain(words);
    const english = (await pdfText(await renderBoardReport(data))).text;
    for (const words of ['okta account jaewon.kim', 'API token tok-7f3a', 'Access key AKIA…7KD2']) expect(english).toContain(words);
    for (const text of [korean, english]) expect(text).not.toMatch(/\b(?:ACCESS_KEY|API_TOKEN|SSH_KEY)\b/);
  });

  it('says "not measured" for a domain without data, in the table and in data completeness, never a score', async () => {
    const notMeasured = await demoBoardReportData('en', { detectionNotMeasured: true });
    const { pages: nm } = await pdfText(await renderBoardReport(notMeasured));
    const scores = page(nm, '3. Governance scores and trend');
    expect(scores).toMatch(/Detection and monitoring\n(?:[^\n]*\n){1,3}Not measured — —/);
    expect(printedScore(scores, 'Detection and monitoring')).toBeUndefined();
    expect(scores).toContain('never counted as 0 or 100');
    expect(nm.join('\n')).toContain('Detection and monitoring: Not measured. No access-event source has delivered data for this organisation.');

    const korean = await pdfText(await renderBoardReport(await demoBoardReportData('ko', { detectionNotMeasured: true })));
    expect(korean.text).toContain('탐지 및 모니터링: 측정되지 않음.');
  });

  it('keeps a large organisation’s report a board paper: the worst rows, then one true line for the rest', async () => {
    const large = await new BoardReportDataAssembler(new LargeReportDataSource()).assemble({
      orgSlug: 'demo',
      asOf: DEMO_AS_OF,
      lang: 'en',
      generatedBy: 'test',
      generatedAt: new Date(DEMO_AS_OF.getTime() + 3_600_000),
    });
    expect(large.rotationSla).toHaveLength(801);
    expect(large.leavers).toHaveLength(10_000);
    const { text: raw, pageCount: pagesPrinted } = await pdfText(await renderBoardReport(large));
    const text = raw.replace(/\s+/g, ' ');
    expect(pagesPrinted).toBeLessThanOrEqual(20); // it was 779 pages before lists were bounded
    const n = (value: number) => value.toLocaleString('en-GB');
    const sum = (key: 'withinPolicy' | 'dueSoon' | 'overdue') => large.rotationSla.reduce((total, t) => total + t[key], 0);

    // Teams: the 25 most overdue by name, the other 776 summed, and the total row over all 801.
    const teams = worstTeams(large.rotationSla);
    const shownOverdue = teams.shown.reduce((total, t) => total + t.overdue, 0);
    const teamsOverdue = (rows: typeof teams.shown) => rows.filter((t) => t.overdue > 0).length;
    expect(text).toContain(`…and 776 more teams: ${n(sum('overdue') - shownOverdue)} keys overdue in ${n(teamsOverdue(large.rotationSla) - teamsOverdue(teams.shown))} of them`);
    expect(text).toMatch(new RegExp(`Total ${n(sum('withinPolicy'))} ${n(sum('dueSoon'))} ${n(sum('overdue'))} `));
    const notShown = large.rotationSla.find((t) => t.team && !teams.shown.includes(t) && !large.topRisks.some((r) => r.ownerTeam === t.team))!;
    expect(text).not.toContain(notShown.team!);

    // Leavers: every one counted in the summary, 20 named (all of whom used their access: 299 did), the rest in one line.
    const used = large.leavers.filter((l) => l.usesAfterTermination > 0).length;
    expect(text).toContain(`${n(10_000)} former staff still have access`);
    expect(text).toContain(`…and ${n(10_000 - REPORT_ROW_LIMITS.leavers)} more leavers with remaining access: ${n(used - REPORT_ROW_LIMITS.leavers)} used it after leaving`);
    expect(text).toContain(`…and ${n(3_000 - REPORT_ROW_LIMITS.offshoreIdentities)} more people working abroad with production access`);
    expect(text).toContain(`…and ${n(300 - REPORT_ROW_LIMITS.bulkExtractions)} more anomalies`);
    expect(text).toContain(`${n(large.posture.findingCounts.total)} findings are open`);

    const korean = await pdfText(await renderBoardReport({ ...large, lang: 'ko', classification: '대외비' }));
    expect(korean.pageCount).toBeLessThanOrEqual(20);
    expect(korean.text).toContain('그 밖에 776개 팀');
    expect(korean.text).toContain(`그 밖에 퇴사자 ${n(10_000 - REPORT_ROW_LIMITS.leavers)}명이`);
  });

  it('renders an organisation with nothing measured and nothing recorded, saying so instead of inventing numbers', async () => {
    const empty: BoardReportData = {
      ...data,
      posture: {
        overall: { score: null, band: null, change: null, explanation: null },
        domains: data.posture.domains.map((d) => ({ ...d, measured: false, score: null, band: null, change: null, notMeasuredReason: null, explanation: null })),
        findingCounts: { critical: 0, high: 0, medium: 0, low: 0, total: 0 },
      },
      budget: null,
      spendVsScore: [],
      trend: { weeks12: [], weeks52: [] },
      topRisks: [],
      rotationSla: [],
      leavers: [],
      crossBorder: { windowDays: 90, byCountry: [], offshoreIdentities: [], bulkExtractions: [], bulkExtractionTotals: { count: 0, totalBytes: 0 } },
      dataCompleteness: { sources: [], notMeasured: data.posture.domains.map((d) => ({ domain: d.domain, reason: null })) },
    };
    const { text } = await pdfText(await renderBoardReport(empty));
    for (const sentence of [
      'There is no overall score: none of the governance domains could be measured.',
      'No budget has been recorded for this organisation',
      'No open findings.',
      'No leaver retains any access.',
      'No data sources are configured.',
      'Part of the picture is missing',
    ]) {
      expect(text.replace(/\s+/g, ' ')).toContain(sentence);
    }
    expect(text).not.toMatch(/\bNaN\b|undefined|Infinity/);
  });

  it('prints when the posture was evaluated, and each score as the sum of its explanation terms', async () => {
    const explained: BoardReportData = {
      ...data,
      evaluation: { evaluatedAt: '2026-11-20T09:00:00.000Z', pending: true },
      posture: {
        ...data.posture,
        overall: {
          ...data.posture.overall,
          score: 38.8,
          explanation: [
            { kind: 'METRIC', label: 'KEY_MANAGEMENT', domain: 'KEY_MANAGEMENT', points: 38.76 },
            { kind: 'ROUNDING', label: 'Rounding', points: 0.04 },
          ],
        },
        domains: data.posture.domains.map((d) =>
          d.domain === 'KEY_MANAGEMENT'
            ? {
                ...d,
                measured: true,
                score: 38.8,
                metrics: [{ name: 'rotation', label: 'Credentials within rotation policy', points: 34.3, maxPoints: 60 }],
                findingSubjects: { 'KEY_ROTATION_OVERDUE:CREDENTIAL:nuri-auth-2015': 'nuri-auth-2015' },
                explanation: [
                  { kind: 'BASE', label: 'Full marks', points: 100 },
                  { kind: 'METRIC', label: 'rotation', metric: 'rotation', points: -25.7 },
                  { kind: 'FINDING', label: 'Critical finding: nuri-auth-2015', fingerprint: 'KEY_ROTATION_OVERDUE:CREDENTIAL:nuri-auth-2015', points: -35.5 },
                ],
              }
            : { ...d, explanation: null },
        ),
      },
    };
    const { pages: explainedPages } = await pdfText(await renderBoardReport(explained));
    expect(explainedPages[0]).toMatch(/Posture evaluated[\s\S]*2026[\s\S]*a newer evaluation was queued/);
    const appendix = page(explainedPages, 'Appendix: how each score adds up');
    expect(appendix).toContain('Credentials within rotation policy: 34.3 of 60.0 earned');
    expect(appendix).toContain('Critical finding: nuri-auth-2015');
    expect(appendix).toMatch(/Full marks\s*100\.00/);
    expect(appendix).toMatch(/−35\.50/);
    expect(appendix).toMatch(/Score\s*38\.8/);
  });

  it('prints the detection domain\'s median days to detect over the 90 days up to the report date, and the incidents not detected yet apart, in English and Korean', async () => {
    const withDaysToDetect = (base: BoardReportData): BoardReportData => ({
      ...base,
      posture: {
        ...base.posture,
        overall: { ...base.posture.overall, score: 58, explanation: [{ kind: 'METRIC', label: 'DETECTION', domain: 'DETECTION', points: 58 }] },
        domains: base.posture.domains.map((d) =>
          d.domain === 'DETECTION'
            ? {
                ...d,
                score: 58,
                explanation: [
                  { kind: 'BASE', label: 'Full marks', points: 100 },
                  { kind: 'METRIC', label: 'source-coverage', metric: 'source-coverage', points: -42 },
                ],
                daysToDetect: { from: '2026-08-24', to: '2026-11-21', medianDays: 2.5, detected: 4, notDetectedYet: 1 },
              }
            : { ...d, explanation: null, daysToDetect: null },
        ),
      },
    });
    const { pages: en } = await pdfText(await renderBoardReport(withDaysToDetect(data)));
    const appendix = page(en, 'Appendix: how each score adds up').replace(/\s+/g, ' ');
    expect(appendix).toContain('Detection: days to detect');
    expect(appendix).toContain('Median 2.5 days from the first day of an incident');
    expect(appendix).toContain('over the 4 incidents first detected from 24 Aug 2026 to 21 Nov 2026');
    expect(appendix).toContain('Not detected yet: 1 incidents begun by 21 Nov 2026, counted apart and not in the median.');
    expect(appendix).toContain('not part of it');

    const { pages: ko } = await pdfText(await renderBoardReport(withDaysToDetect(await demoBoardReportData('ko'))));
    const koText = ko.join('\n').replace(/\s+/g, ' ');
    expect(koText).toContain('탐지: 탐지 소요 일수');
    expect(koText).toContain('중앙값 2.5일');
    expect(koText).toContain('처음 탐지된 사고 4건');
    expect(koText).toContain('아직 탐지되지 않음');

    const none = withDaysToDetect(data);
    const { pages: nonePages } = await pdfText(
      await renderBoardReport({
        ...none,
        posture: { ...none.posture, domains: none.posture.domains.map((d) => (d.daysToDetect ? { ...d, daysToDetect: { ...d.daysToDetect, medianDays: null, detected: 0, notDetectedYet: 0 } } : d)) },
      }),
    );
    const noneText = page(nonePages, 'Appendix: how each score adds up').replace(/\s+/g, ' ');
    expect(noneText).toContain('No incident was first detected from 24 Aug 2026 to 21 Nov 2026');
    expect(noneText).not.toContain('Not detected yet');
  });
});
