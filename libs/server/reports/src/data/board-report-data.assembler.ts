import { bytesMovedSince, findingTitle, roundScore, SCORE_DOMAINS } from '@postureboard/domain';
import { messagesFor } from '../i18n/messages.js';
import type { BoardReportData, ReportDomain, SpendScorePoint, TrendPoint } from '../model/board-report-data.js';
import type { ReportLang } from '../model/report-lang.js';
import { DAY_MS, daysBetween, toDate, toIso, toIsoOrNull } from './date-like.util.js';
import type { FindingShape, PostureReading, PostureShape, ReportDataSource, ScoreSnapshotShape } from './report-data-source.js';

/**
 * A top risk's title in the report's language, by the renderer the web app and notifications use. A finding
 * stored before findings carried parameters has only its English title: another language names its kind and
 * subject instead of printing English in the middle of the page.
 */
const riskTitle = (f: FindingShape, lang: ReportLang): string =>
  f.params === null && lang !== 'en' ? `${messagesFor(lang).findingKinds[f.kind]}: ${f.subject.name}` : findingTitle({ kind: f.kind, params: f.params, title: f.title }, lang);

export interface BoardReportRequest {
  orgSlug: string;
  asOf: Date;
  lang: ReportLang;
  generatedBy: string;
  generatedAt: Date;
  /** As-of date of the organisation's previous report: "change" is measured since then. */
  previousReportAsOf?: Date | null;
  classification?: string;
  timeZone?: string;
  topRiskLimit?: number;
  crossBorderDays?: number;
}

const WEEK_MS = 7 * DAY_MS;
/** How many of the worst open findings the report lists. */
export const TOP_RISK_LIMIT = 10;
/** A snapshot taken up to half a day after the period start still stands for it (schedules drift). */
const SNAPSHOT_TOLERANCE_MS = DAY_MS / 2;


/** Reads everything the board report needs from a ReportDataSource and resolves it into BoardReportData. */
export class BoardReportDataAssembler {
  constructor(private readonly source: ReportDataSource) {}

  /**
   * The posture a report describes, with its worst findings. With `asOf` null ("now") it is the live posture
   * the overview shows, and its own `asOf` is the instant the whole report must then be read at.
   */
  readPosture(orgSlug: string, asOf: Date | null, topRiskLimit = TOP_RISK_LIMIT): Promise<PostureReading> {
    return this.source.posture(orgSlug, asOf, topRiskLimit);
  }

  /** `reading`: the posture already read for `request.asOf` (see readPosture); read here when not given. */
  async assemble(request: BoardReportRequest, reading?: PostureReading): Promise<BoardReportData> {
    const { orgSlug, asOf } = request;
    const crossBorderDays = request.crossBorderDays ?? 90;
    const [{ posture, topRisks }, history, budgets, rotationSla, leavers, crossBorder, dataSources] = await Promise.all([
      reading ?? this.readPosture(orgSlug, asOf, request.topRiskLimit),
      this.source.scoreHistory(orgSlug, 52, asOf),
      this.source.budgets(orgSlug),
      this.source.rotationSla(orgSlug, asOf),
      this.source.leavers(orgSlug, asOf),
      this.source.crossBorderAccess(orgSlug, crossBorderDays, asOf),
      this.source.dataSources(orgSlug),
    ]);

    const previous = request.previousReportAsOf && request.previousReportAsOf < asOf ? request.previousReportAsOf : null;
    const periodFrom = previous ?? new Date(asOf.getTime() - WEEK_MS);
    const basis = previous ? 'PREVIOUS_REPORT' : 'PREVIOUS_WEEK';
    const snapshots = history.filter((s) => toDate(s.asOf) <= asOf).sort((a, b) => toDate(a.asOf).getTime() - toDate(b.asOf).getTime());
    // "Since last week" is the posture's own change (the overview's, against the snapshot at least seven days
    // older): one number for one quantity. Only a period since the previous report is measured here.
    const baseline = previous ? latestAtOrBefore(snapshots, new Date(periodFrom.getTime() + SNAPSHOT_TOLERANCE_MS)) : null;
    const domains = orderedDomains(posture, baseline, basis);
    const overallChange =
      basis === 'PREVIOUS_WEEK'
        ? posture.overallChange
        : posture.overallScore !== null && baseline?.overallScore != null
          ? roundScore(posture.overallScore - baseline.overallScore)
          : null;
    const trend = trendSeries(snapshots, posture, asOf);

    return {
      organization: { slug: posture.organization.slug, name: posture.organization.name, currency: posture.organization.currency },
      asOf: asOf.toISOString(),
      period: { from: periodFrom.toISOString(), to: asOf.toISOString(), basis },
      generatedAt: request.generatedAt.toISOString(),
      generatedBy: request.generatedBy,
      classification: request.classification ?? messagesFor(request.lang).defaultClassification,
      lang: request.lang,
      timeZone: request.timeZone ?? 'UTC',
      evaluation: { evaluatedAt: toIsoOrNull(posture.evaluatedAt ?? null), pending: posture.pending ?? false },
      posture: {
        overall: { score: posture.overallScore, band: posture.overallBand, change: overallChange, explanation: posture.explanation?.terms ?? null },
        domains,
        findingCounts: posture.findingCounts,
      },
      budget: posture.budget ? { ...posture.budget } : null,
      spendVsScore: spendVsScore(budgets, snapshots, posture, asOf),
      trend: {
        weeks52: trend.filter((p) => new Date(p.asOf).getTime() > asOf.getTime() - 52 * WEEK_MS),
        weeks12: trend.filter((p) => new Date(p.asOf).getTime() > asOf.getTime() - 12 * WEEK_MS),
      },
      topRisks: topRisks.map((f) => ({
        title: riskTitle(f, request.lang),
        kind: f.kind,
        severity: f.severity,
        status: f.status,
        subjectName: f.subject.name,
        ownerTeam: f.ownerTeam?.name ?? null,
        ageDays: f.firstDetectedAt === null ? null : Math.max(0, daysBetween(f.firstDetectedAt, asOf)),
        dueAt: toIsoOrNull(f.dueAt),
      })),
      rotationSla: rotationSla.map((t) => ({
        team: t.team?.name ?? null,
        withinPolicy: t.withinPolicy,
        dueSoon: t.dueSoon,
        overdue: t.overdue,
        maxDaysOverdue: t.maxDaysOverdue,
        oldestKeyAgeDays: t.oldestKeyAgeDays,
      })),
      leavers: leavers.map((l) => ({
        name: l.name,
        email: l.email,
        terminatedOn: toIso(l.terminatedOn),
        daysSinceTermination: l.daysSinceTermination,
        access: l.access.map((a) => ({ system: a.system, name: a.name, credentialKind: a.credentialKind })),
        usesAfterTermination: l.usesAfterTermination,
        lastUseAt: toIsoOrNull(l.lastUseAt),
        bytesAfterTermination: l.bytesAfterTermination,
      })),
      crossBorder: {
        windowDays: crossBorderDays,
        byCountry: [...crossBorder.byCountry].sort((a, b) => b.bytes - a.bytes || b.events - a.events),
        offshoreIdentities: crossBorder.offshoreIdentities.map((o) => ({ ...o, approvalExpiresAt: toIsoOrNull(o.approvalExpiresAt) })),
        bulkExtractions: crossBorder.bulkExtractions.map((b) => {
          const startedOn = toDate(b.startedOn);
          const series = b.series.map((p) => ({ day: toIso(p.day), bytes: p.bytes, baseline: p.baseline }));
          return {
            principal: b.principal,
            credentialExternalId: b.credentialExternalId,
            startedOn: startedOn.toISOString(),
            peakBytes: b.peakBytes,
            totalBytes: bytesMovedSince(startedOn, series),
            series,
          };
        }),
        bulkExtractionTotals: { ...crossBorder.bulkExtractionTotals },
      },
      dataCompleteness: {
        sources: dataSources.map((s) => ({
          name: s.name,
          type: s.type,
          enabled: s.enabled,
          lastSuccessfulRunAt: toIsoOrNull(s.lastSuccessfulRunAt),
          freshness: s.freshness,
        })),
        notMeasured: domains.filter((d) => !d.measured).map((d) => ({ domain: d.domain, reason: d.notMeasuredReason })),
      },
      // Signed by the audit trail, not read from the posture: the service adds it (see ReportsService.produce).
      auditCheckpoint: null,
    };
  }
}


function latestAtOrBefore(snapshots: readonly ScoreSnapshotShape[], at: Date): ScoreSnapshotShape | null {
  let found: ScoreSnapshotShape | null = null;
  for (const snapshot of snapshots) if (toDate(snapshot.asOf) <= at) found = snapshot;
  return found;
}

function orderedDomains(posture: PostureShape, baseline: ScoreSnapshotShape | null, basis: BoardReportData['period']['basis']): ReportDomain[] {
  const byDomain = new Map(posture.domains.map((d) => [d.domain, d]));
  return SCORE_DOMAINS.flatMap((domain) => {
    const d = byDomain.get(domain);
    if (!d) return [];
    const before = baseline?.domains.find((b) => b.domain === domain);
    const change =
      basis === 'PREVIOUS_WEEK'
        ? d.measured
          ? d.change
          : null
        : d.measured && d.score !== null && before?.measured && before.score !== null
          ? roundScore(d.score - before.score)
          : null;
    return [
      {
        domain,
        measured: d.measured,
        notMeasuredReason: d.measured ? null : (d.notMeasuredReason ?? null),
        score: d.measured ? d.score : null,
        band: d.measured ? d.band : null,
        change,
        findingCounts: d.findingCounts,
        explanation: d.measured ? (d.explanation?.terms ?? null) : null,
        metrics: (d.metrics ?? []).map((m) => ({ name: m.name, label: m.label, points: m.points, maxPoints: m.maxPoints })),
        findingSubjects: Object.fromEntries((d.contributions ?? []).map((c) => [c.fingerprint, c.subjectName])),
        daysToDetect: d.daysToDetect ?? null,
      },
    ];
  });
}

/** Stored weekly history, ending with the live posture when no snapshot was taken on the as-of day. */
function trendSeries(snapshots: readonly ScoreSnapshotShape[], posture: PostureShape, asOf: Date): TrendPoint[] {
  const points: TrendPoint[] = snapshots.map((s) => ({
    asOf: toIso(s.asOf),
    overall: s.overallScore,
    domains: Object.fromEntries(s.domains.map((d) => [d.domain, d.measured ? d.score : null])),
  }));
  const last = points.at(-1);
  if (!last || last.asOf.slice(0, 10) !== asOf.toISOString().slice(0, 10)) {
    points.push({
      asOf: asOf.toISOString(),
      overall: posture.overallScore,
      domains: Object.fromEntries(posture.domains.map((d) => [d.domain, d.measured ? d.score : null])),
    });
  }
  return points;
}

/** Fiscal years are taken as calendar years: the score for a past year is its last stored snapshot. */
function spendVsScore(
  budgets: Awaited<ReturnType<ReportDataSource['budgets']>>,
  snapshots: readonly ScoreSnapshotShape[],
  posture: PostureShape,
  asOf: Date,
): SpendScorePoint[] {
  const currentYear = asOf.getUTCFullYear();
  return budgets
    .filter((b) => b.itSpend > 0 && b.fiscalYear <= currentYear)
    .flatMap((b) => {
      const score =
        b.fiscalYear === currentYear
          ? posture.overallScore
          : ([...snapshots].reverse().find((s) => toDate(s.asOf).getUTCFullYear() === b.fiscalYear && s.overallScore !== null)?.overallScore ?? null);
      return score === null ? [] : [{ fiscalYear: b.fiscalYear, securityToItRatio: b.securitySpend / b.itSpend, score }];
    })
    .sort((a, b) => a.fiscalYear - b.fiscalYear);
}
