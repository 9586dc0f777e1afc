import { EN } from '../i18n/messages.en.js';
import { KO } from '../i18n/messages.ko.js';
import { ReportFormatter } from '../i18n/report-formatter.js';
import type { ReportBulkExtraction, ReportLeaver, ReportTeamSla } from '../model/board-report-data.js';
import { largestExtractions, worstCountries, worstLeavers, worstOffshoreIdentities, worstTeams } from './bounded-lists.js';

const team = (name: string | null, overdue: number, maxDaysOverdue = overdue * 10, dueSoon = 1, withinPolicy = 100): ReportTeamSla => ({
  team: name,
  withinPolicy,
  dueSoon,
  overdue,
  maxDaysOverdue,
  oldestKeyAgeDays: 400,
});

const leaver = (name: string, uses: number, bytes: number, days: number): ReportLeaver => ({
  name,
  email: null,
  terminatedOn: '2025-01-01T00:00:00.000Z',
  daysSinceTermination: days,
  access: [{ system: 'okta', name: name.toLowerCase(), credentialKind: null }],
  usesAfterTermination: uses,
  lastUseAt: null,
  bytesAfterTermination: bytes,
});

const sumOf = <T>(rows: readonly T[], value: (row: T) => number) => rows.reduce((total, row) => total + value(row), 0);

describe('bounded lists', () => {
  it('shows the teams most overdue and sums up every team left out, so shown plus left out is the whole', () => {
    // 40 teams: team i has i keys overdue (0..39), 2 due soon and 50 + i within policy.
    const teams = Array.from({ length: 40 }, (_, i) => team(`t${i}`, i, i * 10, 2, 50 + i));
    const { shown, more } = worstTeams(teams, 25);
    expect(shown.map((t) => t.team)).toEqual(Array.from({ length: 25 }, (_, i) => `t${39 - i}`));
    // Left out: t0..t14 → overdue 0+1+…+14 = 105, in 14 teams (t0 has none); due soon 15 × 2 = 30; within policy 15 × 50 + 105 = 855.
    expect(more).toEqual({ count: 15, overdue: 105, teamsWithOverdue: 14, dueSoon: 30, withinPolicy: 855 });
    for (const key of ['overdue', 'dueSoon', 'withinPolicy'] as const) {
      expect(sumOf(shown, (t) => t[key]) + more![key]).toBe(sumOf(teams, (t) => t[key]));
    }
  });

  it('leaves a list that fits alone: every row, nothing summed up', () => {
    const teams = [team('a', 1), team('b', 3), team(null, 2)];
    const { shown, more } = worstTeams(teams, 25);
    expect(shown.map((t) => t.team)).toEqual(['b', null, 'a']);
    expect(more).toBeNull();
  });

  it('orders teams with as many keys overdue by the longest overdue, then by keys due soon', () => {
    const { shown } = worstTeams([team('short', 2, 5), team('long', 2, 500), team('soon', 2, 5, 9)], 3);
    expect(shown.map((t) => t.team)).toEqual(['long', 'soon', 'short']);
  });

  it('lists leavers who used their access first, the most data first, and counts those left out who used it', () => {
    const rows = [leaver('idle-old', 0, 0, 900), leaver('small', 3, 10, 5), leaver('big', 1, 5_000, 2), leaver('idle-new', 0, 0, 10), leaver('medium', 40, 700, 30)];
    const { shown, more } = worstLeavers(rows, 2);
    expect(shown.map((l) => l.name)).toEqual(['big', 'medium']);
    expect(more).toEqual({ count: 3, usedAfterTermination: 1, bytesAfterTermination: 10 });
    expect(worstLeavers(rows, 5).shown.map((l) => l.name)).toEqual(['big', 'medium', 'small', 'idle-old', 'idle-new']);
  });

  it('lists unapproved countries first, then by data, and totals the countries left out', () => {
    const { shown, more } = worstCountries(
      [
        { country: 'KR', approved: true, events: 1000, bytes: 9_000 },
        { country: 'CN', approved: false, events: 5, bytes: 100 },
        { country: 'US', approved: true, events: 300, bytes: 2_000 },
        { country: 'RU', approved: false, events: 7, bytes: 50 },
        { country: 'JP', approved: true, events: 40, bytes: 400 },
      ],
      3,
    );
    expect(shown.map((c) => c.country)).toEqual(['CN', 'RU', 'KR']);
    expect(more).toEqual({ count: 2, unapproved: 0, events: 340, bytes: 2_400 });
  });

  it('lists people abroad without approval first, then the approval ending soonest, open-ended last', () => {
    const person = (name: string, approval: string | null, expires: string | null, entitlements = 1) => ({
      name,
      workCountry: 'VN',
      productionEntitlements: Array.from({ length: entitlements }, (_, i) => `e${i}`),
      approval,
      approvalExpiresAt: expires,
    });
    const { shown, more } = worstOffshoreIdentities(
      [
        person('open-ended', 'OA-1', null),
        person('late', 'OA-2', '2026-06-01T00:00:00.000Z'),
        person('none', null, null),
        person('soon', 'OA-3', '2025-12-01T00:00:00.000Z'),
        person('none-more-access', null, null, 3),
      ],
      4,
    );
    expect(shown.map((o) => o.name)).toEqual(['none-more-access', 'none', 'soon', 'late']);
    expect(more).toEqual({ count: 1, withoutApproval: 0 });
  });

  it('charts the largest bulk extractions and totals the data the others moved', () => {
    const extraction = (principal: string, totalBytes: number): ReportBulkExtraction => ({ principal, credentialExternalId: null, startedOn: '2025-11-01T00:00:00.000Z', peakBytes: totalBytes / 4, totalBytes, series: [] });
    const rows = [extraction('a', 10), extraction('b', 500), extraction('c', 30), extraction('d', 7)];
    const { shown, more } = largestExtractions(rows, { count: 4, totalBytes: 547 }, 2);
    expect(shown.map((b) => b.principal)).toEqual(['b', 'c']);
    expect(more).toEqual({ count: 2, totalBytes: 17 });
    expect(largestExtractions(rows, { count: 4, totalBytes: 547 }, 4).more).toBeNull();
  });

  it('counts the extractions the source did not list in what is left out', () => {
    const extraction = (principal: string, totalBytes: number): ReportBulkExtraction => ({ principal, credentialExternalId: null, startedOn: '2025-11-01T00:00:00.000Z', peakBytes: totalBytes / 4, totalBytes, series: [] });
    // The source listed 3 of 25 extractions, which moved 10,000 bytes in all.
    const { shown, more } = largestExtractions([extraction('a', 10), extraction('b', 500), extraction('c', 30)], { count: 25, totalBytes: 10_000 }, 2);
    expect(shown.map((b) => b.principal)).toEqual(['b', 'c']);
    expect(more).toEqual({ count: 23, totalBytes: 10_000 - 500 - 30 });
  });

  it('says what is left out in one line, in English and in Korean', () => {
    const en = new ReportFormatter('en');
    const ko = new ReportFormatter('ko');
    const teams = { count: 776, overdue: 1203, teamsWithOverdue: 412, dueSoon: 300, withinPolicy: 92_118 };
    expect(EN.rotation.more(teams, en)).toBe('…and 776 more teams: 1,203 keys overdue in 412 of them, 300 due soon, 92,118 within policy. The total counts every team.');
    expect(EN.rotation.more({ count: 1, overdue: 0, teamsWithOverdue: 0, dueSoon: 0, withinPolicy: 1 }, en)).toBe('…and 1 more team: 0 keys overdue, 0 due soon, 1 within policy. The total counts every team.');
    expect(KO.rotation.more(teams, ko)).toBe('그 밖에 776개 팀: 기한 초과 키 1,203개(412개 팀), 기한 임박 300개, 정책 준수 92,118개. 합계에는 모든 팀이 포함됩니다.');
    expect(EN.leavers.more({ count: 9975, usedAfterTermination: 274, bytesAfterTermination: 6_200_000_000_000 }, en)).toBe(
      '…and 9,975 more leavers with remaining access: 274 used it after leaving, moving 6.2 TB.',
    );
    expect(EN.leavers.more({ count: 1, usedAfterTermination: 0, bytesAfterTermination: 0 }, en)).toBe('…and 1 more leaver with remaining access, none of whom used it after leaving.');
    expect(KO.leavers.more({ count: 9975, usedAfterTermination: 274, bytesAfterTermination: 6_200_000_000_000 }, ko)).toBe(
      '그 밖에 퇴사자 9,975명이 접근 권한을 보유하고 있습니다. 이 중 274명은 퇴사 후에도 사용했으며, 이동한 데이터는 모두 6.2TB입니다.',
    );
    expect(EN.crossBorder.countriesMore({ count: 21, unapproved: 3, events: 1_000, bytes: 2_000_000 }, en)).toBe('…and 21 more countries: 1,000 events and 2 MB of data; 3 of them not approved.');
    expect(EN.crossBorder.offshoreMore({ count: 2980, withoutApproval: 0 }, en)).toBe('…and 2,980 more people working abroad with production access, all with a recorded approval.');
    expect(KO.crossBorder.offshoreMore({ count: 2980, withoutApproval: 888 }, ko)).toBe('그 밖에 해외 근무자 2,980명이 운영 환경 접근 권한을 보유하고 있습니다. 이 중 888명은 승인 기록이 없습니다.');
    expect(EN.crossBorder.bulkMore({ count: 295, totalBytes: 294_000_000_000_000 }, 90, en)).toBe('…and 295 more anomalies, which moved 294 TB in the last 90 days.');
    expect(KO.crossBorder.bulkMore({ count: 295, totalBytes: 294_000_000_000_000 }, 90, ko)).toBe('그 밖에 이상 징후 295건이 있으며, 최근 90일 동안의 반출량은 모두 294TB입니다.');
  });
});
