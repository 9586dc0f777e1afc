import type { FindingKind, ScoreDomain } from '@postureboard/domain';
import type { BoardReportData } from '../model/board-report-data.js';

/** One of "the three things that matter most", as facts; the language files turn it into sentences. */
export type KeyPoint =
  | { kind: 'LEAVER_ACCESS'; leavers: number; usedAfterTermination: number; bytesAfterTermination: number; worstName: string; worstDays: number }
  | { kind: 'BULK_EXTRACTION'; anomalies: number; principal: string; startedOn: string; totalBytes: number; peakBytes: number; windowDays: number }
  | { kind: 'ROTATION_OVERDUE'; overdueKeys: number; teams: number; oldestKeyAgeDays: number | null; oldestKeyTeam: string | null; maxDaysOverdue: number }
  | { kind: 'CRITICAL_FINDINGS'; critical: number; title: string; findingKind: FindingKind; ownerTeam: string | null }
  | { kind: 'UNAPPROVED_COUNTRIES'; countries: string[]; events: number; bytes: number; unapprovedIdentities: number }
  | { kind: 'SCORE_DROP'; change: number }
  | { kind: 'SCORE_RISE'; change: number }
  | { kind: 'BLIND_SPOTS'; notMeasured: ScoreDomain[]; staleSources: string[] }
  | { kind: 'SPEND_VS_GOVERNANCE'; securityToItRatio: number; itBenchmark: number; spendBelowBenchmark: boolean; score: number; band: string }
  | { kind: 'WEAKEST_DOMAIN'; domain: ScoreDomain; score: number; band: string }
  | { kind: 'NO_LEAVER_ACCESS' }
  | { kind: 'ROTATION_WITHIN_POLICY'; keys: number };

const WEAK_BANDS = new Set(['WEAK', 'CRITICAL']);
/** Finding kinds that have a key point of their own, so a critical finding of that kind is not said twice. */
const COVERED_KINDS = new Set<FindingKind>(['LEAVER_ACTIVE_ACCESS', 'BULK_EXTRACTION', 'KEY_ROTATION_OVERDUE', 'OFFSHORE_ACCESS']);

/**
 * The three things that matter most, chosen from the data: every candidate the data supports is
 * weighed by how directly it exposes data (a leaver still using access outranks a weak score), and the
 * three heaviest are kept. A healthy organisation gets its good news instead of invented alarms.
 */
export function deriveKeyPoints(data: BoardReportData, count = 3): KeyPoint[] {
  const candidates: { weight: number; point: KeyPoint }[] = [];
  const add = (weight: number, point: KeyPoint) => candidates.push({ weight, point });

  const leaversWithAccess = data.leavers.filter((l) => l.access.length > 0 || l.usesAfterTermination > 0);
  if (leaversWithAccess.length > 0) {
    const usedAfter = leaversWithAccess.filter((l) => l.usesAfterTermination > 0);
    const worst = [...leaversWithAccess].sort((a, b) => b.usesAfterTermination - a.usesAfterTermination || b.daysSinceTermination - a.daysSinceTermination)[0]!;
    add(usedAfter.length > 0 ? 100 : 70, {
      kind: 'LEAVER_ACCESS',
      leavers: leaversWithAccess.length,
      usedAfterTermination: usedAfter.length,
      bytesAfterTermination: leaversWithAccess.reduce((sum, l) => sum + l.bytesAfterTermination, 0),
      worstName: worst.name,
      worstDays: worst.daysSinceTermination,
    });
  } else {
    add(10, { kind: 'NO_LEAVER_ACCESS' });
  }

  const bulk = data.crossBorder.bulkExtractions;
  if (bulk.length > 0) {
    const largest = [...bulk].sort((a, b) => b.totalBytes - a.totalBytes)[0]!;
    add(95, { kind: 'BULK_EXTRACTION', anomalies: Math.max(data.crossBorder.bulkExtractionTotals.count, bulk.length), principal: largest.principal, startedOn: largest.startedOn, totalBytes: largest.totalBytes, peakBytes: largest.peakBytes, windowDays: data.crossBorder.windowDays });
  }

  const overdueKeys = data.rotationSla.reduce((sum, t) => sum + t.overdue, 0);
  if (overdueKeys > 0) {
    const oldest = [...data.rotationSla].filter((t) => t.oldestKeyAgeDays !== null).sort((a, b) => b.oldestKeyAgeDays! - a.oldestKeyAgeDays!)[0];
    const criticalRotation = data.topRisks.some((r) => r.kind === 'KEY_ROTATION_OVERDUE' && r.severity === 'CRITICAL');
    add(60 + (criticalRotation ? 25 : 0), {
      kind: 'ROTATION_OVERDUE',
      overdueKeys,
      teams: data.rotationSla.filter((t) => t.overdue > 0).length,
      oldestKeyAgeDays: oldest?.oldestKeyAgeDays ?? null,
      oldestKeyTeam: oldest?.team ?? null,
      maxDaysOverdue: Math.max(...data.rotationSla.map((t) => t.maxDaysOverdue)),
    });
  } else if (data.rotationSla.length > 0) {
    add(10, { kind: 'ROTATION_WITHIN_POLICY', keys: data.rotationSla.reduce((sum, t) => sum + t.withinPolicy + t.dueSoon, 0) });
  }

  const otherCritical = data.topRisks.filter((r) => r.severity === 'CRITICAL' && !COVERED_KINDS.has(r.kind));
  if (otherCritical.length > 0) {
    const top = otherCritical[0]!;
    add(75, { kind: 'CRITICAL_FINDINGS', critical: data.posture.findingCounts.critical, title: top.title, findingKind: top.kind, ownerTeam: top.ownerTeam });
  }

  const unapproved = data.crossBorder.byCountry.filter((c) => !c.approved && c.events > 0);
  const unapprovedIdentities = data.crossBorder.offshoreIdentities.filter((o) => o.approval === null).length;
  if (unapproved.length > 0 || unapprovedIdentities > 0) {
    add(65, {
      kind: 'UNAPPROVED_COUNTRIES',
      countries: unapproved.map((c) => c.country),
      events: unapproved.reduce((sum, c) => sum + c.events, 0),
      bytes: unapproved.reduce((sum, c) => sum + c.bytes, 0),
      unapprovedIdentities,
    });
  }

  const change = data.posture.overall.change;
  if (change !== null && change <= -5) add(72, { kind: 'SCORE_DROP', change });
  if (change !== null && change >= 5) add(30, { kind: 'SCORE_RISE', change });

  const notMeasured = data.dataCompleteness.notMeasured.map((n) => n.domain);
  const staleSources = data.dataCompleteness.sources.filter((s) => s.enabled && s.freshness !== 'FRESH').map((s) => s.name);
  if (notMeasured.length > 0 || staleSources.length > 0) add(55, { kind: 'BLIND_SPOTS', notMeasured, staleSources });

  const { budget } = data;
  const { score, band } = data.posture.overall;
  if (budget && budget.securityToItRatio !== null && score !== null && band !== null) {
    const spendBelowBenchmark = budget.securityToItRatio < budget.itBenchmark;
    const weak = WEAK_BANDS.has(band);
    if (spendBelowBenchmark || weak) {
      add(weak ? 50 : 35, { kind: 'SPEND_VS_GOVERNANCE', securityToItRatio: budget.securityToItRatio, itBenchmark: budget.itBenchmark, spendBelowBenchmark, score, band });
    }
  }

  const weakest = data.posture.domains
    .filter((d) => d.measured && d.score !== null && d.band !== null && WEAK_BANDS.has(d.band))
    .sort((a, b) => a.score! - b.score!)[0];
  if (weakest) add(40, { kind: 'WEAKEST_DOMAIN', domain: weakest.domain, score: weakest.score!, band: weakest.band! });

  // Stable: equal weights keep the order in which they were found.
  return candidates
    .map((c, i) => ({ ...c, i }))
    .sort((a, b) => b.weight - a.weight || a.i - b.i)
    .slice(0, count)
    .map((c) => c.point);
}
