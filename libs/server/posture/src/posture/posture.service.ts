import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  assessBudget,
  computePostureScore,
  replay,
  selectBudget,
  SEVERITIES,
  type DomainScore,
  type FindingCandidate,
  type ReplayDetection,
  type ScorableFinding,
  type Severity,
} from '@postureboard/domain';
import { PostureInputRepository, ScoreSnapshotRepository, type OrganizationEntity, type SnapshotTrend, type SnapshotTrigger, type StoredFinding, type StoredSnapshot } from '@postureboard/server-database';
import { OrganizationService } from '@postureboard/server-organization';
import { PostureError, PostureErrorCode } from '../common/posture.error.js';
import { EvaluationService } from '../evaluation/evaluation.service.js';
import type { BudgetView, DomainScoreView, FindingCountsView, PostureView } from './posture.view.js';

const WEEK_MS = 7 * 24 * 3600 * 1000;
/** How long an evaluation of "now" answers for "now" while the data it read is unchanged (time still passes). */
const LIVE_POSTURE_TTL_MS = 60_000;
/**
 * At most this share of the time goes to re-evaluating an unchanged organisation for the passing of time
 * alone: an evaluation that takes 40 s (a large organisation) is redone every 400 s, not every minute, since
 * it holds a CPU (and, for its synchronous part, this process's event loop) while it runs.
 */
const LIVE_REFRESH_SHARE = 0.1;
const round1 = (n: number | null): number | null => (n === null ? null : Math.round(n * 10) / 10);

const countBySeverity = (counts: Record<Severity, number>): FindingCountsView => ({
  critical: counts.CRITICAL,
  high: counts.HIGH,
  medium: counts.MEDIUM,
  low: counts.LOW,
  total: SEVERITIES.reduce((sum, s) => sum + counts[s], 0),
});

/** Optional settings of the posture service (tests shorten the live posture's TTL). */
export const POSTURE_OPTIONS = Symbol('POSTURE_OPTIONS');
export interface PostureOptions {
  /** How long an evaluation of "now" answers before it is refreshed in the background. */
  liveTtlMs?: number;
  /** The share of time an unchanged organisation may be re-evaluated for the passing of time (0.1 by default). */
  liveRefreshShare?: number;
}

interface LiveEntry {
  version: string;
  at: number;
  /** How long the evaluation took, once done. */
  tookMs: number;
  result: Promise<PostureResult>;
}

/** A finding as stored (tracked), as opposed to a candidate evaluated for a past instant and never stored. */
export const isStoredFinding = (f: StoredFinding | FindingCandidate): f is StoredFinding => 'id' in f && 'status' in f;

export interface PostureResult {
  view: PostureView;
  /** Active findings behind the view (stored when evaluated now, candidates for a past `asOf`), worst first. */
  findings: (StoredFinding | FindingCandidate)[];
}

@Injectable()
export class PostureService {
  /** The latest evaluation of "now" per organization, with the data version it read. */
  private readonly live = new Map<string, LiveEntry>();
  /** Organisations whose live posture is being re-evaluated in the background. */
  private readonly refreshing = new Set<string>();
  /** Evaluations under way, by organisation and instant. */
  private readonly inFlight = new Map<string, Promise<PostureResult>>();
  /** Reads of the history up to now under way, by slug and weeks. */
  private readonly historyReads = new Map<string, Promise<StoredSnapshot<SnapshotTrend>[]>>();
  /** The look-up of an organisation and its data version under way, by slug: concurrent requests share one. */
  private readonly liveChecks = new Map<string, Promise<{ organization: OrganizationEntity; version: string }>>();

  constructor(
    private readonly organizations: OrganizationService,
    private readonly evaluation: EvaluationService,
    private readonly snapshots: ScoreSnapshotRepository,
    private readonly inputs: PostureInputRepository,
    @Optional() @Inject(POSTURE_OPTIONS) options?: PostureOptions,
  ) {
    this.liveTtlMs = options?.liveTtlMs ?? LIVE_POSTURE_TTL_MS;
    this.liveRefreshShare = options?.liveRefreshShare ?? LIVE_REFRESH_SHARE;
  }

  private readonly liveTtlMs: number;
  private readonly liveRefreshShare: number;

  /**
   * Evaluates and scores the organization at `asOf`. Without `asOf` ("now", the overview), the last evaluation
   * is reused while nothing it read has changed (and re-run in the background once it is a minute old, or
   * ten times as long as it took to evaluate, whichever is later): a
   * dashboard of many viewers then costs one evaluation, not one per request, and any ingest, status change
   * or setting change is seen at once.
   */
  async posture(orgSlug: string, asOf?: Date | null): Promise<PostureResult> {
    if (asOf) return this.postureOf(await this.organizations.getBySlug(orgSlug), asOf);
    const { organization, version } = await this.liveState(orgSlug);
    const cached = this.live.get(organization.id);
    if (cached && cached.version === version) {
      // Unchanged data, only time has passed: past the TTL the posture is re-evaluated in the background and
      // the previous one answers meanwhile (at scale an evaluation takes a minute; viewers should not wait).
      const ttl = Math.max(this.liveTtlMs, cached.tookMs / this.liveRefreshShare);
      if (Date.now() - cached.at >= ttl && !this.refreshing.has(organization.id)) this.refresh(organization, version, cached.result);
      return cached.result;
    }
    return this.refresh(organization, version, null).result;
  }

  /** Evaluates "now" and makes it the live posture once done (at once when there is nothing to answer with). */
  private refresh(organization: OrganizationEntity, version: string, answering: Promise<PostureResult> | null): LiveEntry {
    const started = Date.now();
    const entry: LiveEntry = { version, at: started, tookMs: 0, result: this.postureOf(organization, new Date(started)) };
    if (answering === null) this.live.set(organization.id, entry);
    else this.refreshing.add(organization.id);
    entry.result.then(
      async () => {
        entry.tookMs = Date.now() - started;
        // Evaluating records its own findings' history: the version to compare with is the one after it.
        entry.version = await this.inputs.dataVersion(organization.id);
        if (answering !== null && this.live.get(organization.id)?.result === answering) this.live.set(organization.id, entry);
      },
      () => {
        if (this.live.get(organization.id) === entry) this.live.delete(organization.id);
      },
    )
      .finally(() => {
        if (answering !== null) this.refreshing.delete(organization.id);
      })
      .catch(() => undefined); // a failed version check only leaves the previous posture answering
    return entry;
  }

  /**
   * Evaluates and scores at `asOf`. Callers asking for the same organisation and instant while an evaluation
   * is under way share it.
   */
  postureOf(organization: OrganizationEntity, asOf: Date): Promise<PostureResult> {
    return shared(this.inFlight, `${organization.id}|${asOf.getTime()}`, () => this.evaluatePosture(organization, asOf));
  }

  private async evaluatePosture(organization: OrganizationEntity, asOf: Date): Promise<PostureResult> {
    const evaluation = await this.evaluation.evaluate(organization.id, asOf);
    const scorable: ScorableFinding[] = evaluation.findings ?? evaluation.candidates;
    const score = computePostureScore(evaluation.input, scorable, asOf);
    const previous = await this.snapshots.latestBefore<PostureView>(organization.id, new Date(asOf.getTime() - WEEK_MS));
    const findingIds = new Map((evaluation.findings ?? []).map((f) => [f.fingerprint, f.id]));
    const domains = score.domains.map((d) => toDomainView(d, previous?.posture, findingIds));
    const tracked: (StoredFinding | FindingCandidate)[] = evaluation.findings ?? evaluation.candidates;
    const active = tracked.filter((f) => !('status' in f) || f.status !== 'RESOLVED');
    const totals = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0 } as Record<Severity, number>;
    for (const f of active) totals[f.severity] += 1;
    const budgetRow = selectBudget(evaluation.input.budgets, asOf, evaluation.input.organisation.fiscalYearStartMonth);
    const view: PostureView = {
      organization: { slug: organization.slug, name: organization.name, currency: organization.currency, approvedCountries: organization.approvedCountries },
      asOf,
      overallScore: round1(score.overall.score),
      overallBand: score.overall.band,
      overallChange: change(score.overall.score, previous?.posture.overallScore ?? null),
      overallNotMeasuredReason: score.overall.reason,
      domains,
      budget: budgetRow ? toBudgetView(budgetRow, organization) : null,
      findingCounts: countBySeverity(totals),
      overdueKeys: active.filter((f) => f.kind === 'KEY_ROTATION_OVERDUE').length,
    };
    return { view, findings: active };
  }

  /**
   * The organisation and the version of the data its posture reads, for "now": one look-up per organisation
   * at a time, and requests arriving meanwhile share its answer (a dashboard of many viewers asks at once).
   */
  private liveState(orgSlug: string): Promise<{ organization: OrganizationEntity; version: string }> {
    return shared(this.liveChecks, orgSlug, async () => {
      const organization = await this.organizations.getBySlug(orgSlug);
      return { organization, version: await this.inputs.dataVersion(organization.id) };
    });
  }

  /** Stores an immutable snapshot of the posture at `asOf` (idempotent for the same instant). */
  async snapshot(orgSlug: string, asOf: Date, trigger: SnapshotTrigger): Promise<StoredSnapshot<PostureView>> {
    const organization = await this.organizations.getBySlug(orgSlug);
    const { view } = await this.postureOf(organization, asOf);
    return this.snapshots.insert(organization.id, asOf, trigger, view.overallScore, view.overallBand, view);
  }

  /**
   * The stored snapshots of the `weeks` up to `until` (now by default), oldest first. Requests for the same
   * organisation and weeks up to now that arrive while one is read share it.
   */
  history(orgSlug: string, weeks: number, until?: Date): Promise<StoredSnapshot<SnapshotTrend>[]> {
    if (!Number.isInteger(weeks) || weeks < 1 || weeks > 520) return Promise.reject(new PostureError(PostureErrorCode.INVALID_INPUT, '`weeks` must be between 1 and 520'));
    const read = async (end: Date) => {
      const organization = await this.organizations.getBySlug(orgSlug);
      return this.snapshots.history(organization.id, new Date(end.getTime() - weeks * WEEK_MS), end);
    };
    if (until) return read(until);
    return shared(this.historyReads, `${orgSlug}|${weeks}`, () => read(new Date()));
  }

  /** "Days to detect": for each finding that would have fired in the window, the first day it would have. */
  async replay(orgSlug: string, from: Date, to: Date): Promise<ReplayDetection[]> {
    if (!(from.getTime() <= to.getTime())) throw new PostureError(PostureErrorCode.INVALID_INPUT, '`from` must not be after `to`');
    if (to.getTime() - from.getTime() > 3 * 366 * 24 * 3600 * 1000) throw new PostureError(PostureErrorCode.INVALID_INPUT, 'replay covers at most three years');
    const organization = await this.organizations.getBySlug(orgSlug);
    const input = await this.inputs.load(organization.id, to);
    return replay(input, from, to);
  }
}

/** The promise under way for `key`, else `start()`'s, kept in `running` until it settles: callers at once share one. */
function shared<V>(running: Map<string, Promise<V>>, key: string, start: () => Promise<V>): Promise<V> {
  const existing = running.get(key);
  if (existing) return existing;
  const started = start().finally(() => running.delete(key));
  running.set(key, started);
  return started;
}

function change(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : round1(current - previous);
}

function toDomainView(d: DomainScore, previous: PostureView | undefined, findingIds: Map<string, string>): DomainScoreView {
  const before = previous?.domains.find((p) => p.domain === d.domain);
  return {
    domain: d.domain,
    measured: d.measured,
    notMeasuredReason: d.measured ? null : d.reason,
    score: round1(d.score),
    band: d.band,
    change: before?.measured ? change(d.score, before.score) : null,
    penaltyPoints: round1(d.penaltyPoints) ?? 0,
    metrics: d.metrics.map((m) => ({
      name: m.name,
      label: m.label,
      measured: m.measured,
      reason: m.reason,
      value: m.value,
      numerator: m.numerator,
      denominator: m.denominator,
      weight: m.weight,
      maxPoints: round1(m.maxPoints) ?? 0,
      points: round1(m.points) ?? 0,
    })),
    contributions: d.contributions.map((c) => ({
      findingId: findingIds.get(c.fingerprint) ?? null,
      fingerprint: c.fingerprint,
      kind: c.kind,
      severity: c.severity,
      subjectName: c.subject.name,
      points: round1(c.points) ?? 0,
    })),
    findingCounts: countBySeverity(d.findingCounts),
  };
}

function toBudgetView(budget: Parameters<typeof assessBudget>[0], organization: OrganizationEntity): BudgetView {
  const assessed = assessBudget(budget, {
    securityToIt: { target: organization.itRatioBenchmark, tolerance: 0.1 },
    securityToRevenue: { target: organization.revenueRatioBenchmark, tolerance: 0.1 },
  });
  return {
    fiscalYear: assessed.fiscalYear,
    currency: assessed.currency,
    itSpend: assessed.itSpend,
    securitySpend: assessed.securitySpend,
    revenue: assessed.revenue,
    securityToItRatio: assessed.securityToIt.ratio,
    securityToRevenueRatio: assessed.securityToRevenue.ratio,
    itBenchmark: assessed.securityToIt.benchmark,
    revenueBenchmark: assessed.securityToRevenue.benchmark,
    itStatus: assessed.securityToIt.status,
    revenueStatus: assessed.securityToRevenue.status,
  };
}
